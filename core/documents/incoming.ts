import type { DocumentView, ValidInput } from '../../shared/api.ts';
import { localDate, yearOf } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { foldVietnamese } from '../../shared/fold.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction } from '../db/connection.ts';
import { findByDedupeKey, getDocumentRow, insertDocument, nextRegisterNumber } from '../db/documents.ts';
import { newId } from '../ids.ts';
import { requireOffice } from '../office/office.ts';
import { recordAttachment, storePdf } from './attachment-files.ts';
import { checkEntryDates } from './date-rules.ts';
import { normalizeWrittenNotation } from './notation.ts';
import { reindexDocument } from './search-index.ts';
import { resolveDocumentType } from './types.ts';
import { toDocumentView } from './view.ts';

/**
 * Vào sổ văn bản đến: gives the document the next số đến of its register for
 * the year it arrived. Số đến restarts at 1 every 1 January and is common to
 * paper and electronic documents (Decree 30, Art. 22.2); secret documents
 * have their own register.
 */
export async function registerIncoming(core: Core, input: ValidInput<'incoming.register'>): Promise<DocumentView> {
  requireOffice(core.db);
  const type = resolveDocumentType(input.type);
  const now = core.now();
  const today = localDate(now);
  // Arrival defaults to today. A ngày văn bản after today is a typo far more
  // often than a letter dated ahead, so it takes the clerk's confirmation; a
  // confirmed one arrives today all the same, before its own date.
  const arrivedOn = input.arrivedOn ?? today;
  checkEntryDates({
    dates: { issuedOn: input.issuedOn, arrivedOn, dueOn: input.dueOn ?? null },
    changed: new Set(['issuedOn', 'arrivedOn', 'dueOn']),
    dueFrom: 'arrivedOn',
    today,
    confirmFutureIssuedOn: input.confirmFutureIssuedOn,
  });
  const notation = normalizeWrittenNotation(input.notation);
  const dedupeKey = duplicateKey(input.issuerName, notation, input.issuedOn);
  const checkDuplicate = () => {
    const existing = findByDedupeKey(core.db, dedupeKey);
    if (existing && !input.allowDuplicate) {
      throw new AppError(
        'DOCUMENT_DUPLICATE',
        `already registered as ${existing.id} (số đến ${existing.registerNumber}/${existing.registerYear})`,
        { fields: { duplicateOf: existing.id } },
      );
    }
    return existing;
  };
  // Checked before the PDF is stored so a refused duplicate writes nothing,
  // and again under the write lock in case another window registered it meanwhile.
  checkDuplicate();
  const pdf = input.file ? await storePdf(core, input.file, input.ocr) : null;

  return writeTransaction(core.db, () => {
    const existing = checkDuplicate();
    const registerId = input.secrecy === 'thuong' ? 'incoming' : 'incoming-secret';
    const registerYear = yearOf(arrivedOn);
    const registerNumber = nextRegisterNumber(core.db, registerId, registerYear);
    const id = newId(now.getTime());
    const stamp = now.toISOString();
    insertDocument(core.db, {
      id,
      direction: 'incoming',
      state: 'registered',
      docType: type.key,
      subject: input.subject,
      notation,
      number: null,
      issuedOn: input.issuedOn,
      issuerName: input.issuerName,
      issuerCode: input.issuerCode ?? null,
      registerId,
      registerYear,
      registerNumber,
      arrivedOn,
      urgency: input.urgency,
      secrecy: input.secrecy,
      dueOn: input.dueOn ?? null,
      completedOn: null,
      recipientUnit: input.recipientUnit ?? null,
      handedOn: null,
      handedReceipt: null,
      signerName: null,
      signerTitle: null,
      draftingUnit: null,
      archiveUnit: null,
      copies: null,
      pageCount: input.pageCount ?? pdf?.pageCount ?? null,
      notes: input.notes ?? null,
      dedupeKey,
      duplicateOf: existing?.id ?? null,
      createdOn: today,
      createdAt: stamp,
      updatedAt: stamp,
    });
    const attachment = pdf ? recordAttachment(core, id, pdf, 'main', stamp) : null;
    const row = getDocumentRow(core.db, id)!;
    reindexDocument(core.db, row);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'incoming.register',
        entity: 'document',
        entityId: id,
        detail: {
          registerId,
          registerYear,
          registerNumber,
          notation,
          issuerName: input.issuerName,
          issuedOn: input.issuedOn,
          ...(existing ? { duplicateOf: existing.id } : {}),
          ...(attachment ? { attachment: { filename: attachment.filename, sha256: attachment.sha256 } } : {}),
        },
      },
      now,
    );
    return toDocumentView(core.db, row, today);
  });
}

/** Same issuer, same số/ký hiệu, same date: the same document (Decree 30, Appendix VI). */
export function duplicateKey(issuerName: string, notation: string, issuedOn: string): string {
  const squash = (text: string) => foldVietnamese(text).replace(/[^\p{L}\p{N}/-]+/gu, '');
  return `${squash(issuerName)}|${squash(notation)}|${issuedOn}`;
}
