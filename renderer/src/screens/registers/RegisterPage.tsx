// One register screen: the incoming register, the outgoing register (issued
// documents) or the drafts. Outgoing rows can be ticked and signed together.
import { EditOutlined, FileAddOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, type RegisterView } from '../../app/router.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatCount } from '../../components/numbers.ts';
import { isUnfiltered, noFilters, registerQuery, type RegisterFilterValues } from './query.ts';
import { RegisterFilters } from './RegisterFilters.tsx';
import { RegisterTable } from './RegisterTable.tsx';
import { useRegisterPages } from './useRegisterPages.ts';

// Loaded when the clerk first signs from a register, not with the register itself.
const SignDialog = lazy(() => import('../sign/SignDialog.tsx').then((module) => ({ default: module.SignDialog })));

export function RegisterPage({ view }: { view: RegisterView }) {
  const { t, i18n } = useTranslation('registers');
  const [filters, setFilters] = useState<RegisterFilterValues>(noFilters);
  const [reloadToken, setReloadToken] = useState(0);
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set());
  const [signing, setSigning] = useState(false);
  const selectable = view !== 'incoming';

  const query = useMemo(() => registerQuery(view, filters), [view, filters]);
  const { pages, version } = useRegisterPages(query, reloadToken);

  const checkedIds = useMemo(() => [...checked], [checked]);
  const onCheck = useCallback((id: string, on: boolean) => {
    setChecked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const total = pages.total;
  return (
    <div className="register-page">
      <div className="page-toolbar">
        <Typography.Title level={4} className="page-title">
          {t(`titles.${view}`)}
        </Typography.Title>
        <span className="register-total" data-testid="register-total" data-total={total ?? undefined}>
          {total === null ? t('loading') : t('total', { count: total, formatted: formatCount(total, i18n.language) })}
        </span>
        <div className="page-toolbar-actions">
          {selectable && (
            <>
              {checked.size > 0 && (
                <Button size="small" onClick={() => setChecked(new Set())}>
                  {t('clearSelection')}
                </Button>
              )}
              <Button
                size="small"
                icon={<SafetyCertificateOutlined />}
                disabled={checked.size === 0}
                onClick={() => setSigning(true)}
              >
                {t('signSelected', { count: checked.size })}
              </Button>
            </>
          )}
          {view === 'incoming' ? (
            <Button
              type="primary"
              size="small"
              icon={<FileAddOutlined />}
              data-testid="register-incoming-button"
              onClick={() => navigate({ name: 'incoming-new' })}
            >
              {t('registerIncoming')}
            </Button>
          ) : (
            <Button
              type="primary"
              size="small"
              icon={<EditOutlined />}
              data-testid="draft-outgoing-button"
              onClick={() => navigate({ name: 'outgoing-new' })}
            >
              {t('draftOutgoing')}
            </Button>
          )}
        </div>
      </div>
      <RegisterFilters
        view={view}
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setChecked(new Set());
        }}
      />
      {pages.error && (
        <div className="inline-error">
          <ErrorNotice error={pages.error} />
          <Button size="small" onClick={() => pages.retry()}>
            {t('common:retry')}
          </Button>
        </div>
      )}
      <RegisterTable
        view={view}
        pages={pages}
        version={version}
        selectable={selectable}
        checked={checked}
        onCheck={onCheck}
        unfiltered={isUnfiltered(filters)}
      />
      {signing && (
        <Suspense>
          <SignDialog
            open
            documentIds={checkedIds}
            onClose={() => setSigning(false)}
            onDone={() => {
              setSigning(false);
              setChecked(new Set());
              setReloadToken((n) => n + 1);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
