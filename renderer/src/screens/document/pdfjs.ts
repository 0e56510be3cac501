// pdf.js as the viewer and the sign dialog's placement picker use it: the
// worker from a same-origin file (the CSP allows no other), the run-time data
// copied next to the app by the build (renderer/vite.config.ts), and no eval.
import { getDocument, GlobalWorkerOptions, PDFWorker, type PDFDocumentLoadingTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

// One worker for every document opened: starting one parses a megabyte of
// script, and closing a document must not take it down.
let worker: PDFWorker | null = null;
function sharedWorker(): PDFWorker {
  if (!worker || worker.destroyed) worker = new PDFWorker();
  return worker;
}

const dataUrl = (dir: string) => new URL(`pdfjs/${dir}/`, document.baseURI).href;

export function openPdf(data: Uint8Array<ArrayBuffer>): PDFDocumentLoadingTask {
  return getDocument({
    data,
    worker: sharedWorker(),
    cMapUrl: dataUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dataUrl('standard_fonts'),
    wasmUrl: dataUrl('wasm'),
    iccUrl: dataUrl('iccs'),
    isEvalSupported: false,
    enableXfa: false,
  });
}

export { RenderingCancelledException } from 'pdfjs-dist';
export type { PageViewport, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
