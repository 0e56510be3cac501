// Applies what the agency's other desks sent, inside the pull's transaction
// (PROTOCOL.md "The desks of one agency"): officials by the newer clock, a
// document's register entry and files by the newer clock, handling events
// appended once. What is written here came from the hub: it never goes back
// out as this desk's change, so the marks these writes leave are removed in
// the same transaction and no event is queued.
import type { DeskAttachment, DeskEvent, FeedItem } from '../../shared/sync-protocol.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { insertBlobRecord, listAttachments, replaceAttachmentBlob, getAttachment } from '../db/attachments.ts';
import {
  blobKnown,
  clearDeskDirty,
  deskClock,
  insertDeskAttachment,
  insertHandlingEventIfNew,
  insertPlaceholderPerson,
  keepWaitingEvent,
  markDeskDocumentOnHub,
  parkAttachmentPositions,
  placeAttachment,
  registerSlotHolder,
  setDeskClock,
  takeWaitingEvents,
  upsertPersonRecord,
} from '../db/desk.ts';
import {
  getDocumentRow,
  insertDocument,
  moveToEndOfFilingOrder,
  registerName,
  replaceRecipients,
  updateDocumentFields,
  type DocumentFields,
  type DocumentRow,
} from '../db/documents.ts';
import { listHandlingEvents } from '../db/handling.ts';
import { removeSearchEntry } from '../db/search.ts';
import { insertSignature, listSignatures } from '../db/signing.ts';
import { getHubDocument, insertHubDocument } from '../db/sync.ts';
import { duplicateKey } from '../documents/incoming.ts';
import { unreadablePdf } from '../documents/pdf-text.ts';
import { reindexDocument } from '../documents/search-index.ts';
import { rebuildHandling } from '../workflow/handling.ts';
import { observeHlc } from './change-log.ts';
import type { PdfFacts } from './receive.ts';

type PersonItem = Extract<FeedItem, { kind: 'person' }>;
export type DeskDocumentItem = Extract<FeedItem, { kind: 'desk.document' }>;
type DeskEventItem = Extract<FeedItem, { kind: 'desk.event' }>;

/** Shown for an official an event names before their record has come; their record replaces it. */
const UNKNOWN_OFFICIAL = 'Cán bộ (chưa nhận được thông tin)';

/** An official added or changed on the clerk's desk or by the hub's admin. The password here stays. */
export function receivePerson(core: Core, item: PersonItem): boolean {
  observeHlc(core, item.hlc);
  const now = core.now();
  if (!upsertPersonRecord(core.db, item.person, item.hlc, now.toISOString())) return false;
  appendAudit(
    core.db,
    {
      ...actedBy(core),
      action: 'sync.person',
      entity: 'person',
      entityId: item.person.id,
      detail: { ...item.person, hlc: item.hlc },
    },
    now,
  );
  return true;
}

/** Whether the entry is newer than the one held here, so its files are worth fetching. */
export function deskDocumentIsNewer(core: Core, item: DeskDocumentItem): boolean {
  const ours = deskClock(core.db, item.document.id);
  return ours === undefined || ours < item.hlc;
}

/**
 * A document's register entry, recipients, files and signatures as another
 * desk holds them, when newer than this desk's (by HLC). Its register number
 * is the register holder's and is kept as sent, never taken anew here.
 * Returns false when the entry here is as new or newer.
 */
export function receiveDeskDocument(core: Core, item: DeskDocumentItem, facts: Map<string, PdfFacts>): boolean {
  observeHlc(core, item.hlc);
  const db = core.db;
  const sent = item.document;
  if (!deskDocumentIsNewer(core, item)) {
    // Whatever entry won, the hub holds one: events about the document need not wait for this desk's.
    markDeskDocumentOnHub(db, sent.id);
    return false;
  }
  const now = core.now();
  const stamp = now.toISOString();
  const before = getDocumentRow(db, sent.id);
  const { fields, keptOurs } = entryFields(core, sent, before);
  if (before) updateDocumentFields(db, sent.id, fields);
  else insertDocument(db, fields);
  replaceRecipients(
    db,
    sent.id,
    sent.recipients.filter((recipient) => recipient.agencyCode !== null || recipient.name !== null),
  );
  placeAttachments(db, item, facts, stamp);
  placeSignatures(db, item);
  if (sent.hubSender !== null && !getHubDocument(db, sent.id))
    insertHubDocument(db, { documentId: sent.id, senderCode: sent.hubSender, feedSeq: item.seq, receivedAt: stamp });
  let row = getDocumentRow(db, sent.id)!;
  if (before?.state === 'draft' && row.state === 'issued') {
    // Issued, it is the newest entry of its register, as on the desk that issued it.
    removeSearchEntry(db, row.seq);
    moveToEndOfFilingOrder(db, sent.id);
    row = getDocumentRow(db, sent.id)!;
  }
  reindexDocument(db, row);
  setDeskClock(db, sent.id, item.hlc, true);
  for (const waiting of takeWaitingEvents(db, sent.id)) applyDeskEvent(core, JSON.parse(waiting) as DeskEvent);
  if (listHandlingEvents(db, sent.id).length > 0) rebuildHandling(db, row);
  // A register number kept over an entry that lacked it goes out again (mark left), with a newer clock.
  if (!keptOurs) clearDeskDirty(db, sent.id);
  appendAudit(
    db,
    {
      ...actedBy(core),
      action: 'sync.desk-document',
      entity: 'document',
      entityId: sent.id,
      detail: {
        hlc: item.hlc,
        registerId: row.registerId,
        registerYear: row.registerYear,
        registerNumber: row.registerNumber,
        attachments: item.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 })),
        ...(keptOurs ? { keptRegisterNumber: true } : {}),
      },
    },
    now,
  );
  return true;
}

/**
 * The columns of the sent entry as this store holds them. A number this
 * store's register holds is never given up for an entry without one (an
 * edit made on a copy from before the number): the registers stay gap-free.
 * A number whose place here is taken by another document is left out rather
 * than moved, and the audit row says so.
 */
function entryFields(
  core: Core,
  sent: DeskDocumentItem['document'],
  before: DocumentRow | undefined,
): { fields: DocumentFields; keptOurs: boolean } {
  const db = core.db;
  const keptOurs = before !== undefined && before.registerNumber !== null && sent.registerNumber === null;
  let register = {
    registerId: sent.registerId,
    registerYear: sent.registerYear,
    registerNumber: sent.registerNumber,
  };
  if (keptOurs) {
    register = {
      registerId: before.registerId,
      registerYear: before.registerYear,
      registerNumber: before.registerNumber,
    };
  } else if (register.registerNumber !== null) {
    const slot = {
      registerId: register.registerId ?? '',
      registerYear: register.registerYear ?? 0,
      registerNumber: register.registerNumber,
    };
    const holder = registerSlotHolder(db, slot);
    if ((holder !== undefined && holder !== sent.id) || registerName(db, slot.registerId) === undefined) {
      appendAudit(
        db,
        {
          ...actedBy(core),
          action: 'sync.desk-register-clash',
          entity: 'document',
          entityId: sent.id,
          detail: { ...slot, heldBy: holder ?? null },
        },
        core.now(),
      );
      register = { registerId: null, registerYear: null, registerNumber: null };
    }
  }
  const numbered = keptOurs
    ? { state: before.state, number: before.number, notation: before.notation, issuedOn: before.issuedOn }
    : { state: sent.state, number: sent.number, notation: sent.notation, issuedOn: sent.issuedOn };
  return {
    keptOurs,
    fields: {
      id: sent.id,
      direction: sent.direction,
      docType: sent.docType,
      subject: sent.subject,
      issuerName: sent.issuerName,
      issuerCode: sent.issuerCode,
      ...numbered,
      ...register,
      arrivedOn: sent.arrivedOn,
      urgency: sent.urgency,
      secrecy: sent.secrecy,
      dueOn: sent.dueOn,
      completedOn: sent.completedOn,
      recipientUnit: sent.recipientUnit,
      handedOn: sent.handedOn,
      handedReceipt: sent.handedReceipt,
      signerName: sent.signerName,
      signerTitle: sent.signerTitle,
      draftingUnit: sent.draftingUnit,
      archiveUnit: sent.archiveUnit,
      copies: sent.copies,
      pageCount: sent.pageCount,
      notes: sent.notes,
      dedupeKey:
        sent.direction === 'incoming'
          ? duplicateKey(sent.issuerName ?? '', numbered.notation ?? '', numbered.issuedOn ?? '')
          : null,
      // The copy it repeats may be a document this desk was never shown.
      duplicateOf: sent.duplicateOf !== null && getDocumentRow(db, sent.duplicateOf) ? sent.duplicateOf : null,
      createdOn: sent.createdOn,
      createdAt: sent.createdAt,
      updatedAt: sent.updatedAt,
    },
  };
}

/**
 * Files by id: a file whose bytes changed keeps the earlier ones as a version
 * (as a revision or a signature does on the desk that made it); a file this
 * desk has and the entry does not name stays, after the named ones.
 */
function placeAttachments(db: Core['db'], item: DeskDocumentItem, facts: Map<string, PdfFacts>, stamp: string): void {
  const documentId = item.document.id;
  const ours = new Map(listAttachments(db, documentId).map((attachment) => [attachment.id, attachment]));
  parkAttachmentPositions(db, documentId);
  // Whatever stops being the main file steps down before another becomes it: one main file per document.
  const sent = [...item.attachments].sort((a, b) => Number(a.role === 'main') - Number(b.role === 'main'));
  for (const attachment of sent) {
    if (!blobKnown(db, attachment.sha256)) {
      const pdf = facts.get(attachment.sha256) ?? unreadablePdf('the file did not arrive');
      insertBlobRecord(db, { sha256: attachment.sha256, size: attachment.size, ...pdf, createdAt: stamp });
    }
    const mine = ours.get(attachment.id);
    ours.delete(attachment.id);
    const placed = {
      id: attachment.id,
      role: attachment.role,
      position: attachment.position,
      filename: attachment.filename,
      mime: attachment.mime,
    };
    if (!mine) {
      insertDeskAttachment(db, {
        ...placed,
        documentId,
        sha256: attachment.sha256,
        size: attachment.size,
        createdAt: stamp,
      });
      continue;
    }
    if (mine.sha256 !== attachment.sha256)
      replaceAttachmentBlob(db, {
        attachmentId: attachment.id,
        oldSha256: mine.sha256,
        newSha256: attachment.sha256,
        newSize: attachment.size,
        replacedAt: stamp,
        replacedBy: replacedBy(item, attachment),
      });
    placeAttachment(db, placed);
  }
  const hasMain = sent.some((attachment) => attachment.role === 'main');
  let next = Math.max(-1, ...sent.map((attachment) => attachment.position)) + 1;
  for (const rest of ours.values())
    placeAttachment(db, { ...rest, role: hasMain ? 'appendix' : rest.role, position: next++ });
}

/**
 * What made the new bytes, in the words the version history uses: the
 * signature whose result they are; a whole new file is a revision; bytes
 * appended without a signature are the number written on it at issue.
 */
function replacedBy(item: DeskDocumentItem, attachment: DeskAttachment): string {
  const signature = item.document.signatures.find(
    (s) => s.attachmentId === attachment.id && s.blobAfter === attachment.sha256,
  );
  if (signature) return signature.id;
  return attachment.base === null ? 'revision' : `number:${item.document.notation ?? ''}`;
}

/**
 * The signatures made on the agency's desks, so the organization can sign
 * beside a leader's. One whose earlier bytes never reached this desk is left
 * out: a blob record here promises the bytes.
 */
function placeSignatures(db: Core['db'], item: DeskDocumentItem): void {
  const documentId = item.document.id;
  const known = new Set(listSignatures(db, documentId).map((signature) => signature.id));
  for (const signature of item.document.signatures) {
    if (known.has(signature.id)) continue;
    if (getAttachment(db, signature.attachmentId)?.documentId !== documentId) continue;
    if (!blobKnown(db, signature.blobBefore) || !blobKnown(db, signature.blobAfter)) continue;
    insertSignature(db, { ...signature, documentId });
  }
}

/** A handling event from another desk; false when it was here already or waits for its document. */
export function receiveDeskEvent(core: Core, item: DeskEventItem): boolean {
  observeHlc(core, item.event.hlc);
  return applyDeskEvent(core, item.event);
}

function applyDeskEvent(core: Core, event: DeskEvent): boolean {
  const db = core.db;
  const document = getDocumentRow(db, event.documentId);
  if (!document) {
    keepWaitingEvent(db, event.id, event.documentId, JSON.stringify(event));
    return false;
  }
  const now = core.now();
  const d = event.detail;
  const named = [event.personId, d.to, d.main, ...(d.with ?? []), ...(d.inform ?? [])];
  for (const id of named) if (id !== undefined) insertPlaceholderPerson(db, id, UNKNOWN_OFFICIAL, now.toISOString());
  const stored = insertHandlingEventIfNew(db, {
    id: event.id,
    documentId: event.documentId,
    kind: event.kind,
    personId: event.personId,
    at: event.at,
    hlc: event.hlc,
    detail: JSON.stringify(event.detail),
  });
  if (!stored) return false;
  rebuildHandling(db, document);
  appendAudit(
    db,
    {
      ...actedBy(core),
      action: 'sync.handling',
      entity: 'document',
      entityId: event.documentId,
      detail: { eventId: event.id, kind: event.kind, by: event.personId, hlc: event.hlc },
    },
    now,
  );
  return true;
}
