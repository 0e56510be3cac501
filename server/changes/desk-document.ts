// desk.document: a document's register entry and files as one desk holds
// them, for the agency's desks it concerns. The newest record (by HLC, then
// device id) is kept; its files must be on the hub first, the bases of new
// versions included, uploaded by the agency or delivered to it. The official who wrote it becomes one of its parties.
import type { Change } from '../../shared/sync-protocol.ts';
import type { CallingDevice } from '../auth.ts';
import { readableBlobs } from '../db/blobs.ts';
import type { Transaction } from '../db/database.ts';
import {
  addParties,
  isDeskDocumentVisible,
  lockDeskDocument,
  putDeskDocument,
  replaceDeskDocumentBlobs,
  type StoredDeskDocument,
} from '../db/desk-documents.ts';
import { appendFeeds, type FeedWrite } from '../db/feed.ts';
import { clerksAndLeadersOutside } from '../db/people.ts';
import { catchUpWrites } from './desk-catch-up.ts';
import { refuseWrite } from './forgery.ts';
import { applied, rejected, retry, type Outcome } from './outcome.ts';

type DeskDocumentChange = Extract<Change, { op: 'desk.document' }>;

export async function applyDeskDocument(
  tx: Transaction,
  device: CallingDevice,
  change: DeskDocumentChange,
): Promise<Outcome> {
  const { document, attachments } = change;
  const hashes = [...new Set(attachments.flatMap((a) => (a.base ? [a.sha256, a.base.sha256] : [a.sha256])))];
  // Naming a blob lets the document's readers download it: only blobs the agency may read itself.
  const readable = await readableBlobs(tx, device.agency, hashes);
  const missing = hashes.filter((sha256) => !readable.has(sha256));
  if (missing.length > 0) return retry('BLOB_MISSING', `not uploaded by this agency yet: ${missing.join(', ')}`);
  const wrongSize = attachments.find((a) => readable.get(a.sha256) !== a.size);
  if (wrongSize)
    return rejected(
      'ATTACHMENT_SIZE_MISMATCH',
      `${wrongSize.filename}: ${wrongSize.size} bytes announced, ${readable.get(wrongSize.sha256)} held`,
    );

  const current = await lockDeskDocument(tx, device.agency, document.id);
  if (current && device.personId !== null) {
    // Without this, a desk knowing a secret document's id could overwrite it, or name itself its author.
    if (!(await isDeskDocumentVisible(tx, device.agency, document.id, device.personId, device.personRole))) {
      await refuseWrite(tx, device, {
        id: change.id,
        claimedPerson: device.personId,
        reason: 'a document its official may not see',
      });
      return rejected('FORBIDDEN', `document ${document.id} is not one this desk's official may see`);
    }
  }

  const stored: StoredDeskDocument = {
    record: document,
    attachments,
    // Mật, tối mật, tuyệt mật: only the officials it names.
    secret: document.secrecy !== 'thuong',
    hlc: change.hlc,
  };
  const kept = await putDeskDocument(tx, { agency: device.agency, ...stored, device: device.id });
  // The author holds it whichever record wins, and whatever the feed said of it before: all of it is theirs to see.
  if (device.personId !== null) await addParties(tx, device.agency, document.id, [device.personId], 0);
  if (!kept) return applied;

  await replaceDeskDocumentBlobs(tx, device.agency, document.id, hashes);
  const writes: FeedWrite[] = [
    {
      agency: device.agency,
      kind: 'desk.document',
      item: { kind: 'desk.document', document, attachments, hlc: change.hlc },
      originDevice: device.id,
      documentId: document.id,
    },
  ];
  if (current?.secret && !stored.secret) {
    // No longer secret: the clerks and leaders it did not name see it from now on, and get its events so far.
    writes.push(
      ...(await catchUpWrites(tx, {
        agency: device.agency,
        document: stored,
        people: await clerksAndLeadersOutside(tx, device.agency, document.id),
        withRecord: false,
        exceptEvent: null,
        originDevice: device.id,
      })),
    );
  }
  await appendFeeds(tx, writes);
  return applied;
}
