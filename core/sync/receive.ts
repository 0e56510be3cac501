// Applies what the hub's feed brought, inside the pull's transaction: a
// document into the incoming register, a recipient's status onto our sent
// document, another device's metadata edit by last-writer-wins.
import { localDate, yearOf } from '../../shared/dates.ts';
import { statusLabels, type FeedItem } from '../../shared/sync-protocol.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { insertAttachment, insertBlobRecord, type BlobText } from '../db/attachments.ts';
import {
  findByDedupeKey,
  getDocumentRow,
  insertDocument,
  nextRegisterNumber,
  updateDocumentFields,
  type DocumentFields,
} from '../db/documents.ts';
import { fieldClock, getHubDocument, insertDeliveryStatus, insertHubDocument, setFieldClock } from '../db/sync.ts';
import { duplicateKey } from '../documents/incoming.ts';
import { unreadablePdf } from '../documents/pdf-text.ts';
import { reindexDocument } from '../documents/search-index.ts';
import { newId } from '../ids.ts';
import { observeHlc, recordStatus } from './change-log.ts';

/** What a received PDF's bytes say: read when it arrived, its scanned pages left to the background OCR. */
export type PdfFacts = BlobText;

type DocumentItem = Extract<FeedItem, { kind: 'document' }>;

/**
 * Vào sổ văn bản đến for a document delivered electronically: it keeps the
 * sender's id (so the same item pulled twice is found), takes the next số
 * đến, and tells the sender it arrived and was registered (Decree 30, Art. 21.2c:
 * the same day). Returns false when it was already here.
 */
export function receiveDocument(core: Core, item: DocumentItem, facts: Map<string, PdfFacts>): boolean {
  const envelope = item.document;
  if (getHubDocument(core.db, envelope.id) || getDocumentRow(core.db, envelope.id)) return false;
  const now = core.now();
  const stamp = now.toISOString();
  const arrivedOn = envelope.issuedOn > localDate(now) ? envelope.issuedOn : localDate(now);
  const registerId = envelope.secrecy === 'thuong' ? 'incoming' : 'incoming-secret';
  const registerYear = yearOf(arrivedOn);
  const registerNumber = nextRegisterNumber(core.db, registerId, registerYear);
  const dedupeKey = duplicateKey(item.sender.name, envelope.notation, envelope.issuedOn);
  const paperCopy = findByDedupeKey(core.db, dedupeKey);
  insertDocument(core.db, {
    id: envelope.id,
    direction: 'incoming',
    state: 'registered',
    docType: envelope.docType,
    subject: envelope.subject,
    notation: envelope.notation,
    number: null,
    issuedOn: envelope.issuedOn,
    issuerName: item.sender.name,
    issuerCode: item.sender.code,
    registerId,
    registerYear,
    registerNumber,
    arrivedOn,
    urgency: envelope.urgency,
    secrecy: envelope.secrecy,
    dueOn: envelope.dueOn,
    completedOn: null,
    recipientUnit: null,
    handedOn: null,
    handedReceipt: null,
    signerName: envelope.signerName,
    signerTitle: envelope.signerTitle,
    draftingUnit: null,
    archiveUnit: null,
    copies: null,
    pageCount: envelope.pageCount,
    notes: null,
    dedupeKey,
    duplicateOf: paperCopy?.id ?? null,
    createdOn: localDate(now),
    createdAt: stamp,
    updatedAt: stamp,
  });
  for (const attachment of [...item.attachments].sort((a, b) => a.position - b.position)) {
    const pdf = facts.get(attachment.sha256) ?? unreadablePdf('the file did not arrive');
    insertBlobRecord(core.db, { sha256: attachment.sha256, size: attachment.size, ...pdf, createdAt: stamp });
    insertAttachment(core.db, {
      id: newId(now.getTime()),
      documentId: envelope.id,
      role: attachment.role,
      filename: attachment.filename,
      mime: attachment.mime,
      sha256: attachment.sha256,
      size: attachment.size,
      createdAt: stamp,
    });
  }
  insertHubDocument(core.db, {
    documentId: envelope.id,
    senderCode: item.sender.code,
    feedSeq: item.seq,
    receivedAt: stamp,
  });
  reindexDocument(core.db, getDocumentRow(core.db, envelope.id)!);
  appendAudit(
    core.db,
    {
      ...actedBy(core),
      action: 'sync.receive',
      entity: 'document',
      entityId: envelope.id,
      detail: {
        registerId,
        registerYear,
        registerNumber,
        notation: envelope.notation,
        sender: item.sender.code,
        attachments: item.attachments.map((a) => ({ filename: a.filename, sha256: a.sha256 })),
        ...(paperCopy ? { duplicateOf: paperCopy.id } : {}),
      },
    },
    now,
  );
  recordStatus(core, envelope.id, '01', statusLabels['01'], envelope.urgency);
  recordStatus(
    core,
    envelope.id,
    '03',
    `${statusLabels['03']}: số đến ${registerNumber}/${registerYear}`,
    envelope.urgency,
  );
  return true;
}

export function receiveStatus(core: Core, item: Extract<FeedItem, { kind: 'status' }>): boolean {
  return insertDeliveryStatus(core.db, {
    feedSeq: item.seq,
    documentId: item.documentId,
    agencyCode: item.from.code,
    agencyName: item.from.name,
    statusCode: item.statusCode,
    description: item.description,
    at: item.at,
    receivedAt: core.now().toISOString(),
  });
}

/** Per field, the value with the newer clock stays; an edit older than ours is dropped. */
export function receiveUpdate(core: Core, item: Extract<FeedItem, { kind: 'update' }>): boolean {
  observeHlc(core, item.hlc);
  if (!getDocumentRow(core.db, item.documentId)) return false;
  const changes: Partial<DocumentFields> = {};
  for (const [field, value] of Object.entries(item.fields)) {
    const ours = fieldClock(core.db, item.documentId, field);
    if (ours !== undefined && ours >= item.hlc) continue;
    (changes as Record<string, unknown>)[field] = value;
    setFieldClock(core.db, item.documentId, field, item.hlc);
  }
  if (Object.keys(changes).length === 0) return false;
  updateDocumentFields(core.db, item.documentId, { ...changes, updatedAt: core.now().toISOString() });
  const row = getDocumentRow(core.db, item.documentId)!;
  if ('subject' in changes) reindexDocument(core.db, row);
  appendAudit(
    core.db,
    {
      ...actedBy(core),
      action: 'sync.update',
      entity: 'document',
      entityId: item.documentId,
      detail: { fields: changes, hlc: item.hlc },
    },
    core.now(),
  );
  return true;
}
