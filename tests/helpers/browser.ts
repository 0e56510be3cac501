// The real UI in the real browser: vanthu's browser mode as a child process
// (as a clerk without Electron runs it) and Debian's Chromium driven by
// playwright-core. Also used by bench/ui.ts, so nothing here imports vitest:
// failures are thrown as errors that say what went wrong.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless; `extraArgs` for measurements that need other switches. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The end-to-end tests and the UI benchmark drive the real UI in it: ` +
        'install it with `apt-get install chromium` (Debian), then run again.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

const RENDERER_DIST = path.join(ROOT, 'dist/renderer');
const RENDERER_SOURCES = ['renderer', 'shared'].map((dir) => path.join(ROOT, dir));

/** `vite build` of the renderer into `outDir` (emptied first). */
export function buildRenderer(outDir: string): void {
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const build = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0 || !fs.existsSync(path.join(outDir, 'index.html'))) {
    throw new Error(
      `the renderer did not build into ${outDir} (exit ${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`,
    );
  }
}

/**
 * dist/renderer, built when it is missing or older than its sources
 * (renderer/, shared/): a stale build would measure yesterday's UI.
 */
export function ensureRendererBuilt(): void {
  const index = path.join(RENDERER_DIST, 'index.html');
  const reason = !fs.existsSync(index)
    ? 'it is missing'
    : newestSource() > fs.statSync(index).mtimeMs
      ? 'it is older than its sources'
      : null;
  if (reason) {
    process.stderr.write(`building the renderer into dist/renderer (${reason})…\n`);
    buildRenderer(RENDERER_DIST);
  }
}

function newestSource(): number {
  let newest = 0;
  for (const dir of RENDERER_SOURCES) {
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.parentPath.includes('node_modules')) continue;
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

export interface AppWindow {
  context: BrowserContext;
  page: Page;
  /** Every uncaught page error and console error seen so far, in order. */
  readonly errors: string[];
  /** Throws with the list when the page reported any error. */
  assertNoErrors(): void;
  close(): Promise<void>;
}

/**
 * A fresh browser profile (as a clerk's own Chromium would be), with the
 * commune's locale and time zone, opened on `url`. Every page error and
 * console error is recorded: none is expected, none is filtered out.
 */
export async function openApp(browser: Browser, url: string): Promise<AppWindow> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  const errors: string[] = [];
  context.on('weberror', (error) => errors.push(`page error: ${error.error().stack ?? error.error().message}`));
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location();
    errors.push(`console error: ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
  });
  const page = await context.newPage();
  await page.goto(url);
  return {
    context,
    page,
    errors,
    assertNoErrors() {
      if (errors.length > 0) throw new Error(`The page reported ${errors.length} error(s):\n${errors.join('\n')}`);
    },
    close: () => context.close(),
  };
}

export interface BrowserMode {
  /** The login URL printed by the app: opening it logs the browser in and shows the app. */
  url: string;
  /** SIGTERM, then SIGKILL if it has not exited after 10 s. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * `npm run start:browser -- --data <dir> --no-open` as a child process;
 * resolves once it printed its URL. `rendererDir` serves a build of one's own
 * instead of dist/renderer.
 */
export async function startBrowserMode(options: {
  dataDir: string;
  rendererDir?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<BrowserMode> {
  const args = ['--import', 'tsx', path.join(ROOT, 'scripts/start-browser.ts'), '--data', options.dataDir, '--no-open'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // The commune's clock: "this month" and "today" must be the same for core and the page.
    env: {
      ...process.env,
      TZ: 'Asia/Ho_Chi_Minh',
      ...(options.rendererDir ? { VANTHU_RENDERER_DIR: options.rendererDir } : {}),
      ...options.env,
      CI: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    stderr = (stderr + data.toString('utf8')).slice(-8000);
  });
  const lines = readline.createInterface({ input: child.stdout });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`browser mode printed no URL within ${START_TIMEOUT_MS / 1000} s. stderr:\n${stderr}`));
    }, START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited (${code ?? signal}) before printing its URL. stderr:\n${stderr}`));
    });
  });
  // Keep reading so a chatty process never blocks on a full pipe.
  lines.on('line', () => undefined);
  if (!/^http:\/\/127\.0\.0\.1:\d+\/login\?token=\S+$/.test(first.trim())) {
    child.kill('SIGKILL');
    throw new Error(`browser mode's first line is not its login URL: ${JSON.stringify(first)}. stderr:\n${stderr}`);
  }
  return {
    url: first.trim(),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A full-page PNG in test-artifacts/screenshots/<name>.png, for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface MissingGlyph {
  char: string;
  codePoint: string;
  /** The CSS font it was drawn in (the computed font of an element showing it). */
  font: string;
}

/**
 * Characters on screen that no font can draw, so the clerk sees a box (tofu)
 * or a gap instead of a letter. Each visible character is drawn on a canvas
 * in the font of an element that shows it, and compared (pixels and advance
 * width) with a code point no font has (U+10FFFD, private use; U+0378,
 * unassigned): Chromium draws both with the primary font's .notdef glyph.
 * The width matters because some fonts' .notdef is blank (Liberation Serif,
 * the default serif here): a missing letter is then an empty gap.
 */
export async function missingGlyphs(page: Page): Promise<MissingGlyph[]> {
  return page.evaluate<MissingGlyph[]>(GLYPH_PROBE);
}

export async function assertNoMissingGlyphs(page: Page, where = page.url()): Promise<void> {
  const missing = await missingGlyphs(page);
  if (missing.length > 0) {
    const list = missing.map((glyph) => `${glyph.codePoint} "${glyph.char}" in ${glyph.font}`).join('\n');
    throw new Error(`${missing.length} character(s) without a glyph on ${where}:\n${list}`);
  }
}

// Page code is kept as source text: tsx (esbuild keepNames) wraps functions
// in __name() calls, which do not exist in the page.
const GLYPH_PROBE = `(async () => {
  const SIZE = 40;
  const PROBES = ['\\u{10FFFD}', '\\u0378'];
  const TEXT_INPUTS = new Set(['', 'text', 'search', 'email', 'tel', 'url', 'number']);
  const fontsByChar = new Map();
  const fontOf = (element) => {
    const style = getComputedStyle(element);
    return style.fontStyle + ' ' + style.fontWeight + ' ' + SIZE + 'px ' + style.fontFamily;
  };
  const add = (text, font) => {
    for (const char of text) {
      if (/\\s/u.test(char)) continue;
      if (!fontsByChar.has(char)) fontsByChar.set(char, new Set());
      fontsByChar.get(char).add(font);
    }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript, template') || !parent.checkVisibility()) continue;
    add(node.data, fontOf(parent));
  }
  for (const field of document.querySelectorAll('input, textarea')) {
    if (!field.checkVisibility()) continue;
    if (field.tagName === 'INPUT' && !TEXT_INPUTS.has(field.getAttribute('type') ?? '')) continue;
    add(field.value, fontOf(field));
    add(field.placeholder ?? '', fontOf(field));
  }
  // What innerText shows but no text node holds (generated content): the body's font.
  const bodyFont = fontOf(document.body);
  for (const char of document.body.innerText) {
    if (!/\\s/u.test(char) && !fontsByChar.has(char)) add(char, bodyFont);
  }

  await document.fonts.ready;
  const canvas = document.createElement('canvas');
  canvas.width = SIZE * 3;
  canvas.height = SIZE * 2;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const draw = (char, font) => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.font = font;
    context.textBaseline = 'middle';
    context.fillStyle = '#000';
    context.fillText(char, SIZE / 2, SIZE);
    return { width: context.measureText(char).width, pixels: context.getImageData(0, 0, canvas.width, canvas.height).data };
  };
  const blank = (drawing) => drawing.pixels.every((value) => value === 0);
  const same = (a, b) => a.width === b.width && a.pixels.length === b.pixels.length && a.pixels.every((value, index) => value === b.pixels[index]);

  const byFont = new Map();
  for (const [char, fonts] of fontsByChar) {
    for (const font of fonts) {
      if (!byFont.has(font)) byFont.set(font, []);
      byFont.get(font).push(char);
    }
  }
  const missing = [];
  for (const [font, chars] of byFont) {
    // Web fonts split by unicode-range load only the faces these characters need.
    await document.fonts.load(font, chars.join(''));
    const tofus = PROBES.map((probe) => draw(probe, font));
    if (tofus.some((tofu) => blank(tofu) && tofu.width === 0)) {
      throw new Error('glyph check: a missing glyph draws nothing at all in ' + font + '; it cannot be told from a zero-width character');
    }
    for (const char of chars) {
      const drawing = draw(char, font);
      if (tofus.some((tofu) => same(tofu, drawing))) {
        missing.push({ char, codePoint: 'U+' + char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0'), font });
      }
    }
  }
  return missing;
})()`;
