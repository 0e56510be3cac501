// What a clerk does on the screen, step by step, in the words of the testid
// contract: the end-to-end tests read as the clerk's day built from these.
// Page code is passed as source text (see tests/helpers/browser.ts).
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import type { HandlerInput, HandlerName, Outputs } from '../../shared/api.ts';
import { browserRoutes, type CallResult } from '../../shared/bridge.ts';
import { assertNoMissingGlyphs, screenshot, type AppWindow } from '../helpers/browser.ts';

/** Long enough for a cold core call on a busy 2-core machine; never a fixed sleep. */
export const UI_TIMEOUT_MS = 30_000;
/** Signing (a token login and a PAdES signature) and a sync round trip. */
export const SLOW_TIMEOUT_MS = 90_000;

export const byTestId = (page: Page | Locator, id: string) => page.locator(`[data-testid="${id}"]`);

/**
 * Every screen the clerk sees gets the same checks: every character has a
 * glyph, the page reported no error, and a screenshot for a person to look at.
 */
export async function visit(window: AppWindow, name: string): Promise<void> {
  await assertNoMissingGlyphs(window.page, name);
  window.assertNoErrors();
  await screenshot(window.page, name);
}

/** Waits until the element shows one of `states` in `attribute`, and returns the one it shows. */
export async function settledState(
  page: Page,
  testId: string,
  states: string[],
  options: { attribute?: string; timeout?: number } = {},
): Promise<string> {
  const attribute = options.attribute ?? 'data-state';
  const selector = states.map((state) => `[data-testid="${testId}"][${attribute}="${state}"]`).join(', ');
  const element = page.locator(selector).first();
  await element.waitFor({ timeout: options.timeout ?? UI_TIMEOUT_MS });
  return (await element.getAttribute(attribute))!;
}

/**
 * Waits until the element shows `wanted` in `attribute` (data-state by
 * default); if it never does, fails with what it shows and what the UI said.
 */
export async function reachState(
  page: Page,
  testId: string,
  wanted: string,
  options: { attribute?: string; timeout?: number } = {},
): Promise<void> {
  const attribute = options.attribute ?? 'data-state';
  try {
    await page
      .locator(`[data-testid="${testId}"][${attribute}="${wanted}"]`)
      .first()
      .waitFor({ timeout: options.timeout ?? UI_TIMEOUT_MS });
  } catch (error) {
    const element = byTestId(page, testId).first();
    const shown =
      (await element.count()) > 0
        ? `${attribute}="${await element.getAttribute(attribute)}": ${await element.innerText()}`
        : 'not on screen';
    throw new Error(
      `${testId} never showed ${attribute}="${wanted}" (${shown}).\nError notices: ${await errorNotices(page)}`,
      { cause: error },
    );
  }
}

/** The messages of every error notice on screen, for a failure message that says what the UI said. */
async function errorNotices(page: Page): Promise<string> {
  const notices = await byTestId(page, 'error-notice').all();
  const texts = await Promise.all(
    notices.map(async (notice) => `${await notice.getAttribute('data-code')}: ${await notice.innerText()}`),
  );
  return texts.join('\n') || '(no error notice on screen)';
}

/**
 * Clicks a save button whose form clears once core took the input (so the
 * button disables itself), and fails with the UI's own words if it did not.
 */
export async function savedWithoutError(page: Page, buttonTestId: string): Promise<void> {
  await byTestId(page, buttonTestId).click();
  // Disabled while saving too: only a disabled button that is no longer loading means done.
  await page
    .locator(`[data-testid="${buttonTestId}"][disabled]:not(.ant-btn-loading), [data-testid="error-notice"]`)
    .first()
    .waitFor();
  const notices = await byTestId(page, 'error-notice').count();
  if (notices > 0) throw new Error(`${buttonTestId}: ${await errorNotices(page)}`);
}

export async function goTo(
  page: Page,
  nav: 'incoming' | 'outgoing' | 'drafts' | 'dashboard' | 'sync' | 'settings',
): Promise<void> {
  await byTestId(page, `nav-${nav}`).click();
}

/**
 * A file dropped from the file manager onto a drop zone: a DataTransfer built
 * in the page from the bytes, carried by dragenter, dragover and drop.
 */
export async function dropFile(
  page: Page,
  zoneTestId: string,
  file: { name: string; bytes: Uint8Array; type?: string },
): Promise<void> {
  const args = JSON.stringify({
    zone: zoneTestId,
    name: file.name,
    type: file.type ?? 'application/pdf',
    base64: Buffer.from(file.bytes).toString('base64'),
  });
  await byTestId(page, zoneTestId).waitFor();
  await page.evaluate(`(() => {
    const { zone, name, type, base64 } = ${args};
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type }));
    const target = document.querySelector('[data-testid="' + zone + '"]');
    if (!target) throw new Error('no drop zone ' + zone);
    for (const kind of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  })()`);
}

/**
 * Opens an AntD select, types to narrow it, and picks an option: the one whose
 * title is exactly `match.title`, or the first whose text contains `match`.
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  typed: string,
  match: string | RegExp | { title: string },
): Promise<void> {
  await select.click();
  if (typed) await page.keyboard.type(typed, { delay: 20 });
  const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  const option =
    typeof match === 'object' && 'title' in match
      ? options.and(page.locator(`[title=${JSON.stringify(match.title)}]`))
      : options.filter({ hasText: match });
  await option.first().click();
}

/** The value of a form input or textarea (AntD puts the testid on the element itself). */
export async function valueOf(page: Page, testId: string): Promise<string> {
  return byTestId(page, testId).inputValue();
}

/** Pixel counts of the rendered page: `dark` and `white` out of `total`. */
export interface PdfInk {
  width: number;
  height: number;
  dark: number;
  white: number;
  total: number;
}

/**
 * The PDF viewer finished and its canvas shows a page: mostly white paper
 * with a fair amount of dark ink (text), not a blank or black rectangle.
 */
export async function renderedPdfInk(page: Page): Promise<PdfInk> {
  const state = await settledState(page, 'pdf-viewer', ['rendered', 'error'], { timeout: SLOW_TIMEOUT_MS });
  if (state !== 'rendered')
    throw new Error(`the PDF viewer ended in "${state}": ${await byTestId(page, 'pdf-viewer').innerText()}`);
  return page.evaluate<PdfInk>(`(() => {
    const source = document.querySelector('[data-testid="pdf-viewer"] canvas');
    if (!source) throw new Error('the PDF viewer has no canvas');
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d', { willReadFrequently: true });
    context.drawImage(source, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    let dark = 0;
    let white = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if (a > 200 && r < 96 && g < 96 && b < 96) dark++;
      if (a > 200 && r > 240 && g > 240 && b > 240) white++;
    }
    return { width: copy.width, height: copy.height, dark, white, total: pixels.length / 4 };
  })()`);
}

/** Clicks a control that starts a download and returns the file's bytes and suggested name. */
export async function download(page: Page, trigger: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: SLOW_TIMEOUT_MS }), trigger.click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** One call through browser mode's own transport, with the page's session: what the renderer itself would get. */
export async function coreCall<K extends HandlerName>(
  page: Page,
  name: K,
  input: HandlerInput<K>,
): Promise<Outputs[K]> {
  const body = JSON.stringify({ name, input });
  const request = `fetch(${JSON.stringify(browserRoutes.call)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)}, credentials: 'same-origin' }).then((reply) => reply.json())`;
  const result = await page.evaluate<CallResult<K>>(request);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
