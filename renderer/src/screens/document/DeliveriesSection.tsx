// Nơi nhận and what each recipient's system reported back (đã đến, đã vào
// sổ, đang xử lý…), oldest first as they arrived.
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/api.ts';
import { formatDateTime } from '../../components/dates.ts';
import { Section } from '../../components/Section.tsx';

export function DeliveriesSection({ document }: { document: DocumentView }) {
  const { t } = useTranslation('document');
  return (
    <Section title={t('sections.deliveries', { count: document.recipients.length })}>
      {document.recipients.length === 0 && <div className="muted">{t('deliveries.noRecipients')}</div>}
      <ul className="plain-list">
        {document.recipients.map((recipient, index) => (
          <li key={`${recipient.agencyCode ?? ''}:${recipient.name ?? ''}:${index}`} className="plain-list-item">
            <span className="plain-list-main">{recipient.name ?? recipient.agencyCode}</span>
            <span className="muted">
              {recipient.agencyCode
                ? t('deliveries.electronic', { code: recipient.agencyCode })
                : t('deliveries.paper')}
            </span>
          </li>
        ))}
      </ul>
      {document.deliveries.length > 0 && (
        <ol className="history-list delivery-list">
          {document.deliveries.map((delivery, index) => (
            <li
              key={`${delivery.agencyCode}:${delivery.at}:${index}`}
              className="history-item"
              data-testid="delivery-item"
              title={delivery.description}
            >
              <span className="history-time">{formatDateTime(delivery.at)}</span>
              <span className="history-action">
                {delivery.agencyName}: <strong>{delivery.statusText}</strong>
                {delivery.description && <span className="muted"> — {delivery.description}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
