// The missing-glyph detector the end-to-end test runs on every screen: it
// must pass Vietnamese drawn by installed fonts and catch a character that no
// installed font has (which the clerk would see as a box).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, missingGlyphs } from '../helpers/browser.ts';
import { matching } from '../helpers/matchers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Scripts this office has no reason to install fonts for: Tamil, Thai, Han, Ethiopic.
const CANDIDATES = [0x0bf5, 0x0e01, 0x4e2d, 0x1200];

/** A code point that fontconfig says no installed font covers. */
function uncoveredCodePoint(): number {
  const found = CANDIDATES.find((codePoint) => {
    const run = spawnSync('fc-list', [`:charset=${codePoint.toString(16)}`, 'family'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`fc-list failed: ${run.stderr}`);
    return run.stdout.trim() === '';
  });
  if (found === undefined)
    throw new Error(
      `every candidate (${CANDIDATES.map((c) => c.toString(16)).join(', ')}) has a font here; add one that has none`,
    );
  return found;
}

describe('missing-glyph detector', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('passes Vietnamese text, in the body font and in a sans-serif font', async () => {
    await page.setContent(
      '<span>Việt Nam đã ký số</span><p style="font-family: sans-serif; font-weight: 700">Ủy ban nhân dân xã Quảng Phú — Số: 15/UBND-VP</p>',
    );
    expect(await missingGlyphs(page)).toEqual([]);
  });

  it('reports a character no installed font has, in text and in an input, and nothing else', async () => {
    const codePoint = uncoveredCodePoint();
    const char = String.fromCodePoint(codePoint);
    await page.setContent(`<span>Việt Nam ${char} đã ký số</span><input value="Kế hoạch" placeholder="${char}">`);
    const missing = await missingGlyphs(page);
    const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    expect(missing.map((glyph) => glyph.codePoint)).toEqual(matching.arrayContaining([hex]));
    expect(new Set(missing.map((glyph) => glyph.char))).toEqual(new Set([char]));
    // Once from the text (body font), once from the placeholder (the input's font).
    expect(new Set(missing.map((glyph) => glyph.font)).size).toBe(2);
  });

  it("works with the app's web font, split by unicode-range into Latin and Vietnamese faces", async () => {
    // Served from a made-up origin: the same faces and ranges as renderer/src/styles/fonts.css.
    const files = path.join(ROOT, 'node_modules/@fontsource/noto-sans/files');
    await page.route('http://glyph.test/**', (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name.endsWith('.woff2'))
        return route.fulfill({ body: fs.readFileSync(path.join(files, name)), contentType: 'font/woff2' });
      const char = String.fromCodePoint(uncoveredCodePoint());
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<style>
          @font-face { font-family: 'Noto Sans'; src: url(noto-sans-latin-400-normal.woff2); unicode-range: U+0000-00FF; }
          @font-face { font-family: 'Noto Sans'; src: url(noto-sans-vietnamese-400-normal.woff2); unicode-range: U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB; }
          body { font-family: 'Noto Sans', sans-serif; }
        </style><p>Sổ văn bản đến: Quyết định phê duyệt kế hoạch phòng, chống thiên tai</p><p id="odd">${char}</p>`,
      });
    });
    await page.goto('http://glyph.test/page');
    const missing = await missingGlyphs(page);
    expect(missing.map((glyph) => glyph.codePoint)).toEqual([
      `U+${uncoveredCodePoint().toString(16).toUpperCase().padStart(4, '0')}`,
    ]);
    expect(missing[0]!.font).toContain('Noto Sans');
    // Both faces were really used, not a fallback font standing in for them.
    expect(await page.evaluate("[...document.fonts].filter((face) => face.status === 'loaded').length")).toBe(2);
    await page.unrouteAll();
  });

  it('ignores text that is not shown', async () => {
    const char = String.fromCodePoint(uncoveredCodePoint());
    await page.setContent(
      `<span>Việt Nam</span><span style="display:none">${char}</span><input type="password" value="${char}">`,
    );
    expect(await missingGlyphs(page)).toEqual([]);
  });
});
