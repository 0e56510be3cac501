import { AppError } from '../../shared/errors.ts';
import { openPdf } from './pdf.ts';

/** A piece of text where the page draws it: baseline origin and size in PDF points. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface PageText {
  /** The x of the page's vertical centre line: left of it is the header's agency column. */
  centreX: number;
  runs: TextRun[];
}

/**
 * The first page's text with its positions: an official letter's header is a
 * two-column layout whose meaning is in where each line sits, which the
 * search index's flat text (pdf.ts) no longer shows. Call it on bytes that
 * inspectPdf has accepted.
 */
export async function readFirstPageText(bytes: Uint8Array): Promise<PageText> {
  const loading = await openPdf(bytes);
  try {
    const pdf = await loading.promise;
    const page = await pdf.getPage(1);
    const [left, , right] = page.view;
    const content = await page.getTextContent();
    const runs = content.items.flatMap((item): TextRun[] => {
      if (!('str' in item) || item.str.trim() === '') return [];
      const [a, b, , , e, f] = item.transform as number[];
      return [
        { text: item.str.normalize('NFC'), x: e!, y: f!, width: item.width, size: Math.hypot(a!, b!) || item.height },
      ];
    });
    return { centreX: (left! + right!) / 2, runs };
  } catch (error) {
    throw new AppError('PDF_CORRUPT', `first page: ${(error as Error)?.name}: ${(error as Error)?.message}`, {
      cause: error,
    });
  } finally {
    await loading.destroy();
  }
}
