// One group of "Việc của tôi": each task a line that opens its document — the
// letter's số đến and ký hiệu (or "Dự thảo"), its trích yếu, what is asked of
// the official, where it stands and its deadline.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Urgency } from '../../../../shared/domain.ts';
import type { TaskView } from '../../../../shared/handling.ts';
import { routeHash } from '../../app/router.ts';
import { formatDate } from '../../components/dates.ts';
import { UrgencyTag } from '../../components/Tags.tsx';

function Reference({ task }: { task: TaskView }) {
  const { t } = useTranslation('handling');
  if (task.direction === 'outgoing') return <span className="task-ref">{t('tasks.draft')}</span>;
  return (
    <span className="task-ref">
      {task.registerNumber !== null && t('tasks.incomingNumber', { number: task.registerNumber })}
      {task.notation && ` · ${task.notation}`}
    </span>
  );
}

export function TaskList({ tasks }: { tasks: TaskView[] }) {
  const { t } = useTranslation('handling');
  if (tasks.length === 0) return <div className="muted tasks-empty">{t('tasks.empty')}</div>;
  return (
    <ul className="task-list" data-testid="task-list">
      {tasks.map((task) => (
        <li key={`${task.documentId}:${task.role}`}>
          <a
            className={task.overdue ? 'task-row task-row-overdue' : 'task-row'}
            href={routeHash({ name: 'document', id: task.documentId })}
            data-testid="task-row"
            data-document-id={task.documentId}
            data-role={task.role}
            data-state={task.state}
          >
            <span className="task-main">
              <span className="task-line">
                <Reference task={task} />
                <UrgencyTag urgency={task.urgency as Urgency} />
              </span>
              <span className="task-subject">{task.subject}</span>
            </span>
            <span className="task-role">
              <Tag>{t(`tasks.role.${task.role}`)}</Tag>
            </span>
            <span className="task-state muted">{t(`state.${task.state}`)}</span>
            <span className="task-due">
              {formatDate(task.dueOn)} {task.overdue && <Tag color="error">{t('overdue')}</Tag>}
              {task.dueSoon && !task.overdue && <Tag color="warning">{t('dueSoon')}</Tag>}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
