// document.update: metadata of a document the agency issued or received,
// merged per field by HLC (last writer wins). What wins goes to the agency's
// other devices; the device that sent it already has it.
import { mutableFieldNames, type Change } from '../../shared/sync-protocol.ts';
import type { CallingDevice } from '../auth.ts';
import type { Transaction } from '../db/database.ts';
import { isKnownTo, mergeField } from '../db/documents.ts';
import { appendFeed } from '../db/feed.ts';
import { applied, rejected, type Outcome } from './outcome.ts';

type UpdateChange = Extract<Change, { op: 'document.update' }>;

export async function applyUpdate(tx: Transaction, device: CallingDevice, change: UpdateChange): Promise<Outcome> {
  if (!(await isKnownTo(tx, device.agency, change.documentId))) {
    return rejected(
      'NOT_FOUND',
      `document ${change.documentId} was neither issued by nor delivered to ${device.agency}`,
    );
  }
  const accepted: Record<string, unknown> = {};
  for (const name of mutableFieldNames) {
    if (!(name in change.fields)) continue;
    const value = change.fields[name];
    if (
      await mergeField(tx, {
        agency: device.agency,
        documentId: change.documentId,
        name,
        value,
        hlc: change.hlc,
        device: device.id,
      })
    ) {
      accepted[name] = value;
    }
  }
  if (Object.keys(accepted).length > 0) {
    await appendFeed(
      tx,
      device.agency,
      'update',
      { kind: 'update', documentId: change.documentId, fields: accepted, hlc: change.hlc },
      device.id,
      { documentId: change.documentId },
    );
  }
  return applied;
}
