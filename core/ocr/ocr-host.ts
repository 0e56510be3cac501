// The OCR host: a process of its own that renders pages with pdf.js and reads
// them with Tesseract (tesseract.js, Vietnamese trained data from the installed
// @tesseract.js-data/vie package: nothing is ever downloaded). Core forks it per
// job, so the window never waits on it, a cancelled job is a killed process,
// and a page that crashes the engine takes only this process with it.
import { createRequire } from 'node:module';
import { createWorker, OEM, type Block, type Worker as TesseractWorker } from 'tesseract.js';
import { openPdf } from '../documents/pdf.ts';
import type { OcrMessage, OcrRequest, OcrWord } from './protocol.ts';

const vietnamese = createRequire(import.meta.url)('@tesseract.js-data/vie') as { langPath: string; gzip: boolean };

/** Words OCR itself doubts this much are specks of dust, not text. */
const MIN_CONFIDENCE = 20;
/** Below this, a scan's letters are too few pixels tall for OCR to tell its marks apart. */
const MIN_DPI = 150;

let engine: Promise<TesseractWorker> | null = null;

function tesseract(): Promise<TesseractWorker> {
  engine ??= createWorker('vie', OEM.LSTM_ONLY, {
    langPath: vietnamese.langPath,
    gzip: vietnamese.gzip,
    // The trained data is read from the package each time: no cache written next to the data dir.
    cacheMethod: 'none',
  });
  return engine;
}

const send = (message: OcrMessage) => process.send?.(message);

type PdfPage = Awaited<ReturnType<Awaited<Awaited<ReturnType<typeof openPdf>>['promise']>['getPage']>>;

interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, width: number, height: number): void;
    getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
  };
}

/**
 * The rendered page as an 8-bit grey PGM: what OCR reads anyway, handed over without the
 * compression and decompression a PNG would cost on every page.
 */
function greyPgm({ canvas, context }: CanvasAndContext): Buffer {
  const { width, height } = canvas;
  const rgba = context.getImageData(0, 0, width, height).data;
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const grey = Buffer.allocUnsafe(width * height);
  for (let pixel = 0, offset = 0; pixel < grey.length; pixel++, offset += 4) {
    // ITU-R BT.601 luma, in integers.
    grey[pixel] = (rgba[offset]! * 299 + rgba[offset + 1]! * 587 + rgba[offset + 2]! * 114) / 1000;
  }
  return Buffer.concat([header, grey]);
}

interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

async function read(request: OcrRequest): Promise<void> {
  const loading = await openPdf(request.pdf);
  try {
    const pdf = await loading.promise;
    const factory = (pdf as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    const worker = await tesseract();
    for (const index of request.pages) {
      send({ id: request.id, type: 'started', page: index });
      try {
        const page = await pdf.getPage(index + 1);
        try {
          send({ id: request.id, type: 'page', page: index, ...(await readPage(page, request.dpi, factory, worker)) });
        } finally {
          page.cleanup();
        }
      } catch (error) {
        send({ id: request.id, type: 'page-failed', page: index, message: (error as Error).message });
      }
    }
    send({ id: request.id, type: 'done' });
  } finally {
    await loading.destroy();
  }
}

async function readPage(page: PdfPage, dpi: number, factory: CanvasFactory, worker: TesseractWorker) {
  const scale = (await renderingDpi(page, dpi)) / 72;
  const viewport = page.getViewport({ scale });
  const drawing = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    // A scanner's white paper: without it transparent areas would read as black.
    drawing.context.fillStyle = '#ffffff';
    drawing.context.fillRect(0, 0, drawing.canvas.width, drawing.canvas.height);
    await page.render({ canvasContext: drawing.context, canvas: drawing.canvas, viewport }).promise;
    const { data } = await worker.recognize(greyPgm(drawing), {}, { blocks: true, text: false });
    const [left, bottom, right, top] = page.view as [number, number, number, number];
    return {
      width: right - left,
      height: top - bottom,
      scale,
      words: wordsOf(data.blocks ?? [], drawing.canvas.width / 2),
    };
  } finally {
    factory.destroy(drawing);
  }
}

/**
 * A scanned page is read at its own resolution (never above `dpi`, never below what OCR needs):
 * rendering a 200-dpi scan at 300 dpi adds pixels and time, not detail.
 */
async function renderingDpi(page: PdfPage, dpi: number): Promise<number> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const text = new Set<number>([
    OPS.showText,
    OPS.showSpacedText,
    OPS.nextLineShowText,
    OPS.nextLineSetSpacingShowText,
  ]);
  const operators = await page.getOperatorList();
  const widths: number[] = [];
  for (const [index, operator] of operators.fnArray.entries()) {
    if (text.has(operator)) return dpi;
    if (operator === OPS.paintImageXObject) widths.push((operators.argsArray[index] as [string, number])[1]);
  }
  if (widths.length === 0) return dpi;
  const [left, , right] = page.view as [number, number, number, number];
  const imageDpi = Math.max(...widths) / ((right - left) / 72);
  return Math.round(Math.min(dpi, Math.max(MIN_DPI, imageDpi)));
}

/**
 * OCR's words with their baselines straightened: a page fed in a little askew tilts every line
 * the same way, and a word at the right end of a line would otherwise sit a few points off the
 * words at its left. Each baseline is taken where it crosses the page's vertical centre line.
 */
function wordsOf(blocks: Block[], centreX: number): OcrWord[] {
  const lines = blocks.flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
  const slopes = lines
    .map((line) => line.baseline)
    .filter((baseline) => baseline.x1 - baseline.x0 > 200)
    .map((baseline) => (baseline.y1 - baseline.y0) / (baseline.x1 - baseline.x0))
    .sort((a, b) => a - b);
  const skew = slopes[Math.floor(slopes.length / 2)] ?? 0;
  return lines.flatMap((line) => {
    const { baseline } = line;
    const lineHeight = line.rowAttributes.rowHeight || line.bbox.y1 - line.bbox.y0;
    const atCentre = baseline.y0 + (centreX - baseline.x0) * skew;
    return line.words
      .filter((word) => word.confidence >= MIN_CONFIDENCE && word.text.trim() !== '')
      .map((word) => ({ text: word.text, ...word.bbox, baseline: atCentre, lineHeight, confidence: word.confidence }));
  });
}

process.on('message', (request: OcrRequest) => {
  read(request).catch((error: unknown) =>
    send({ id: request.id, type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
// The parent gone, nothing is left to answer.
process.on('disconnect', () => process.exit(0));
