import type { PrefillView, ValidInput } from '../../shared/api.ts';
import type { Core } from '../context.ts';
import { documentsByDedupeKeys } from '../db/register-list.ts';
import { findAgencyByName } from '../office/agencies.ts';
import { readFileInput } from './attachment-files.ts';
import { duplicateKey } from './incoming.ts';
import { AppError } from '../../shared/errors.ts';
import { ocrPages } from '../ocr/ocr-client.ts';
import { withOcrCancel } from '../ocr/ocr-jobs.ts';
import { readLetterHeader } from './letter-header.ts';
import { readingText, type PageReading } from './page-reading.ts';
import { inspectPdf, type PdfFacts } from './pdf.ts';
import { isUsableText, MIN_OCR_WORDS } from './text-quality.ts';

/**
 * What the clerk would otherwise retype from a received PDF: số/ký hiệu, date,
 * issuer, type and trích yếu, read from its first page (its text layer, or by
 * OCR for a scan), and the documents already registered under the same issuer,
 * số/ký hiệu and date. Nothing is stored.
 */
export async function prefillIncoming(core: Core, input: ValidInput<'incoming.prefill'>): Promise<PrefillView> {
  const { bytes, name } = readFileInput(input.file);
  const facts = await inspectPdf(bytes);
  const { page, textSource } = await firstPageOf(core, facts, bytes, input.ocr, name);
  if (!page) {
    return {
      notation: null,
      issuedOn: null,
      issuerName: null,
      issuerCode: null,
      parentName: null,
      type: null,
      subject: null,
      pageCount: facts.pageCount,
      hasText: false,
      textSource: 'none',
      duplicates: [],
    };
  }
  const header = readLetterHeader(page);
  // The directory's spelling wins when the header names a known agency, whether
  // the header wrote it on one line or split under its parent agency.
  const candidates = [header.issuer, header.parent && header.issuer && `${header.parent} ${header.issuer}`].filter(
    (name): name is string => Boolean(name),
  );
  const agency = candidates.map((name) => findAgencyByName(core, name)).find((found) => found !== null) ?? null;
  const issuerName = agency?.name ?? header.issuer;
  const names = [...new Set([issuerName, ...candidates].filter((name): name is string => name !== null))];
  const keys =
    header.notation && header.issuedOn
      ? names.map((name) => duplicateKey(name, header.notation!, header.issuedOn!))
      : [];
  return {
    notation: header.notation,
    issuedOn: header.issuedOn,
    issuerName,
    issuerCode: agency?.code ?? null,
    parentName: header.parent,
    type: header.type?.key ?? null,
    subject: header.subject,
    pageCount: facts.pageCount,
    hasText: true,
    textSource,
    duplicates: documentsByDedupeKeys(core.db, keys),
  };
}

/** The first page as read: its text layer, else (when allowed) OCR of it alone; a stopped OCR reads nothing. */
async function firstPageOf(
  core: Core,
  facts: PdfFacts,
  bytes: Uint8Array,
  ocr: boolean,
  label: string,
): Promise<{ page: PageReading | null; textSource: 'pdf' | 'ocr' | 'none' }> {
  if (facts.firstPage) return { page: facts.firstPage, textSource: 'pdf' };
  if (!ocr || facts.pageCount === 0) return { page: null, textSource: 'none' };
  try {
    const [result] = await withOcrCancel(core, (signal) =>
      ocrPages(bytes, [0], {
        signal,
        onProgress: (done, total) => core.emit({ type: 'ocr.progress', label, done, total }),
      }),
    );
    const page = result?.reading ?? null;
    return page && isUsableText(readingText(page), MIN_OCR_WORDS)
      ? { page, textSource: 'ocr' }
      : { page: null, textSource: 'none' };
  } catch (error) {
    if (error instanceof AppError && error.code === 'OCR_CANCELLED') return { page: null, textSource: 'none' };
    throw error;
  }
}
