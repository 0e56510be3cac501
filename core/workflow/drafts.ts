// A new version of a draft's PDF, after a leader sent it back with comments:
// the main file points to the new bytes and the earlier ones stay as a
// version, so the history can show each one.
import type { Outputs, ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import { insertBlobRecord, listAttachments, replaceAttachmentBlob } from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import { storePdf } from '../documents/attachment-files.ts';
import { reindexDocument } from '../documents/search-index.ts';
import type { Core } from '../context.ts';
import { requireDocument } from '../documents/require-document.ts';
import { checkDraftRevisable, recordDraftRevision } from './handling.ts';

export async function reviseDraft(core: Core, input: ValidInput<'drafts.revise'>): Promise<Outputs['drafts.revise']> {
  checkDraftRevisable(core, input.id);
  const pdf = await storePdf(core, input.file);
  return writeTransaction(core.db, () => {
    const document = requireDocument(core.db, input.id);
    const main = listAttachments(core.db, document.id).find((attachment) => attachment.role === 'main');
    if (!main) throw new AppError('ATTACHMENT_NOT_FOUND', `draft ${document.id} has no main file to revise`);
    if (main.sha256 === pdf.sha256)
      throw new AppError('VALIDATION_FAILED', 'the new version is the same file', {
        fields: { file: 'Tệp này giống hệt bản dự thảo hiện tại' },
      });
    const stamp = core.now().toISOString();
    const { filename: _filename, ...blob } = pdf;
    insertBlobRecord(core.db, { ...blob, createdAt: stamp });
    replaceAttachmentBlob(core.db, {
      attachmentId: main.id,
      oldSha256: main.sha256,
      newSha256: pdf.sha256,
      newSize: pdf.size,
      replacedAt: stamp,
      replacedBy: 'revision',
    });
    reindexDocument(core.db, document);
    return recordDraftRevision(core, document.id, pdf.sha256, input.note ?? null);
  });
}
