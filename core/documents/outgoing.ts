import type { DocumentView, ValidInput } from '../../shared/api.ts';
import { localDate, yearOf } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
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
import { requireDocument, toDocumentView } from './view.ts';
import { getDevice } from '../db/sync.ts';
import { recordIssue } from '../sync/change-log.ts';

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
        actor: core.actor,
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

/**
 * Cấp số: the next number in the outgoing register for the issue year, from 01
 * on 1 January (Decree 30, Art. 15), and the notation built from it. Secret
 * documents take their numbers from their own series.
 */
export function issueOutgoing(core: Core, input: ValidInput<'outgoing.issue'>): DocumentView {
  const now = core.now();
  const today = localDate(now);
  return writeTransaction(core.db, () => {
    const draft = requireDocument(core.db, input.id);
    const row = issueDraft(core, draft, input.issuedOn ?? today, now);
    return toDocumentView(core.db, row, today);
  });
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

/** Issues the draft; call inside a write transaction. */
export function issueDraft(core: Core, draft: DocumentRow, issuedOn: string, now: Date): DocumentRow {
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
      actor: core.actor,
      action: 'outgoing.issue',
      entity: 'document',
      entityId: draft.id,
      detail: { registerId, registerYear, number, notation, issuedOn },
    },
    now,
  );
  return row;
}
