// Two leaders decided the same document on their own desktops before these
// synced: both decisions are kept, each is listed (who, to whom, by when),
// and the one in force says so until a leader who has seen them all decides
// again (core/workflow/handling-state.ts).
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandlingConflictEventView, HandlingConflictView } from '../../../../shared/handling.ts';
import { formatDate, formatDateTime } from '../../components/dates.ts';
import { personLabel } from './person-label.ts';

function ConflictLine({ event }: { event: HandlingConflictEventView }) {
  const { t } = useTranslation('handling');
  const values = {
    at: formatDateTime(event.at),
    by: personLabel(event.by),
    main: event.main?.name ?? '',
    dueOn: formatDate(event.dueOn),
  };
  const text =
    event.kind === 'assigned'
      ? t('conflict.assigned', values)
      : event.kind === 'extension-refused'
        ? t('conflict.refused', values)
        : t('conflict.granted', values);
  return (
    <li data-testid="handling-conflict-event" data-in-force={event.inForce}>
      {text}
      {event.inForce && <strong> {t('conflict.inForce')}</strong>}
    </li>
  );
}

export function HandlingConflictAlert({ conflict }: { conflict: HandlingConflictView }) {
  const { t } = useTranslation('handling');
  const many = conflict.events.length > 2;
  const assignment = conflict.kind === 'assignment';
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="handling-conflict"
      data-kind={conflict.kind}
      title={
        assignment
          ? t(many ? 'conflict.assignmentTitleMany' : 'conflict.assignmentTitle')
          : t(many ? 'conflict.extensionTitleMany' : 'conflict.extensionTitle')
      }
      description={
        <>
          <ul className="handling-conflict-list">
            {conflict.events.map((event) => (
              <ConflictLine key={event.id} event={event} />
            ))}
          </ul>
          {t(assignment ? 'conflict.assignmentHelp' : 'conflict.extensionHelp')}
        </>
      }
    />
  );
}
