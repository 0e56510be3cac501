// The edXML statuses a recipient owes the sender as its desks handle a
// document the hub delivered (QCVN 102 §1.6): the hub derives them from the
// handling events itself, once per document and code, with the handler as
// StaffInfo, so no desk has to remember to send them.
import {
  statusLabels,
  type DeskDocument,
  type DeskEvent,
  type PersonRecord,
  type StatusCode,
} from '../../shared/sync-protocol.ts';
import type { HandlingEventKind } from '../../shared/handling-words.ts';
import { getAgency } from '../db/agencies.ts';
import type { Queryable } from '../db/database.ts';
import { hasStatusEvent, insertStatusEvent, isDeliveredTo } from '../db/documents.ts';
import type { FeedWrite } from '../db/feed.ts';

const STATUS_OF: Partial<Record<HandlingEventKind, StatusCode>> = {
  assigned: '04',
  received: '05',
  'in-progress': '05',
  completed: '06',
};

/**
 * Records the status `event` means for the sender of `document`, if any and
 * not sent before, and returns its feed write for the sender's feed.
 * `people` holds every official the event names.
 */
export async function handlingStatus(
  q: Queryable,
  agency: string,
  document: DeskDocument,
  event: DeskEvent,
  people: ReadonlyMap<string, PersonRecord>,
): Promise<FeedWrite | null> {
  const statusCode = STATUS_OF[event.kind];
  const sender = document.hubSender;
  if (!statusCode || sender === null || sender === agency) return null;
  if (!(await isDeliveredTo(q, sender, event.documentId, agency))) return null;
  if (await hasStatusEvent(q, { from: agency, owner: sender, documentId: event.documentId, statusCode })) return null;
  // 04 names whom it was assigned to; 05 and 06 the one who did it.
  const handler = people.get(statusCode === '04' ? (event.detail.main ?? event.personId) : event.personId);
  if (!handler) return null;
  const description = `${statusLabels[statusCode]}: ${handler.name}${handler.unit ? ` – ${handler.unit}` : ''}`.slice(
    0,
    500,
  );
  await insertStatusEvent(q, {
    changeId: event.id,
    from: agency,
    owner: sender,
    documentId: event.documentId,
    statusCode,
    description,
    at: event.at,
  });
  const from = (await getAgency(q, agency))!;
  return {
    agency: sender,
    kind: 'status',
    item: {
      kind: 'status',
      documentId: event.documentId,
      from: { code: from.code, name: from.name },
      statusCode,
      description,
      at: event.at,
      staff: { name: handler.name, title: handler.title, unit: handler.unit },
    },
    originDevice: null,
    documentId: event.documentId,
  };
}
