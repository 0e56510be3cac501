// A PDF's searchable text, stored layout and printed số/ký hiệu, from its
// text layer where that is usable and from OCR for the pages where it is not.
// The PDF itself is never changed.
import { AppError } from '../../shared/errors.ts';
import type { BlobText } from '../db/attachments.ts';
import { ocrPages, type OcrPageResult } from '../ocr/ocr-client.ts';
import { readLetterHeader } from './letter-header.ts';
import { readingText, type PageReading } from './page-reading.ts';
import { inspectPdf, isLayoutPage, layoutLines, MAX_INDEXED_CHARS, type PdfFacts } from './pdf.ts';
import { isUsableText, MIN_OCR_WORDS } from './text-quality.ts';

/**
 * The version of the page reading that produces a blob's text and layout: a store holding
 * blobs read by an older one reads them again (core/documents/read-owed.ts).
 */
export const READING_VERSION = 1;

/** `wait`: OCR the pages without text now; `later`: store at once, OCR in the background. */
export type OcrMode = 'wait' | 'later';

export interface PdfTextOptions {
  ocr: OcrMode;
  /** Pages read so far, of how many, while OCR runs. */
  onOcrProgress?: (done: number, total: number) => void;
  /** Cancelling OCR leaves the PDF's text owed, to be read in the background. */
  signal?: AbortSignal;
}

export interface PdfText {
  blob: BlobText;
  /** The first page as read (from its text layer or by OCR), for header reading. */
  firstPage: PageReading | null;
}

export async function readPdfText(bytes: Uint8Array, options: PdfTextOptions): Promise<PdfText> {
  return completeWithOcr(await inspectPdf(bytes), bytes, options);
}

/** The text of an inspected PDF, its unread pages read by OCR as the options say. */
export async function completeWithOcr(facts: PdfFacts, bytes: Uint8Array, options: PdfTextOptions): Promise<PdfText> {
  const pageTexts = [...facts.pageTexts];
  const layout = [...facts.layout];
  let firstPage = facts.firstPage;
  const failures: { page: number; why: string }[] = [];
  let owed = false;
  if (facts.unreadPages.length > 0 && options.ocr === 'later') owed = true;
  if (facts.unreadPages.length > 0 && options.ocr === 'wait') {
    let results: OcrPageResult[] = [];
    try {
      results = await ocrPages(bytes, facts.unreadPages, {
        ...(options.onOcrProgress ? { onProgress: options.onOcrProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'OCR_CANCELLED')) throw error;
      owed = true;
    }
    for (const result of results) {
      if (!result.reading) {
        failures.push({ page: result.page, why: result.failure ?? 'unknown' });
        continue;
      }
      // A photo, a seal or specks of dust: OCR finds marks, not words.
      if (!isUsableText(readingText(result.reading), MIN_OCR_WORDS)) continue;
      pageTexts[result.page] = readingText(result.reading);
      if (result.page === 0) firstPage = result.reading;
      if (isLayoutPage(result.page, facts.pageCount)) layout.push(...layoutLines(result.page, result.reading));
    }
  }
  const text = joinPages(pageTexts);
  const ocred = facts.unreadPages.some((page) => pageTexts[page]);
  const header = firstPage ? readLetterHeader(firstPage) : null;
  return {
    firstPage,
    blob: {
      pageCount: facts.pageCount,
      text,
      layout: layout.sort((a, b) => a.page - b.page),
      textSource: owed ? 'pending' : ocred ? 'ocr' : text.trim() === '' ? 'none' : 'pdf',
      textNote: failureNote(failures, text.trim() === ''),
      printedNotation: header?.notation ?? null,
      reading: READING_VERSION,
    },
  };
}

/** The clerk's note on pages OCR could not read, with the technical reasons for whoever looks into it. */
function failureNote(failures: { page: number; why: string }[], nothingRead: boolean): string | null {
  if (failures.length === 0) return null;
  const pages = failures.map((failure) => failure.page + 1).join(', ');
  const details = `chi tiết: ${failures.map((failure) => `trang ${failure.page + 1}: ${failure.why}`).join('; ')}`;
  return nothingRead
    ? `Không nhận dạng được chữ trong tệp này (trang ${pages}). Văn bản vẫn được lưu nguyên vẹn nhưng chưa tìm được theo nội dung [${details}]`
    : `Không nhận dạng được chữ ở trang ${pages}; các trang khác vẫn tìm kiếm được [${details}]`;
}

/** What is stored for a PDF whose text cannot be read at all: the bytes are kept, with the reason. */
export function unreadablePdf(why: string): BlobText {
  return {
    pageCount: 0,
    text: '',
    layout: null,
    textSource: 'none',
    textNote: `Không đọc được chữ trong tệp PDF (${why})`,
    printedNotation: null,
    reading: READING_VERSION,
  };
}

function joinPages(pageTexts: readonly (string | null)[]): string {
  return pageTexts
    .filter((text): text is string => text !== null && text !== '')
    .join('\n')
    .slice(0, MAX_INDEXED_CHARS);
}
