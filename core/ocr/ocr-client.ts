// Reads pages that have no usable text with the OCR host (ocr-host.ts), one
// process per job. A page that fails or takes too long is given up with its
// reason and the others go on; cancelling kills the process at once.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors.ts';
import { readPage, type PageReading, type TextPiece } from '../documents/page-reading.ts';
import type { OcrMessage, OcrWord } from './protocol.ts';

/** 300 dpi: what Tesseract reads best at, and what a clerk's scanner usually makes. */
const DPI = 300;
/** A page that has not come back in this long is stuck (an A4 page takes a few seconds). */
const PAGE_TIMEOUT_MS = 120_000;

export interface OcrPageResult {
  /** 0-based. */
  page: number;
  reading: PageReading | null;
  /** Why the page could not be read, when it could not. */
  failure: string | null;
}

export interface OcrOptions {
  /** Called as each page starts: pages done so far, of how many. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  pageTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * The packaged app runs core from a bundle, where ocr-host.ts and tsx do not
 * exist: the shell names the bundled host instead, run by Electron as Node.
 */
function hostCommand(env: NodeJS.ProcessEnv): { entry: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const bundled = env.VANTHU_OCR_HOST;
  if (bundled) return { entry: bundled, execArgv: [], env: { ...env, ELECTRON_RUN_AS_NODE: '1' } };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { entry: path.join(import.meta.dirname, 'ocr-host.ts'), execArgv: ['--import', tsx], env };
}

/**
 * Pages already read, by the PDF's hash and page: the clerk drops a scan (its first page is read
 * to pre-fill the form), then registers it (every page is read): the first page is not read twice.
 */
const readPages = new Map<string, OcrPageResult>();
const REMEMBERED_PAGES = 64;

function remember(key: string, result: OcrPageResult): void {
  readPages.delete(key);
  readPages.set(key, result);
  for (const oldest of readPages.keys()) {
    if (readPages.size <= REMEMBERED_PAGES) break;
    readPages.delete(oldest);
  }
}

/** Reads `pages` of the PDF by OCR, in order; never throws for a page, only when cancelled. */
export async function ocrPages(pdf: Uint8Array, pages: number[], options: OcrOptions = {}): Promise<OcrPageResult[]> {
  const hash = createHash('sha256').update(pdf).digest('hex');
  const keyOf = (page: number) => `${hash}:${page}`;
  const results: OcrPageResult[] = pages.flatMap((page) => readPages.get(keyOf(page)) ?? []);
  let remaining = pages.filter((page) => !readPages.has(keyOf(page)));
  if (remaining.length === 0) options.onProgress?.(pages.length, pages.length);
  while (remaining.length > 0) {
    const round = await runHost(pdf, remaining, results.length, pages.length, options);
    for (const result of round) if (result.reading) remember(keyOf(result.page), result);
    results.push(...round);
    const done = new Set(results.map((result) => result.page));
    remaining = remaining.filter((page) => !done.has(page));
  }
  return pages.map((page) => results.find((result) => result.page === page)!);
}

/**
 * One host process for the pages left. When it dies or a page hangs, that page is
 * marked failed and the caller starts another host for the rest.
 */
function runHost(
  pdf: Uint8Array,
  pages: number[],
  doneBefore: number,
  total: number,
  options: OcrOptions,
): Promise<OcrPageResult[]> {
  if (options.signal?.aborted) return Promise.reject(cancelled());
  const command = hostCommand(options.env ?? process.env);
  const child: ChildProcess = fork(command.entry, [], {
    execArgv: command.execArgv,
    env: command.env,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    const results: OcrPageResult[] = [];
    let current: number | null = null;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      child.removeAllListeners('exit');
      if (child.exitCode === null) child.kill('SIGKILL');
      outcome();
    };
    const failCurrent = (why: string) => {
      const page = current ?? pages.find((candidate) => !results.some((result) => result.page === candidate));
      if (page !== undefined) results.push({ page, reading: null, failure: why });
      finish(() => resolve(results));
    };
    const onAbort = () => finish(() => reject(cancelled()));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timeout = options.pageTimeoutMs ?? PAGE_TIMEOUT_MS;
    // From the request to the first page, and from each page's start to its end: a host that
    // hangs loading its engine is given up as surely as one stuck on a page.
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => failCurrent(`timed out after ${timeout / 1000} s`), timeout);
    };

    child.on('message', (message: OcrMessage) => {
      switch (message.type) {
        case 'started':
          current = message.page;
          options.onProgress?.(doneBefore + results.length, total);
          arm();
          break;
        case 'page':
          results.push({ page: message.page, reading: readingOf(message), failure: null });
          current = null;
          break;
        case 'page-failed':
          results.push({ page: message.page, reading: null, failure: message.message });
          current = null;
          break;
        case 'done':
          options.onProgress?.(doneBefore + results.length, total);
          finish(() => resolve(results));
          break;
        case 'failed':
          failCurrent(message.message);
          break;
      }
    });
    child.on('exit', (code, signal) => failCurrent(`OCR host exited (${signal ?? code}) ${stderr.trim()}`.trim()));
    child.send({ id: 1, pdf, pages, dpi: DPI });
    arm();
  });
}

function cancelled(): AppError {
  return new AppError('OCR_CANCELLED', 'cancelled by the user');
}

/** OCR's words, turned into page pieces in PDF points, read the way a text layer is. */
function readingOf(message: Extract<OcrMessage, { type: 'page' }>): PageReading {
  const toPoints = (pixels: number) => pixels / message.scale;
  const pieces = message.words.map((word: OcrWord): TextPiece => ({
    text: word.text,
    x: toPoints(word.x0),
    y: message.height - toPoints(word.baseline),
    width: toPoints(word.x1 - word.x0),
    // A line's height covers capitals, marks and descenders; the font size is about four fifths of it.
    size: Math.max(1, toPoints(word.lineHeight) * 0.8),
  }));
  return readPage(pieces, { width: message.width, height: message.height }, { gaps: 'ink' });
}
