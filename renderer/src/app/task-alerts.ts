// What "Việc của tôi" tells the official at the desk without being opened:
// the count in the window title (and the tray, which reads the same poll),
// a notification when a task appears that this session has not seen, and
// once a day, at the first poll of the commune's day, how many there are.
// Pure: the poll hook (use-task-poll.ts) feeds it each answer of tasks.list
// and shows what it returns.
import type { TaskCounts, TaskView } from '../../../shared/handling.ts';

export interface TaskAlertState {
  /** Whose tasks were seen: another official at the desk starts afresh. */
  personId: string | null;
  /** documentId + role of every task this session has seen for that official. */
  seen: ReadonlySet<string>;
  /** The day (YYYY-MM-DD, the commune's) each official last got the morning summary. */
  mornings: Readonly<Record<string, string>>;
}

export interface TaskPoll {
  person: { id: string };
  /** The commune's today, as core counts days. */
  today: string;
  tasks: readonly TaskView[];
  counts: TaskCounts;
}

export type TaskAlert = { kind: 'morning'; total: number; overdue: number } | { kind: 'new'; tasks: TaskView[] };

export const emptyAlertState = (mornings: Record<string, string> = {}): TaskAlertState => ({
  personId: null,
  seen: new Set(),
  mornings,
});

export const taskKey = (task: Pick<TaskView, 'documentId' | 'role'>) => `${task.documentId}:${task.role}`;

/**
 * The alerts one poll brings. The first poll for an official only learns what
 * is already there (the morning summary speaks for it); a later one tells of
 * each task not seen before. The morning summary comes once a day per
 * official, and only when there is something to do; it stands for the new
 * tasks of the poll that brings it.
 */
export function taskAlerts(state: TaskAlertState, poll: TaskPoll): { state: TaskAlertState; alerts: TaskAlert[] } {
  const samePerson = state.personId === poll.person.id;
  const keys = poll.tasks.map(taskKey);
  const alerts: TaskAlert[] = [];

  const morningDue = state.mornings[poll.person.id] !== poll.today;
  if (morningDue && poll.counts.total > 0) {
    alerts.push({ kind: 'morning', total: poll.counts.total, overdue: poll.counts.overdue });
  }
  // The morning summary counts what came overnight: no second notification beside it.
  if (samePerson && alerts.length === 0) {
    const fresh = poll.tasks.filter((task) => !state.seen.has(taskKey(task)));
    if (fresh.length > 0) alerts.push({ kind: 'new', tasks: fresh });
  }

  const seen = new Set(samePerson ? state.seen : []);
  for (const key of keys) seen.add(key);
  const mornings = morningDue ? { ...state.mornings, [poll.person.id]: poll.today } : state.mornings;
  return { state: { personId: poll.person.id, seen, mornings }, alerts };
}

/** The window title: the count of tasks first, so it shows in the taskbar too. */
export function windowTitle(brand: string, officeName: string, total: number | null): string {
  const title = `${brand} — ${officeName}`;
  return total ? `(${total}) ${title}` : title;
}
