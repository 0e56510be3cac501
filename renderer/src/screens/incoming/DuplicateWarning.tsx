// "This document seems to be in the register already": the entries it
// repeats, each a link, and the way to register it anyway when it is a
// different document after all (Decree 30, Appendix VI: warn, do not forbid).
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrefillView } from '../../../../shared/api.ts';
import { routeHash } from '../../app/router.ts';
import { formatDate } from '../../components/dates.ts';

export function DuplicateWarning({
  duplicates,
  message,
  busy,
  onRegisterAnyway,
}: {
  duplicates: PrefillView['duplicates'];
  /** Core's own words when it refused the registration. */
  message: string | null;
  busy: boolean;
  onRegisterAnyway: () => void;
}) {
  const { t } = useTranslation('incoming');
  return (
    <Alert
      data-testid="duplicate-warning"
      type="warning"
      showIcon
      title={t('duplicate.title')}
      description={
        <div className="duplicate-body">
          {message && <p>{message}</p>}
          {duplicates.length > 0 && (
            <ul className="duplicate-list">
              {duplicates.map((duplicate) => (
                <li key={duplicate.id}>
                  <a href={routeHash({ name: 'document', id: duplicate.id })}>
                    {duplicate.registerNumber === null
                      ? t('duplicate.unnumbered')
                      : t('duplicate.entry', { number: duplicate.registerNumber, year: duplicate.registerYear })}
                  </a>
                  {duplicate.arrivedOn && (
                    <span className="muted">
                      {' '}
                      · {t('duplicate.arrived', { date: formatDate(duplicate.arrivedOn) })}
                    </span>
                  )}
                  <div className="duplicate-subject">{duplicate.subject}</div>
                </li>
              ))}
            </ul>
          )}
          <Button size="small" danger data-testid="register-anyway" loading={busy} onClick={onRegisterAnyway}>
            {t('duplicate.registerAnyway')}
          </Button>
        </div>
      }
    />
  );
}
