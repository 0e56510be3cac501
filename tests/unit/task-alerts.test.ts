// What "Việc của tôi" tells the official at the desk between two looks at it:
// a notification for each task this session has not seen, a summary at the
// first poll of each day, and the count in the window title.
import { describe, expect, it } from 'vitest';
import type { TaskCounts, TaskView } from '../../shared/handling.ts';
import {
  emptyAlertState,
  taskAlerts,
  windowTitle,
  type TaskAlertState,
  type TaskPoll,
} from '../../renderer/src/app/task-alerts.ts';

function task(documentId: string, role: TaskView['role'] = 'main', overdue = false): TaskView {
  return {
    documentId,
    role,
    state: 'assigned',
    dueOn: '2026-06-12',
    overdue,
    dueSoon: false,
    direction: 'incoming',
    subject: `Văn bản ${documentId}`,
    notation: null,
    registerNumber: 1,
    urgency: 'thuong',
    updatedAt: '2026-06-10T02:00:00.000Z',
  };
}

function poll(personId: string, today: string, tasks: TaskView[]): TaskPoll {
  const counts: TaskCounts = {
    assigned: tasks.length,
    waiting: 0,
    dueSoon: 0,
    overdue: tasks.filter((each) => each.overdue).length,
    total: tasks.length,
  };
  return { person: { id: personId }, today, tasks, counts };
}

/** Polls in a row from `state`, returning each poll's alerts and the state after. */
function run(state: TaskAlertState, ...polls: TaskPoll[]) {
  const alerts = [];
  for (const each of polls) {
    const next = taskAlerts(state, each);
    alerts.push(next.alerts);
    state = next.state;
  }
  return { alerts, state };
}

describe('task alerts', () => {
  it('greets the official in the morning with the day’s count and what is overdue, once', () => {
    const tasks = [task('a'), task('b', 'main', true), task('c', 'with')];
    const { alerts } = run(emptyAlertState(), poll('an', '2026-06-10', tasks), poll('an', '2026-06-10', tasks));
    expect(alerts).toEqual([[{ kind: 'morning', total: 3, overdue: 1 }], []]);
  });

  it('says nothing in the morning when there is nothing to do, and still only once that day', () => {
    const { alerts } = run(emptyAlertState(), poll('an', '2026-06-10', []), poll('an', '2026-06-10', [task('a')]));
    // The task that came later that day is news, not a morning summary.
    expect(alerts[0]).toEqual([]);
    expect(alerts[1]).toEqual([{ kind: 'new', tasks: [task('a')] }]);
  });

  it('tells of a task assigned since the last poll, by document and role', () => {
    const first = [task('a')];
    const { alerts } = run(
      emptyAlertState(),
      poll('an', '2026-06-10', first),
      poll('an', '2026-06-10', [...first, task('b')]),
      // The same document again, now also to approve: a new task.
      poll('an', '2026-06-10', [task('a'), task('b'), task('b', 'approve')]),
      poll('an', '2026-06-10', [task('a'), task('b'), task('b', 'approve')]),
    );
    expect(alerts.slice(1)).toEqual([
      [{ kind: 'new', tasks: [task('b')] }],
      [{ kind: 'new', tasks: [task('b', 'approve')] }],
      [],
    ]);
  });

  it('does not tell again of a task that went away and came back in the same session', () => {
    const { alerts } = run(
      emptyAlertState(),
      poll('an', '2026-06-10', [task('a')]),
      poll('an', '2026-06-10', []),
      poll('an', '2026-06-10', [task('a')]),
    );
    expect(alerts.slice(1)).toEqual([[], []]);
  });

  it('gives the next morning’s summary instead of a list of what came overnight', () => {
    const { alerts } = run(
      emptyAlertState(),
      poll('an', '2026-06-10', [task('a')]),
      poll('an', '2026-06-11', [task('a'), task('b'), task('c', 'main', true)]),
      poll('an', '2026-06-11', [task('a'), task('b'), task('c', 'main', true), task('d')]),
    );
    expect(alerts).toEqual([
      [{ kind: 'morning', total: 1, overdue: 0 }],
      [{ kind: 'morning', total: 3, overdue: 1 }],
      [{ kind: 'new', tasks: [task('d')] }],
    ]);
  });

  it('starts afresh for another official at the desk: their tasks are not news, their morning is theirs', () => {
    const { alerts, state } = run(
      emptyAlertState(),
      poll('an', '2026-06-10', [task('a')]),
      poll('binh', '2026-06-10', [task('b'), task('c')]),
      poll('binh', '2026-06-10', [task('b'), task('c')]),
      // An comes back the same day: no second morning, and the desk has forgotten what An had seen.
      poll('an', '2026-06-10', [task('a'), task('e')]),
      poll('an', '2026-06-10', [task('a'), task('e'), task('f')]),
    );
    expect(alerts).toEqual([
      [{ kind: 'morning', total: 1, overdue: 0 }],
      [{ kind: 'morning', total: 2, overdue: 0 }],
      [],
      [],
      [{ kind: 'new', tasks: [task('f')] }],
    ]);
    expect(state.mornings).toEqual({ an: '2026-06-10', binh: '2026-06-10' });
  });

  it('remembers across a restart that this morning’s summary was given', () => {
    const { alerts } = run(emptyAlertState({ an: '2026-06-10' }), poll('an', '2026-06-10', [task('a')]));
    expect(alerts).toEqual([[]]);
  });

  it('puts the count first in the window title, and nothing when there is nothing to do', () => {
    expect(windowTitle('Văn thư', 'UBND xã Yên Lạc', 3)).toBe('(3) Văn thư — UBND xã Yên Lạc');
    expect(windowTitle('Văn thư', 'UBND xã Yên Lạc', 0)).toBe('Văn thư — UBND xã Yên Lạc');
    expect(windowTitle('Văn thư', 'UBND xã Yên Lạc', null)).toBe('Văn thư — UBND xã Yên Lạc');
  });
});
