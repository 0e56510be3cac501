// document.issue: an outgoing document goes into each recipient's feed.
// Nothing is half-sent: any bad recipient rejects the whole change.
import type { Change } from '../../shared/sync-protocol.ts';
import type { CallingDevice } from '../auth.ts';
import { getAgency, knownAgencyCodes } from '../db/agencies.ts';
import { readableBlobs } from '../db/blobs.ts';
import type { Transaction } from '../db/database.ts';
import { insertDelivery, insertDocument } from '../db/documents.ts';
import { appendFeed } from '../db/feed.ts';
import { applied, rejected, retry, type Outcome } from './outcome.ts';

type IssueChange = Extract<Change, { op: 'document.issue' }>;

export async function applyIssue(tx: Transaction, device: CallingDevice, change: IssueChange): Promise<Outcome> {
  if (!device.holdsRegister)
    return rejected('NUMBERING_NOT_HELD', 'only the device holding the registers may issue numbered documents');
  const recipients = [...new Set(change.recipients)];
  if (recipients.includes(device.agency))
    return rejected('RECIPIENT_SELF', 'a document cannot be sent to its own agency');
  const known = await knownAgencyCodes(tx, recipients);
  const unknown = recipients.filter((code) => !known.has(code));
  if (unknown.length > 0) return rejected('RECIPIENT_UNKNOWN', `not in the directory: ${unknown.join(', ')}`);

  const hashes = [...new Set(change.attachments.map((a) => a.sha256))];
  const claimed = await readableBlobs(tx, device.agency, hashes);
  const missing = hashes.filter((sha256) => !claimed.has(sha256));
  if (missing.length > 0) return retry('BLOB_MISSING', `not uploaded by this agency yet: ${missing.join(', ')}`);
  const wrongSize = change.attachments.find((a) => claimed.get(a.sha256) !== a.size);
  if (wrongSize)
    return rejected(
      'ATTACHMENT_SIZE_MISMATCH',
      `${wrongSize.filename}: ${wrongSize.size} bytes announced, ${claimed.get(wrongSize.sha256)} uploaded`,
    );

  const stored = await insertDocument(tx, {
    owner: device.agency,
    envelope: change.document,
    attachments: change.attachments,
    recipients,
    changeId: change.id,
    device: device.id,
  });
  if (!stored)
    return rejected(
      'DOCUMENT_EXISTS',
      `document ${change.document.id} was already issued through the hub by another change`,
    );

  const sender = (await getAgency(tx, device.agency))!;
  const item = {
    kind: 'document',
    sender: { code: sender.code, name: sender.name },
    document: change.document,
    attachments: change.attachments,
    recipients,
  };
  // Sorted: the order in which every transaction takes agencies' feed locks.
  for (const recipient of [...recipients].sort()) {
    const seq = await appendFeed(tx, recipient, 'document', item, null);
    await insertDelivery(tx, device.agency, change.document.id, recipient, seq);
  }
  return applied;
}
