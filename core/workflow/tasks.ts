// "Việc của tôi": what waits on the official at the desk — assigned to them,
// waiting for their direction, approval or signature — with what is due soon
// or overdue counted in working days.
import type { Outputs } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import type { TaskView } from '../../shared/handling.ts';
import type { Core } from '../context.ts';
import { hasPersonalSignature, listTasks } from '../db/handling.ts';
import { getDocumentRow } from '../db/documents.ts';
import { actingPerson, toPersonRef } from './people.ts';
import { workingCalendar } from './working-days.ts';

export function listMyTasks(core: Core): Outputs['tasks.list'] {
  const person = actingPerson(core);
  const today = localDate(core.now());
  const calendar = workingCalendar(core.db);
  const tasks: TaskView[] = [];
  for (const row of listTasks(core.db, person.id)) {
    // An approved draft waits for its signature; once signed (or issued) it is the clerk's, not the leader's.
    if (row.role === 'approve' && row.state === 'approved') {
      const document = getDocumentRow(core.db, row.documentId);
      if (document?.state !== 'draft' || hasPersonalSignature(core.db, row.documentId)) continue;
    }
    const open = row.state !== 'completed' && row.dueOn !== null && row.role !== 'inform';
    tasks.push({
      documentId: row.documentId,
      role: row.role,
      state: row.state,
      dueOn: row.dueOn,
      overdue: open && calendar.isOverdue(row.dueOn!, today),
      dueSoon: open && calendar.isDueSoon(row.dueOn!, today),
      direction: row.direction,
      subject: row.subject,
      notation: row.notation,
      registerNumber: row.registerNumber,
      urgency: row.urgency,
      updatedAt: row.updatedHlc.slice(0, 24),
    });
  }
  const assigned = new Set(tasks.filter((t) => t.role === 'main' || t.role === 'with').map((t) => t.documentId));
  const waiting = new Set(tasks.filter((t) => t.role === 'direct' || t.role === 'approve').map((t) => t.documentId));
  return {
    person: toPersonRef(person),
    today,
    tasks,
    counts: {
      assigned: assigned.size,
      waiting: waiting.size,
      dueSoon: new Set(tasks.filter((t) => t.dueSoon).map((t) => t.documentId)).size,
      overdue: new Set(tasks.filter((t) => t.overdue).map((t) => t.documentId)).size,
      total: new Set(tasks.map((t) => t.documentId)).size,
    },
  };
}
