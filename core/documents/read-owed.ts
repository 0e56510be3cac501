// PDFs whose text the store still owes: those read by an older page reading
// (a store upgraded from before it: its letters become findable again) and
// those whose scanned pages wait for OCR (registered with "later", received by
// sync). Read in the background, one at a time, oldest first, each one's
// documents re-indexed in the same transaction as its new text.
import { toErrorValue } from '../../shared/errors.ts';
import type { Core } from '../context.ts';
import { tryDataLock } from '../data-lock.ts';
import {
  blobsToRead,
  countBlobsToRead,
  documentsWithBlob,
  getBlobFacts,
  updateBlobText,
  type BlobText,
} from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import { getDocumentRow } from '../db/documents.ts';
import { readPdfText, READING_VERSION, unreadablePdf } from './pdf-text.ts';
import { reindexDocument } from './search-index.ts';

export interface OwedReadingResult {
  /** PDFs read again with the current page reading. */
  reread: number;
  /** PDFs whose scanned pages OCR read. */
  ocred: number;
  /** PDFs whose text could not be read (kept, with the reason). */
  unreadable: number;
  /** Still owed: OCR left for later, or another process was already reading. */
  remaining: number;
  busy: boolean;
}

const BATCH = 50;

/** Reads what the store owes, with progress as `reading.progress` events; OCR only when `ocr` is set. */
export async function readOwedPdfs(
  core: Core,
  options: { ocr: boolean; signal?: AbortSignal },
): Promise<OwedReadingResult> {
  const result: OwedReadingResult = { reread: 0, ocred: 0, unreadable: 0, remaining: 0, busy: false };
  const release = tryDataLock(core.dataDir, 'reading');
  if (!release) {
    const owed = countBlobsToRead(core.db, READING_VERSION);
    return { ...result, remaining: owed.old + owed.pending, busy: true };
  }
  try {
    const owed = countBlobsToRead(core.db, READING_VERSION);
    const total = owed.old + (options.ocr ? owed.pending : 0);
    if (total === 0) return { ...result, remaining: owed.pending };
    let done = 0;
    const skipped = new Set<string>();
    for (;;) {
      const batch = blobsToRead(core.db, READING_VERSION, BATCH + skipped.size).filter((sha) => !skipped.has(sha));
      if (batch.length === 0 || options.signal?.aborted) break;
      for (const sha256 of batch) {
        if (options.signal?.aborted) break;
        const before = getBlobFacts(core.db, sha256);
        if (!before) continue;
        if (before.reading === READING_VERSION && !options.ocr) {
          skipped.add(sha256);
          continue;
        }
        core.emit({ type: 'reading.progress', done, total });
        const after = await readOne(core, sha256, options.ocr, options.signal);
        if (after.textSource === 'pending') skipped.add(sha256);
        writeTransaction(core.db, () => {
          updateBlobText(core.db, sha256, after);
          for (const id of documentsWithBlob(core.db, sha256)) reindexDocument(core.db, getDocumentRow(core.db, id)!);
        });
        if (before.reading !== READING_VERSION) result.reread++;
        if (after.textSource === 'ocr' && before.textSource !== 'ocr') result.ocred++;
        if (after.textSource === 'none') result.unreadable++;
        done++;
      }
    }
    core.emit({ type: 'reading.progress', done, total });
    const left = countBlobsToRead(core.db, READING_VERSION);
    result.remaining = left.old + left.pending;
    return result;
  } finally {
    release();
  }
}

async function readOne(core: Core, sha256: string, ocr: boolean, signal: AbortSignal | undefined): Promise<BlobText> {
  try {
    const bytes = core.blobs.read(sha256);
    // Not the window's "Dừng": that stops what the clerk waits on, not the background's work.
    const read = await readPdfText(bytes, ocr ? { ocr: 'wait', ...(signal ? { signal } : {}) } : { ocr: 'later' });
    return read.blob;
  } catch (error) {
    // A file the store cannot read any more (gone from disk, damaged) keeps no text and says why; `check` names it too.
    return unreadablePdf(toErrorValue(error).detail ?? toErrorValue(error).message);
  }
}
