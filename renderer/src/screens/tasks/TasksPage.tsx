// Việc của tôi: what waits on the official at the desk — letters assigned to
// them (xử lý chính, phối hợp), letters and drafts waiting for their direction,
// approval or signature, letters sent to them để biết — and, across those,
// what is due soon or overdue. Nobody at the desk: where to say who you are.
import { Alert, Button, Segmented, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '../../../../shared/handling.ts';
import { useDeskPerson } from '../../app/desk-person.tsx';
import { formatDate } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { TaskList } from './TaskList.tsx';
import { useTasks } from './use-tasks.ts';

type Group = 'assigned' | 'waiting' | 'inform' | 'dueSoon' | 'overdue';

const groups: Record<Group, (task: TaskView) => boolean> = {
  assigned: (task) => (task.role === 'main' || task.role === 'with') && task.state !== 'completed',
  waiting: (task) => task.role === 'direct' || task.role === 'approve',
  inform: (task) => task.role === 'inform',
  dueSoon: (task) => task.dueSoon && !task.overdue,
  overdue: (task) => task.overdue,
};

export function TasksPage() {
  const { t } = useTranslation('handling');
  const desk = useDeskPerson();
  const { state, reload } = useTasks(desk.version);
  const [group, setGroup] = useState<Group>('assigned');

  return (
    <div className="page-padded tasks-page" data-testid="tasks-page" data-state={state.status}>
      <div className="page-toolbar tasks-toolbar">
        <h1 className="page-title">{t('tasks.title')}</h1>
        {state.status === 'ready' && (
          <span className="muted" data-testid="tasks-person" data-person-id={state.list.person.id}>
            {t('tasks.of', { name: state.list.person.name })} ·{' '}
            {t('tasks.today', { date: formatDate(state.list.today) })}
          </span>
        )}
      </div>
      {state.status === 'loading' && <Spin />}
      {state.status === 'nobody' && (
        <Alert
          data-testid="tasks-nobody"
          type="info"
          showIcon
          title={t('tasks.nobody')}
          description={t('tasks.nobodyHelp')}
        />
      )}
      {state.status === 'error' && (
        <div className="inline-error">
          <ErrorNotice error={state.error} />
          <Button size="small" onClick={reload}>
            {t('tasks.retry')}
          </Button>
        </div>
      )}
      {state.status === 'ready' && (
        <>
          <Segmented<Group>
            className="tasks-groups"
            data-testid="tasks-groups"
            value={group}
            onChange={setGroup}
            options={(Object.keys(groups) as Group[]).map((key) => {
              const count = state.list.tasks.filter(groups[key]).length;
              return {
                value: key,
                label: (
                  <span data-testid={`tasks-tab-${key}`} data-count={count}>
                    {t(`tasks.tab.${key}`)}{' '}
                    <Typography.Text type={key === 'overdue' && count > 0 ? 'danger' : 'secondary'}>
                      ({count})
                    </Typography.Text>
                  </span>
                ),
              };
            })}
          />
          <div data-testid="tasks-group" data-group={group}>
            <TaskList tasks={state.list.tasks.filter(groups[group])} />
          </div>
        </>
      )}
    </div>
  );
}
