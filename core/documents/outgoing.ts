import { createHash } from 'node:crypto';
import type { DocumentView, ValidInput } from '../../shared/api.ts';
import { localDate, yearOf } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import { requireRoleWhenOfficials } from '../workflow/roles.ts';
import type { Core } from '../context.ts';
import { listAttachments, replaceAttachmentBlob } from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import {
  type DocumentRow,
  getDocumentRow,
  insertDocument,
  moveToEndOfFilingOrder,
  nextRegisterNumber,
  replaceRecipients,
  updateDocumentFields,
} from '../db/documents.ts';
import { removeSearchEntry } from '../db/search.ts';
import { newId } from '../ids.ts';
import { requireOffice } from '../office/office.ts';
import { recordAttachment, storePdf } from './attachment-files.ts';
import { outgoingNotation } from './notation.ts';
import { reindexDocument } from './search-index.ts';
import { resolveDocumentType } from './types.ts';
import { requireDocument } from './require-document.ts';
import { toDocumentView } from './view.ts';
import { getDevice } from '../db/sync.ts';
import { recordIssue } from '../sync/change-log.ts';
import { fillNumberOnFile, type NumberOnFile } from '../signing/number-fill.ts';
import { draftFileOf, recordFilledBlob, type NumberOnFileRecord } from '../signing/number-on-file.ts';

/** A dự thảo: an outgoing document with no number yet. */
export async function draftOutgoing(core: Core, input: ValidInput<'outgoing.draft'>): Promise<DocumentView> {
  const office = requireOffice(core.db);
  const type = resolveDocumentType(input.type);
  const pdf = input.file ? await storePdf(core, input.file, input.ocr) : null;
  const now = core.now();
  const stamp = now.toISOString();
  return writeTransaction(core.db, () => {
    const id = newId(now.getTime());
    insertDocument(core.db, {
      id,
      direction: 'outgoing',
      state: 'draft',
      docType: type.key,
      subject: input.subject,
      notation: null,
      number: null,
      issuedOn: null,
      issuerName: office.name,
      issuerCode: office.agencyCode,
      registerId: null,
      registerYear: null,
      registerNumber: null,
      arrivedOn: null,
      urgency: input.urgency,
      secrecy: input.secrecy,
      dueOn: input.dueOn ?? null,
      completedOn: null,
      recipientUnit: null,
      handedOn: null,
      handedReceipt: null,
      signerName: input.signerName ?? null,
      signerTitle: input.signerTitle ?? null,
      draftingUnit: input.draftingUnit ?? office.defaultUnit,
      archiveUnit: input.archiveUnit ?? null,
      copies: input.copies ?? null,
      pageCount: pdf?.pageCount ?? null,
      notes: input.notes ?? null,
      dedupeKey: null,
      duplicateOf: null,
      createdOn: localDate(now),
      createdAt: stamp,
      updatedAt: stamp,
    });
    replaceRecipients(
      core.db,
      id,
      input.recipients.map((recipient) =>
        'agencyCode' in recipient
          ? { agencyCode: recipient.agencyCode, name: null }
          : { agencyCode: null, name: recipient.name },
      ),
    );
    const attachment = pdf ? recordAttachment(core, id, pdf, 'main', stamp) : null;
    const row = getDocumentRow(core.db, id)!;
    reindexDocument(core.db, row);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'outgoing.draft',
        entity: 'document',
        entityId: id,
        detail: {
          type: type.key,
          recipients: input.recipients,
          ...(attachment ? { attachment: { filename: attachment.filename, sha256: attachment.sha256 } } : {}),
        },
      },
      now,
    );
    return toDocumentView(core.db, row, localDate(now));
  });
}

/** How often issuing draws the number again because another issue took it while the file was being written. */
const ISSUE_ATTEMPTS = 3;

/**
 * Cấp số: the next number in the outgoing register for the issue year, from 01
 * on 1 January (Decree 30, Art. 15), and the notation built from it. Secret
 * documents take their numbers from their own series.
 *
 * The number and the date are written into the blanks of the main file's "Số:"
 * and date lines (core/signing/number-fill.ts) as a signature is: the new file
 * is written durably first, then one transaction swaps it in (the draft stays
 * as a version), issues the number and records whether the file carries it.
 */
export async function issueOutgoing(
  core: Core,
  input: ValidInput<'outgoing.issue'>,
): Promise<DocumentView & { numberOnFile: NumberOnFile }> {
  const now = core.now();
  const today = localDate(now);
  const issuedOn = input.issuedOn ?? today;
  requireRoleWhenOfficials(core, 'clerk', 'numbering');
  for (let attempt = 1; ; attempt++) {
    const draft = requireDocument(core.db, input.id);
    // Refusals (not a draft, another device holds the registers) come before any file is touched.
    const { notation } = nextIssue(core, draft, issuedOn);
    const main = listAttachments(core.db, draft.id).find((attachment) => attachment.role === 'main') ?? null;
    const filled = await fillNumberOnFile(main ? draftFileOf(core, main) : null, { notation, issuedOn }, now);
    const written = filled.bytes
      ? { bytes: filled.bytes, sha256: createHash('sha256').update(filled.bytes).digest('hex') }
      : null;
    if (written) await core.blobs.putAsync(written.bytes, written.sha256);
    const issued = writeTransaction(core.db, () => {
      const current = requireDocument(core.db, input.id);
      const currentMain = listAttachments(core.db, current.id).find((attachment) => attachment.role === 'main');
      // Another issue took this number, or the file was replaced, while the file was being written: again.
      if (
        (current.state === 'draft' && nextIssue(core, current, issuedOn).notation !== notation) ||
        currentMain?.sha256 !== main?.sha256
      ) {
        return null;
      }
      const stamp = now.toISOString();
      if (main && written) {
        recordFilledBlob(core.db, {
          sha256: written.sha256,
          size: written.bytes.length,
          from: main.sha256,
          createdAt: stamp,
          printedNotation: filled.outcome.number === 'written' ? notation : null,
        });
        replaceAttachmentBlob(core.db, {
          attachmentId: main.id,
          oldSha256: main.sha256,
          newSha256: written.sha256,
          newSize: written.bytes.length,
          replacedAt: stamp,
          replacedBy: `number:${notation}`,
        });
      }
      const row = issueDraft(core, current, issuedOn, now, {
        ...filled.outcome,
        attachmentId: main?.id ?? null,
        sha256Before: main?.sha256 ?? null,
        sha256After: written?.sha256 ?? main?.sha256 ?? null,
      });
      return { ...toDocumentView(core.db, row, today), numberOnFile: filled.outcome };
    });
    if (issued) return issued;
    if (attempt >= ISSUE_ATTEMPTS) throw new AppError('ISSUE_CONFLICT', `${input.id}: ${notation} taken meanwhile`);
  }
}

/** The number and notation the draft would get if it were issued now. */
export function nextIssue(
  core: Core,
  draft: DocumentRow,
  issuedOn: string,
): { registerId: string; registerYear: number; number: number; notation: string } {
  const office = requireOffice(core.db);
  if (draft.direction !== 'outgoing')
    throw new AppError('DOCUMENT_WRONG_DIRECTION', `${draft.id} is ${draft.direction}`);
  if (draft.state !== 'draft') throw new AppError('DOCUMENT_NOT_DRAFT', `${draft.id} is already ${draft.notation}`);
  // Numbers are issued by one device per agency, so two offline PCs never issue the same one.
  const device = getDevice(core.db);
  if (device && !device.holdsRegister)
    throw new AppError(
      'REGISTER_NOT_HELD',
      `device ${device.deviceId} does not hold the registers of ${device.agencyCode}`,
    );
  const registerId = draft.secrecy === 'thuong' ? 'outgoing' : 'outgoing-secret';
  const registerYear = yearOf(issuedOn);
  const number = nextRegisterNumber(core.db, registerId, registerYear);
  const notation = outgoingNotation({
    number,
    type: resolveDocumentType(draft.docType),
    organisation: office.abbreviation,
    draftingUnit: draft.draftingUnit ?? office.defaultUnit,
  });
  return { registerId, registerYear, number, notation };
}

/**
 * Issues the draft; call inside a write transaction. `numberOnFile` says whether its main file
 * now shows the number: kept in the audit row, where the clerk's window reads it.
 */
export function issueDraft(
  core: Core,
  draft: DocumentRow,
  issuedOn: string,
  now: Date,
  numberOnFile: NumberOnFileRecord,
): DocumentRow {
  const { registerId, registerYear, number, notation } = nextIssue(core, draft, issuedOn);
  updateDocumentFields(core.db, draft.id, {
    state: 'issued',
    number,
    notation,
    issuedOn,
    registerId,
    registerYear,
    registerNumber: number,
    updatedAt: now.toISOString(),
  });
  // Once numbered it is the newest entry in the register, not where it stood as a draft.
  removeSearchEntry(core.db, draft.seq);
  moveToEndOfFilingOrder(core.db, draft.id);
  const row = getDocumentRow(core.db, draft.id)!;
  reindexDocument(core.db, row);
  recordIssue(core, row);
  appendAudit(
    core.db,
    {
      ...actedBy(core),
      action: 'outgoing.issue',
      entity: 'document',
      entityId: draft.id,
      detail: { registerId, registerYear, number, notation, issuedOn, numberOnFile },
    },
    now,
  );
  return row;
}
