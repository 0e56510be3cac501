// What every e2e file starts from: a renderer built from today's sources into a
// folder of its own, one headless Chromium, and app windows over browser mode
// that go with the test that opened them. A failed test leaves a screenshot of
// where each window stood; a passed one still fails on a page error that came
// after its last screen was checked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openCore, type Core } from '../../core/context.ts';
import {
  buildRenderer,
  launchChromium,
  openApp,
  screenshot,
  startBrowserMode,
  type AppWindow,
  type BrowserMode,
} from '../helpers/browser.ts';
import { UI_TIMEOUT_MS } from './clerk.ts';

// The commune's clock for the core a test opens itself (withCore), as for the
// browser-mode core it starts: between 17:00 and 24:00 UTC "today" in Vietnam
// is already tomorrow, and a letter dated today must not be in core's future.
process.env.TZ = 'Asia/Ho_Chi_Minh';

export interface E2eSession {
  /** A folder of the file's own, removed after it. */
  root(): string;
  /** The app on a data dir, in a window of its own, with the test tokens' SoftHSM configuration. */
  open(dataDir: string): Promise<AppWindow>;
}

export function useE2eSession(options: { prefix: string; softhsm2Conf: () => string }): E2eSession {
  let root = '';
  let browser: Browser | undefined;
  let rendererDir = '';
  const running: BrowserMode[] = [];
  const windows: AppWindow[] = [];

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix));
    // A build of today's sources of its own: dist/renderer may be stale, or rebuilt by someone else meanwhile.
    rendererDir = path.join(root, 'renderer');
    buildRenderer(rendererDir);
    browser = await launchChromium();
  }, 240_000);

  afterEach(async ({ task }) => {
    const failed = task.result?.state === 'fail';
    for (const [index, window] of windows.entries()) {
      if (failed) await screenshot(window.page, `failed-${slug(task.name)}-${index + 1}`).catch(() => undefined);
    }
    const closing = windows.splice(0);
    for (const window of closing) await window.close();
    for (const app of running.splice(0)) await app.stop();
    if (!failed) for (const window of closing) window.assertNoErrors();
  });

  afterAll(async () => {
    await browser?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  return {
    root: () => root,
    async open(dataDir) {
      if (!browser) throw new Error('the e2e session has not started');
      const app = await startBrowserMode({ dataDir, rendererDir, env: { SOFTHSM2_CONF: options.softhsm2Conf() } });
      running.push(app);
      const window = await openApp(browser, app.url);
      window.page.setDefaultTimeout(UI_TIMEOUT_MS);
      windows.push(window);
      return window;
    },
  };
}

/** Core on a data dir for one step done outside the window (what a technician would have set up). */
export async function withCore<T>(dataDir: string, step: (core: Core) => Promise<T>): Promise<T> {
  const core = openCore(dataDir, { actor: 'ky-thuat' });
  try {
    return await step(core);
  } finally {
    core.close();
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40);
}
