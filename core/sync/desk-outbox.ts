// What this desk's writes owe the agency's other desks (PROTOCOL.md "The
// desks of one agency"): a document written here becomes one desk.document
// change, read from the store when it is first sent; a file that extends the
// version it replaced names that version as its base, so only the appended
// bytes travel.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Core } from '../context.ts';
import { listAttachments, type AttachmentRow } from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import {
  blobExtends,
  clearDeskDirty,
  dirtyDocuments,
  documentsEventsWaitFor,
  hasUnsentDeskDocument,
  previousVersion,
  setBlobExtends,
  setDeskClock,
} from '../db/desk.ts';
import { getDocumentRow, listRecipientRows, type DocumentRow } from '../db/documents.ts';
import { listSignatures } from '../db/signing.ts';
import { getDevice, getHubDocument, insertChange } from '../db/sync.ts';
import { newId } from '../ids.ts';
import { nextHlc, urgencyRank } from './change-log.ts';

/**
 * Once the agency has desks, turns the documents written here since their
 * last desk change (and those a pending handling event needs on the hub)
 * into one pending desk.document each, with the clock that orders it against
 * the other desks' entries. A document whose change has not gone yet needs no
 * second one: that change reads the document when it is sent. Runs in one
 * transaction with the removal of the marks, so a write is never dropped nor
 * queued twice.
 */
export function queueDeskDocuments(core: Core): number {
  // Until the hub says the agency has desks the marks stay: what was written here then goes once it has.
  if (!getDevice(core.db)?.deskSync) return 0;
  return writeTransaction(core.db, () => {
    const documents = new Set([...dirtyDocuments(core.db), ...documentsEventsWaitFor(core.db)]);
    let queued = 0;
    for (const id of documents) {
      clearDeskDirty(core.db, id);
      if (hasUnsentDeskDocument(core.db, id)) continue;
      const document = getDocumentRow(core.db, id)!;
      const hlc = nextHlc(core);
      insertChange(core.db, {
        id: newId(core.now().getTime()),
        hlc,
        op: 'desk.document',
        documentId: id,
        payload: null,
        priority: urgencyRank(document.urgency),
        createdAt: core.now().toISOString(),
      });
      setDeskClock(core.db, id, hlc, false);
      queued++;
    }
    return queued;
  });
}

/** The desk.document message for a change: the entry, its recipients, files and signatures as they are now. */
export function deskDocumentMessage(core: Core, change: { id: string; hlc: string }, document: DocumentRow): unknown {
  return {
    id: change.id,
    hlc: change.hlc,
    op: 'desk.document',
    document: {
      id: document.id,
      direction: document.direction,
      state: document.state,
      docType: document.docType,
      subject: document.subject,
      notation: document.notation,
      number: document.number,
      issuedOn: document.issuedOn,
      issuerName: document.issuerName,
      issuerCode: document.issuerCode,
      registerId: document.registerId,
      registerYear: document.registerYear,
      registerNumber: document.registerNumber,
      arrivedOn: document.arrivedOn,
      urgency: document.urgency,
      secrecy: document.secrecy,
      dueOn: document.dueOn,
      completedOn: document.completedOn,
      recipientUnit: document.recipientUnit,
      handedOn: document.handedOn,
      handedReceipt: document.handedReceipt,
      signerName: document.signerName,
      signerTitle: document.signerTitle,
      draftingUnit: document.draftingUnit,
      archiveUnit: document.archiveUnit,
      copies: document.copies,
      pageCount: document.pageCount,
      notes: document.notes,
      duplicateOf: document.duplicateOf,
      createdOn: document.createdOn,
      createdAt: document.createdAt,
      updatedAt: document.updatedAt,
      recipients: listRecipientRows(core.db, document.id),
      hubSender: getHubDocument(core.db, document.id)?.senderCode ?? null,
      signatures: listSignatures(core.db, document.id).map(({ documentId: _documentId, ...signature }) => signature),
    },
    attachments: listAttachments(core.db, document.id).map((attachment) => ({
      id: attachment.id,
      sha256: attachment.sha256,
      size: attachment.size,
      filename: attachment.filename,
      role: attachment.role,
      position: attachment.position,
      mime: attachment.mime,
      base: baseOf(core, attachment),
    })),
  };
}

/**
 * The version this file extends, when it starts with exactly that version's
 * bytes (what an incremental update does); the answer is kept, so each pair
 * of files is read once.
 */
export function baseOf(core: Core, attachment: AttachmentRow): { sha256: string; size: number } | null {
  const previous = previousVersion(core.db, attachment.id);
  if (!previous || previous.size >= attachment.size) return null;
  let extendsBase = blobExtends(core.db, attachment.sha256, previous.sha256);
  if (extendsBase === undefined) {
    const prefix = prefixHash(core, attachment.sha256, previous.size);
    // A file missing here is not an answer: its upload will say so, and a restored file is read again.
    if (prefix === null) return null;
    extendsBase = prefix === previous.sha256;
    const known = extendsBase;
    writeTransaction(core.db, () => setBlobExtends(core.db, attachment.sha256, previous.sha256, known));
  }
  return extendsBase ? previous : null;
}

const READ_CHUNK = 1024 * 1024;

/** SHA-256 of the first `length` bytes of a stored blob, or null when it cannot be read. */
function prefixHash(core: Core, sha256: string, length: number): string | null {
  let fd: number;
  try {
    fd = fs.openSync(core.blobs.pathOf(sha256), 'r');
  } catch {
    return null;
  }
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(Math.min(READ_CHUNK, length));
    for (let done = 0; done < length;) {
      const read = fs.readSync(fd, buffer, 0, Math.min(buffer.length, length - done), done);
      if (read === 0) return null;
      hash.update(buffer.subarray(0, read));
      done += read;
    }
    return hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}
