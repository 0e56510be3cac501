// Messages between core and the OCR host process (ocr-host.ts). The host reads
// one request at a time and answers page by page, so a 300-page scan streams
// back and its memory stays that of one page.

export interface OcrRequest {
  id: number;
  /** The PDF's bytes. */
  pdf: Uint8Array;
  /** 0-based pages to read, in order. */
  pages: number[];
  /** Rendering resolution, pixels per inch. */
  dpi: number;
}

/** A word as OCR saw it, in the rendered page's pixels (origin top left). */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Where the word's line sits: its baseline and height, in the same pixels. */
  baseline: number;
  lineHeight: number;
  confidence: number;
}

export type OcrMessage =
  | { id: number; type: 'started'; page: number }
  | {
      id: number;
      type: 'page';
      page: number;
      /** The page in PDF points, and the pixels per point it was rendered at. */
      width: number;
      height: number;
      scale: number;
      words: OcrWord[];
    }
  | { id: number; type: 'page-failed'; page: number; message: string }
  | { id: number; type: 'done' }
  | { id: number; type: 'failed'; message: string };
