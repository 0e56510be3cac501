import type { DocumentView, NumberOnFileView, Outputs, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { findDocumentType } from '../../shared/domain.ts';
import { listAttachmentVersions, listAttachmentsWithText } from '../db/attachments.ts';
import type { Db } from '../db/connection.ts';
import { listRecipients, registerName, type DocumentRow } from '../db/documents.ts';
import { workFilesOfDocument } from '../db/work-files.ts';
import { deliveryStatuses } from '../db/sync.ts';
import { statusCodes, statusLabels, type StatusCode } from '../../shared/sync-protocol.ts';
import type { Core } from '../context.ts';
import { numberOnFileOf } from '../signing/number-on-file.ts';
import { handlingOf } from '../workflow/handling.ts';
import { requireDocument } from './require-document.ts';

export function toDocumentView(db: Db, row: DocumentRow, today: string): DocumentView {
  const versions = listAttachmentVersions(db, row.id);
  return {
    id: row.id,
    direction: row.direction,
    state: row.state,
    type: row.docType,
    typeName: findDocumentType(row.docType)?.name ?? row.docType,
    subject: row.subject,
    notation: row.notation,
    number: row.number,
    issuedOn: row.issuedOn,
    issuerName: row.issuerName,
    issuerCode: row.issuerCode,
    registerName: row.registerId ? (registerName(db, row.registerId) ?? null) : null,
    registerNumber: row.registerNumber,
    registerYear: row.registerYear,
    arrivedOn: row.arrivedOn,
    filedOn: row.filedOn,
    urgency: row.urgency,
    secrecy: row.secrecy,
    dueOn: row.dueOn,
    completedOn: row.completedOn,
    overdue: row.dueOn !== null && row.completedOn === null && row.dueOn < today,
    recipientUnit: row.recipientUnit,
    handedOn: row.handedOn,
    handedReceipt: row.handedReceipt,
    signerName: row.signerName,
    signerTitle: row.signerTitle,
    draftingUnit: row.draftingUnit,
    archiveUnit: row.archiveUnit,
    copies: row.copies,
    pageCount: row.pageCount,
    notes: row.notes,
    duplicateOf: row.duplicateOf,
    recipients: listRecipients(db, row.id),
    deliveries: deliveryStatuses(db, row.id).map((status) => ({
      agencyCode: status.agencyCode,
      agencyName: status.agencyName,
      statusCode: status.statusCode,
      statusText: (statusCodes as readonly string[]).includes(status.statusCode)
        ? statusLabels[status.statusCode as StatusCode]
        : status.statusCode,
      description: status.description,
      at: status.at,
    })),
    numberOnFile: row.direction === 'outgoing' && row.state === 'issued' ? numberOnFileView(db, row.id) : null,
    attachments: listAttachmentsWithText(db, row.id).map((a) => ({
      versions: versions
        .filter((v) => v.attachmentId === a.id)
        .map((v) => ({ version: v.version, sha256: v.sha256, replacedAt: v.replacedAt, replacedBy: v.replacedBy })),
      id: a.id,
      role: a.role,
      filename: a.filename,
      mime: a.mime,
      size: a.size,
      sha256: a.sha256,
      textSource: a.textSource,
      textNote: a.textNote,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** One document as the detail screen shows it: the register entry, its PDFs and its work files. */
export function getDocument(core: Core, input: ValidInput<'documents.get'>): Outputs['documents.get'] {
  const row = requireDocument(core.db, input.id);
  return {
    ...toDocumentView(core.db, row, localDate(core.now())),
    workFiles: workFilesOfDocument(core.db, row.id),
    handling: handlingOf(core, row),
  };
}

function numberOnFileView(db: Db, documentId: string): NumberOnFileView | null {
  const record = numberOnFileOf(db, documentId);
  return record
    ? { number: record.number, date: record.date, why: record.why, note: record.note, lines: record.lines }
    : null;
}
