import fs from 'node:fs';
import path from 'node:path';
import type { FileInput } from '../../shared/api.ts';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { Core } from '../context.ts';
import {
  getBlobFacts,
  insertAttachment,
  insertBlobRecord,
  type AttachmentRole,
  type AttachmentRow,
  type BlobText,
} from '../db/attachments.ts';
import { newId } from '../ids.ts';
import { sha256Of } from './blob-store.ts';
import { sanitizeFilename } from './filename.ts';
import { withOcrCancel } from '../ocr/ocr-jobs.ts';
import { readPdfText, READING_VERSION, type OcrMode } from './pdf-text.ts';

/** A PDF checked and written to the blob store, waiting to be tied to a document. */
export interface StoredPdf extends BlobText {
  filename: string;
  sha256: string;
  size: number;
}

/**
 * Reads, validates and stores a PDF before any database change, so a rejected
 * file leaves nothing behind and the transaction that follows only records.
 */
export async function storePdf(core: Core, file: FileInput, ocr: OcrMode = 'wait'): Promise<StoredPdf> {
  const { bytes, name } = readFileInput(file);
  const filename = sanitizeFilename(name);
  // The same bytes were checked and read when first stored (a document sent
  // twice, one appendix shared by many): reuse what was learned then.
  const hash = sha256Of(bytes);
  const known = getBlobFacts(core.db, hash);
  const facts =
    known?.reading === READING_VERSION && known.textSource !== 'pending'
      ? known
      : await withOcrCancel(core, async (signal) => {
          const read = await readPdfText(bytes, {
            ocr,
            signal,
            onOcrProgress: (done, total) => core.emit({ type: 'ocr.progress', label: filename, done, total }),
          });
          return read.blob;
        });
  const { sha256, size } = core.blobs.put(bytes, hash);
  if (facts.textSource === 'pending') core.readOwedInBackground();
  return { ...facts, filename, sha256, size };
}

/** Records a stored PDF as an attachment; call inside the document's transaction. */
export function recordAttachment(
  core: Core,
  documentId: string,
  pdf: StoredPdf,
  role: AttachmentRole,
  createdAt: string,
): AttachmentRow {
  const { filename: _filename, ...blob } = pdf;
  insertBlobRecord(core.db, { ...blob, createdAt });
  return insertAttachment(core.db, {
    id: newId(),
    documentId,
    role,
    filename: pdf.filename,
    mime: 'application/pdf',
    sha256: pdf.sha256,
    size: pdf.size,
    createdAt,
  });
}

/** The bytes of a PDF given by path or by content, and the name it came with. */
export function readFileInput(file: FileInput): { bytes: Buffer; name: string } {
  if ('base64' in file) {
    const bytes = Buffer.from(file.base64, 'base64');
    if (bytes.length === 0) throw new AppError('PDF_NOT_PDF', 'empty or invalid base64 content');
    return { bytes, name: file.filename };
  }
  return { bytes: readLocalFile(file.path), name: path.basename(file.path) };
}

/** A regular file on this machine, refused with a clear error when missing, unreadable or too large. */
export function readLocalFile(filePath: string, maxBytes: number = MAX_PDF_BYTES): Buffer {
  try {
    const stat = fs.statSync(filePath);
    if (!stat.isFile()) throw new AppError('FILE_UNREADABLE', `${filePath} is not a regular file`);
    if (stat.size > maxBytes) throw new AppError('PDF_TOO_LARGE', `${filePath}: ${stat.size} bytes`);
    return fs.readFileSync(filePath);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('FILE_NOT_FOUND', filePath, { cause: error });
    throw new AppError('FILE_UNREADABLE', `${filePath}: ${(error as Error).message}`, { cause: error });
  }
}
