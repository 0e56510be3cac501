// The app's code split in two: a small entry that asks core for the first
// screen, and the app it then imports. When the app's chunk cannot be loaded
// (an installation with a file missing), the window says so in Vietnamese
// instead of staying white, and core was still asked nothing it could not answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../core/api.ts';
import { openCore } from '../../core/context.ts';
import { buildRenderer, launchChromium, openApp, startBrowserMode } from '../helpers/browser.ts';
import { UI_TIMEOUT_MS } from './clerk.ts';

describe('a renderer with its app chunk missing', () => {
  let root = '';
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-start-failure-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('says in Vietnamese that the program files are damaged', async () => {
    const rendererDir = path.join(root, 'renderer');
    buildRenderer(rendererDir);
    const assets = path.join(rendererDir, 'assets');
    // The one the page preloads (an English words file may also be called app-….js).
    const page = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
    const appChunk = /rel="modulepreload"[^>]*href="\.\/assets\/(app-[^"]+\.js)"/.exec(page)?.[1];
    expect(appChunk, 'the page preloads an app chunk').toBeDefined();
    fs.rmSync(path.join(assets, appChunk!));

    const dataDir = path.join(root, 'data');
    const core = openCore(dataDir, { actor: 'ky-thuat' });
    try {
      await call(core, 'office.init', { agencyCode: '000.01.862.H56', name: 'UBND xã Yên Lạc' });
    } finally {
      core.close();
    }
    const app = await startBrowserMode({ dataDir, rendererDir });
    const browser = await launchChromium();
    try {
      const window = await openApp(browser, app.url);
      const failure = window.page.locator('[data-testid="start-failure"]');
      await failure.waitFor({ timeout: UI_TIMEOUT_MS });
      expect(await failure.innerText()).toContain('Không mở được phần mềm Văn thư');
      // The browser's own report of the missing file, and nothing else.
      expect(window.errors.every((error) => /404|Failed to (load|fetch)|dynamically imported/i.test(error))).toBe(true);
    } finally {
      await browser.close();
      await app.stop();
    }
  }, 240_000);
});
