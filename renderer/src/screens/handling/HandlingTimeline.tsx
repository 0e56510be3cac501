// The handling's events, oldest first as a leader reads a letter's route:
// when (local dd/mm/yyyy hh:mm), what (to whom, the deadline), who, and the note.
import { useTranslation } from 'react-i18next';
import type { HandlingEventView } from '../../../../shared/handling.ts';
import { routeHash } from '../../app/router.ts';
import { formatDate, formatDateTime } from '../../components/dates.ts';
import { personLabel } from './person-label.ts';

function EventLines({ event }: { event: HandlingEventView }) {
  const { t } = useTranslation('handling');
  const lines: string[] = [];
  if (event.with.length > 0) lines.push(t('eventLine.with', { names: event.with.map((p) => p.name).join(', ') }));
  if (event.inform.length > 0) lines.push(t('eventLine.inform', { names: event.inform.map((p) => p.name).join(', ') }));
  if (event.kind === 'assigned' && event.dueOn) lines.push(t('eventLine.dueOn', { dueOn: formatDate(event.dueOn) }));
  return (
    <>
      {lines.map((line) => (
        <span key={line} className="history-line muted">
          {line}
        </span>
      ))}
      {event.note && (
        <span className="history-line handling-note" data-testid="handling-event-note">
          “{event.note}”
        </span>
      )}
      {event.replyDraftId && (
        <a className="history-line" href={routeHash({ name: 'document', id: event.replyDraftId })}>
          {t('eventLine.replyDraft')}
        </a>
      )}
    </>
  );
}

export function HandlingTimeline({ events }: { events: HandlingEventView[] }) {
  const { t } = useTranslation('handling');
  if (events.length === 0) return <div className="muted handling-empty">{t('noEvents')}</div>;
  return (
    <ol className="history-list" data-testid="handling-timeline">
      {events.map((event) => (
        <li key={event.id} className="history-item" data-testid="handling-event" data-kind={event.kind}>
          <span className="history-time">{formatDateTime(event.at)}</span>
          <span className="history-action">
            {t(`event.${event.kind}`, {
              to: event.to?.name ?? '',
              main: event.main?.name ?? '',
              dueOn: formatDate(event.dueOn),
            })}
            <EventLines event={event} />
          </span>
          <span className="history-actor" title={personLabel(event.by)}>
            {event.by.name}
          </span>
        </li>
      ))}
    </ol>
  );
}
