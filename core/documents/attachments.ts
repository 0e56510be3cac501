import path from 'node:path';
import type { DocumentView, Outputs, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { getAttachment, listAttachmentVersions, listAttachments, type AttachmentRow } from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import { getDocumentRow, updateDocumentFields } from '../db/documents.ts';
import { recordAttachment, storePdf } from './attachment-files.ts';
import { exportFile } from './blob-store.ts';
import { reindexDocument } from './search-index.ts';
import { requireDocument } from './require-document.ts';
import { toDocumentView } from './view.ts';

/** Adds a PDF to a document: the main text if it has none yet, else an appendix (phụ lục). */
export async function addAttachment(core: Core, input: ValidInput<'attachments.add'>): Promise<DocumentView> {
  // Decided before the PDF is stored, so a refused request writes nothing;
  // decided again under the write lock, where it counts.
  const chooseRole = () => {
    const hasMain = listAttachments(core.db, requireDocument(core.db, input.documentId).id).some(
      (a) => a.role === 'main',
    );
    if (input.role === 'main' && hasMain) throw new AppError('ATTACHMENT_MAIN_EXISTS', input.documentId);
    return input.role ?? (hasMain ? 'appendix' : 'main');
  };
  chooseRole();
  const pdf = await storePdf(core, input.file, input.ocr);
  const now = core.now();
  return writeTransaction(core.db, () => {
    const before = requireDocument(core.db, input.documentId);
    const role = chooseRole();
    const attachment = recordAttachment(core, before.id, pdf, role, now.toISOString());
    updateDocumentFields(core.db, before.id, {
      updatedAt: now.toISOString(),
      ...(role === 'main' && before.pageCount === null ? { pageCount: pdf.pageCount } : {}),
    });
    const row = getDocumentRow(core.db, before.id)!;
    reindexDocument(core.db, row);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'attachment.add',
        entity: 'document',
        entityId: before.id,
        detail: {
          attachmentId: attachment.id,
          role,
          filename: attachment.filename,
          sha256: attachment.sha256,
          size: attachment.size,
        },
      },
      now,
    );
    return toDocumentView(core.db, row, localDate(now));
  });
}

/** Copies a stored PDF (the main one unless another is named) to where the user asks. */
export function exportAttachment(core: Core, input: ValidInput<'attachments.export'>): Outputs['attachments.export'] {
  const attachment = chooseAttachment(core, input.documentId, input.attachmentId);
  const out = path.resolve(input.out);
  exportFile(out, core.blobs.read(attachment.sha256));
  return { out, size: attachment.size, sha256: attachment.sha256, filename: attachment.filename };
}

/** A stored PDF's bytes for the viewer, checked against their hash like every read of the store. */
export function readAttachment(core: Core, input: ValidInput<'attachments.read'>): Outputs['attachments.read'] {
  const attachment = chooseAttachment(core, input.documentId, input.attachmentId);
  const sha256 = input.sha256 ?? attachment.sha256;
  const known =
    sha256 === attachment.sha256 ||
    listAttachmentVersions(core.db, attachment.documentId).some(
      (version) => version.attachmentId === attachment.id && version.sha256 === sha256,
    );
  if (!known) throw new AppError('ATTACHMENT_NOT_FOUND', `${attachment.id} has no version ${sha256}`);
  const bytes = core.blobs.read(sha256);
  return {
    attachmentId: attachment.id,
    filename: attachment.filename,
    mime: attachment.mime,
    size: bytes.length,
    sha256,
    base64: bytes.toString('base64'),
  };
}

/** The named attachment of the document, or its main file. */
function chooseAttachment(core: Core, documentId: string, attachmentId: string | undefined): AttachmentRow {
  const document = requireDocument(core.db, documentId);
  const attachment = attachmentId
    ? getAttachment(core.db, attachmentId)
    : listAttachments(core.db, document.id).find((a) => a.role === 'main');
  if (attachment?.documentId !== document.id) {
    throw new AppError('ATTACHMENT_NOT_FOUND', `${document.id}${attachmentId ? ` / ${attachmentId}` : ''}`);
  }
  return attachment;
}
