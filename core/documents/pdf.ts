import { createRequire } from 'node:module';
import path from 'node:path';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { LayoutLine } from '../db/attachments.ts';
import { readingText, readPage, type PageReading, type TextPiece } from './page-reading.ts';
import { isUsableText } from './text-quality.ts';

// Cap what one document adds to the search index; a 500-page scan with OCR
// would otherwise dominate it.
export const MAX_INDEXED_CHARS = 200_000;

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export interface PdfFacts {
  pageCount: number;
  /** Each page's text as the page reading joins it; null for a page without usable text. */
  pageTexts: (string | null)[];
  /** The lines of the first page and of the last two, for signature placement without parsing the PDF again. */
  layout: LayoutLine[];
  /** The first page as read, for header reading; null when it has no usable text. */
  firstPage: PageReading | null;
  /** 0-based pages with no usable text: scans, or fonts that do not say which letters they draw. */
  unreadPages: number[];
}

const LAYOUT_LAST_PAGES = 2;

/** Which pages' lines the stored layout keeps: the first (appendix stamp) and the last two (signature block). */
export const isLayoutPage = (page: number, pageCount: number): boolean =>
  page === 0 || page >= pageCount - LAYOUT_LAST_PAGES;

/** pdf.js as core runs it: no eval, no system fonts, its own font and CMap data. */
export async function openPdf(bytes: Uint8Array, options: { stopAtErrors?: boolean } = {}) {
  // Loaded on first use: pdfjs is large, and most commands never open a PDF.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of the buffer it is given; keep the caller's intact.
  return getDocument({
    data: new Uint8Array(bytes),
    stopAtErrors: options.stopAtErrors ?? false,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
    cMapUrl: `${pdfjsDir}/cmaps/`,
    cMapPacked: true,
  });
}

type PdfPage = Awaited<ReturnType<Awaited<Awaited<ReturnType<typeof openPdf>>['promise']>['getPage']>>;

/** A page of a PDF as the page reading sees it. */
export async function readPdfPage(page: PdfPage): Promise<PageReading> {
  const [left, bottom, right, top] = page.view as [number, number, number, number];
  const content = await page.getTextContent();
  const pieces = content.items.flatMap((item): TextPiece[] => {
    if (!('str' in item)) return [];
    const [a, b, , , e, f] = item.transform as [number, number, number, number, number, number];
    // Text turned on its side (a margin note, a stamp) is not part of any line.
    if (Math.abs(b) > Math.abs(a)) return [];
    return [{ text: item.str, x: e, y: f, width: item.width, size: Math.hypot(a, b) || item.height }];
  });
  return readPage(pieces, { width: right - left, height: top - bottom });
}

/** A page reading's lines as the stored layout keeps them. */
export function layoutLines(page: number, reading: PageReading): LayoutLine[] {
  const round = (value: number) => Math.round(value * 10) / 10;
  return reading.lines.map((line) => ({
    page,
    text: line.text,
    x: round(line.x),
    y: round(line.y),
    width: round(line.width),
    size: round(line.size),
    words: line.words.flatMap((word) => [round(word.x), round(word.width)]),
  }));
}

/**
 * Accepts only a whole, unencrypted PDF and reads its text layer. Checks run
 * from cheap to thorough: the header, the end-of-file marker a truncated
 * download lacks, then a full parse of every page with errors not recovered.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfFacts> {
  if (bytes.length > MAX_PDF_BYTES) throw new AppError('PDF_TOO_LARGE', `${bytes.length} bytes`);
  if (!hasPdfHeader(bytes)) throw new AppError('PDF_NOT_PDF', 'no %PDF- header in the first 1024 bytes');
  if (!hasEofMarker(bytes)) throw new AppError('PDF_CORRUPT', 'no %%EOF near the end: the file is truncated');

  const loading = await openPdf(bytes, { stopAtErrors: true });
  try {
    const pdf = await loading.promise;
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    // Owner-password PDFs open without a password, but signing them later
    // would need to rewrite the encryption: refuse them here too.
    if (info.EncryptFilterName)
      throw new AppError('PDF_ENCRYPTED', `encryption filter ${JSON.stringify(info.EncryptFilterName)}`);
    const pageTexts: (string | null)[] = [];
    const layout: LayoutLine[] = [];
    const unreadPages: number[] = [];
    let firstPage: PageReading | null = null;
    let length = 0;
    for (let index = 0; index < pdf.numPages; index++) {
      const page = await pdf.getPage(index + 1);
      const reading = await readPdfPage(page);
      page.cleanup();
      const text = readingText(reading);
      if (!isUsableText(text)) {
        unreadPages.push(index);
        pageTexts.push(null);
        continue;
      }
      if (index === 0) firstPage = reading;
      if (isLayoutPage(index, pdf.numPages)) layout.push(...layoutLines(index, reading));
      // Past the index's cap a page's text is not kept, but the page is still read: a broken one must still refuse the file.
      pageTexts.push(length < MAX_INDEXED_CHARS ? text : '');
      length += text.length;
    }
    return { pageCount: pdf.numPages, pageTexts, layout, firstPage, unreadPages };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as Error | undefined)?.name;
    if (name === 'PasswordException') throw new AppError('PDF_ENCRYPTED', 'the PDF needs a password', { cause: error });
    throw new AppError('PDF_CORRUPT', `${name}: ${(error as Error | undefined)?.message}`, { cause: error });
  } finally {
    await loading.destroy();
  }
}

/** The layout of the last pages of a PDF already stored (one stored before layouts were kept). */
export async function readLayout(bytes: Uint8Array): Promise<LayoutLine[]> {
  return (await inspectPdf(bytes)).layout;
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function hasEofMarker(bytes: Uint8Array): boolean {
  const start = Math.max(0, bytes.length - 2048);
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start)
    .toString('latin1')
    .includes('%%EOF');
}
