import { createRequire } from 'node:module';
import path from 'node:path';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import { foldVietnamese } from '../../shared/fold.ts';
import type { LayoutItem } from '../db/attachments.ts';

// Cap what one document adds to the search index; a 500-page scan with OCR
// would otherwise dominate it.
const MAX_INDEXED_CHARS = 200_000;

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export interface PdfFacts {
  pageCount: number;
  /** The text layer, page by page; empty for a scan without OCR. */
  text: string;
  /** Where the text sits on the last two pages, for placing signatures without parsing the PDF again. */
  layout: LayoutItem[];
}

const LAYOUT_PAGES = 2;

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
    const pages: string[] = [];
    const layout: LayoutItem[] = [];
    let length = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const pageText = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      if (number > pdf.numPages - LAYOUT_PAGES) layout.push(...layoutOf(number - 1, content.items));
      page.cleanup();
      if (length < MAX_INDEXED_CHARS) {
        pages.push(pageText);
        length += pageText.length;
      }
    }
    return { pageCount: pdf.numPages, text: pages.join('\n').slice(0, MAX_INDEXED_CHARS).normalize('NFC'), layout };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as Error)?.name;
    if (name === 'PasswordException') throw new AppError('PDF_ENCRYPTED', 'the PDF needs a password', { cause: error });
    throw new AppError('PDF_CORRUPT', `${name}: ${(error as Error)?.message}`, { cause: error });
  } finally {
    await loading.destroy();
  }
}

/** The layout of the last pages of a PDF already stored (one stored before layouts were kept). */
export async function readLayout(bytes: Uint8Array): Promise<LayoutItem[]> {
  return (await inspectPdf(bytes)).layout;
}

function layoutOf(page: number, items: readonly unknown[]): LayoutItem[] {
  return items.flatMap((item) => {
    if (!item || typeof item !== 'object' || !('str' in item) || typeof item.str !== 'string' || item.str.trim() === '')
      return [];
    const { str, transform, width, height } = item as {
      str: string;
      transform: number[];
      width: number;
      height: number;
    };
    const round = (value: number) => Math.round(value * 100) / 100;
    return [
      {
        page,
        text: foldVietnamese(str).replace(/\s+/g, ' ').trim(),
        x: round(transform[4]!),
        y: round(transform[5]!),
        width: round(width),
        height: round(height || Math.abs(transform[3]!)),
      },
    ];
  });
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
