// OCR benchmark: seconds per A4 page and character error rate against the
// known text, for a clean 300-dpi grey scan and a noisy 200-dpi one of the
// same Decree 30 letter (scripts/lib/letter-corpus.ts). The known text is the
// text layer of the LibreOffice letter the scans were made from, read the same
// way; every character counts, diacritics included. The page-reading cost on
// text PDFs is measured by `bench store` (its insert rate).
//
//   npm run bench -- ocr [--pages 3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readingText } from '../core/documents/page-reading.ts';
import { inspectPdf } from '../core/documents/pdf.ts';
import { ocrPages } from '../core/ocr/ocr-client.ts';
import { libreOfficeTableLetter, noisyScannedLetter, scannedLetter } from '../scripts/lib/letter-corpus.ts';

const AIM = { secondsPerPage: 4, cleanCer: 0.03, noisyCer: 0.08 };

export async function run(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { pages: { type: 'string' } } });
  const pages = Number(values.pages ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-ocr-'));
  try {
    const source = libreOfficeTableLetter();
    const truth = normalise((await inspectPdf(source)).pageTexts[0] ?? '');
    const clean = await measure(await scannedLetter(source, 300), pages, truth);
    const noisy = await measure(await noisyScannedLetter(source, 200, 2026), pages, truth);
    return {
      bench: 'ocr',
      pagesPerScan: pages,
      knownChars: truth.length,
      clean300: clean,
      noisy200: noisy,
      aim: AIM,
      overAim: {
        secondsPerPage: round(Math.max(clean.secondsPerPage, noisy.secondsPerPage) / AIM.secondsPerPage),
        cleanCer: round(clean.cer / AIM.cleanCer),
        noisyCer: round(noisy.cer / AIM.noisyCer),
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** OCR of the same page `pages` times in one job (as a multi-page scan goes), timed from the call to the last page. */
async function measure(
  scan: Buffer,
  pages: number,
  truth: string,
): Promise<{ secondsPerPage: number; cer: number; firstPageSeconds: number }> {
  const multiPage = await repeatPage(scan, pages);
  const started = performance.now();
  let firstPageAt = 0;
  const results = await ocrPages(
    multiPage,
    Array.from({ length: pages }, (_, index) => index),
    {
      onProgress: (done) => {
        if (done === 1 && firstPageAt === 0) firstPageAt = performance.now();
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const read = results[0]?.reading;
  if (!read) throw new Error(`OCR failed: ${results[0]?.failure}`);
  return {
    secondsPerPage: round(seconds / pages),
    firstPageSeconds: round((firstPageAt - started) / 1000),
    cer: round(editDistance(normalise(readingText(read)), truth) / truth.length, 4),
  };
}

async function repeatPage(pdf: Buffer, pages: number): Promise<Buffer> {
  const { PDFDocument } = await import('@cantoo/pdf-lib');
  const source = await PDFDocument.load(pdf);
  const out = await PDFDocument.create();
  for (let index = 0; index < pages; index++) out.addPage((await out.copyPages(source, [0]))[0]);
  return Buffer.from(await out.save());
}

/** Compared as a reader sees it: composed letters, runs of spaces and line breaks as one space. */
function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Levenshtein distance over code points, two rows at a time. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
