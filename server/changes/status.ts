// status.send: a recipient's edXML status goes back into the sender's feed,
// as an event of its own (statuses are never merged or overwritten).
import type { Change } from '../../shared/sync-protocol.ts';
import type { CallingDevice } from '../auth.ts';
import { getAgency } from '../db/agencies.ts';
import type { Transaction } from '../db/database.ts';
import { insertStatusEvent, isDeliveredTo } from '../db/documents.ts';
import { appendFeed } from '../db/feed.ts';
import { applied, rejected, type Outcome } from './outcome.ts';

type StatusChange = Extract<Change, { op: 'status.send' }>;

export async function applyStatus(tx: Transaction, device: CallingDevice, change: StatusChange): Promise<Outcome> {
  if (!(await isDeliveredTo(tx, change.senderCode, change.documentId, device.agency))) {
    return rejected(
      'FORBIDDEN',
      `document ${change.documentId} of ${change.senderCode} was not sent to ${device.agency}`,
    );
  }
  await insertStatusEvent(tx, {
    changeId: change.id,
    from: device.agency,
    owner: change.senderCode,
    documentId: change.documentId,
    statusCode: change.statusCode,
    description: change.description,
    at: change.at,
  });
  const from = (await getAgency(tx, device.agency))!;
  await appendFeed(
    tx,
    change.senderCode,
    'status',
    {
      kind: 'status',
      documentId: change.documentId,
      from: { code: from.code, name: from.name },
      statusCode: change.statusCode,
      description: change.description,
      at: change.at,
    },
    null,
    { documentId: change.documentId },
  );
  return applied;
}
