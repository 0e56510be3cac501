// The clerk's screens on a commune office's 1366×768 screen, through the real
// UI in Chromium over browser mode with the real core: the register (this
// year first, its words, columns the clerk sizes, the whole text of a cut
// cell, "In sổ" for a period read back by poppler's pdftotext), registering a
// letter beside its PDF (fields to check, issuers suggested, dates checked on
// their fields), a correction with its reason in the history, the dashboard's
// figures leading to the register, Settings in plain words, the search's
// "Xem tất cả", errors in English, and Tab kept inside the sign dialog.
//
// Screenshots land in test-artifacts/screenshots/ (screens-*).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call } from '../../core/api.ts';
import { openCore } from '../../core/context.ts';
import errorsInEnglish from '../../renderer/src/i18n/errors/en.json' with { type: 'json' };
import { officialLetterPdf, type OfficialLetter } from '../../scripts/lib/official-letter-pdf.ts';
import type { AppWindow } from '../helpers/browser.ts';
import { useE2eSession, withCore } from './session.ts';
import {
  byTestId,
  chooseOption,
  coreCall,
  download,
  dropFile,
  goTo,
  renderedPdfInk,
  UI_TIMEOUT_MS,
  valueOf,
  visit,
} from './clerk.ts';

const OFFICE = { agencyCode: '000.01.862.H56', name: 'UBND xã Yên Lạc' };
const DISTRICT = { code: '000.00.62.H56', name: 'UBND huyện Như Thanh' };

/** A calendar day in the commune's time zone, `offsetDays` from today. */
function communeDay(offsetDays = 0): { iso: string; shown: string; day: number; month: number; year: number } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { iso, shown: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, day, month, year };
}

const THIS_YEAR = communeDay().year;

/** The district's letter about the flood season, dated `issued`. */
function floodLetter(issued: ReturnType<typeof communeDay>, notation: string): OfficialLetter {
  return {
    issuer: [DISTRICT.name.toUpperCase()],
    notation,
    place: 'Như Thanh',
    issuedOn: { day: issued.day, month: issued.month, year: issued.year },
    title: 'KẾ HOẠCH',
    subject: `Phòng, chống lụt bão và tìm kiếm cứu nạn năm ${issued.year}`,
    body: ['Ủy ban nhân dân huyện yêu cầu các xã rà soát phương án sơ tán dân ở vùng trũng trước mùa mưa bão.'],
    signer: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Lê Thị Hoa' },
  };
}

const LONG_SUBJECT =
  'Về việc rà soát, thống kê số hộ dân sinh sống ở vùng trũng thấp, ven sông, ven suối có nguy cơ ngập lụt, sạt lở đất để lập phương án di dời, sơ tán khẩn cấp trước mùa mưa bão năm nay';

describe("the clerk's screens at 1366×768", () => {
  const session = useE2eSession({ prefix: 'vanthu-e2e-screens-', softhsm2Conf: () => '' });

  async function openAt1366(dataDir: string): Promise<AppWindow> {
    const window = await session.open(dataDir);
    await window.page.setViewportSize({ width: 1366, height: 768 });
    return window;
  }

  /** An office with last year's register (2 letters) and this year's (3): số đến starts at 1 in each. */
  async function officeWithTwoYears(name: string): Promise<string> {
    const dataDir = path.join(session.root(), name);
    const lastYear = openCore(dataDir, {
      actor: 'van-thu',
      now: () => new Date(`${THIS_YEAR - 1}-06-10T09:00:00+07:00`),
    });
    try {
      await call(lastYear, 'office.init', OFFICE);
      for (const number of [1, 2]) {
        await call(lastYear, 'incoming.register', {
          issuerName: DISTRICT.name,
          issuerCode: DISTRICT.code,
          notation: `${number}/CV-NAMTRUOC`,
          issuedOn: `${THIS_YEAR - 1}-06-0${number}`,
          type: 'CV',
          subject: `Công văn năm trước số ${number}`,
        });
      }
    } finally {
      lastYear.close();
    }
    await withCore(dataDir, async (core) => {
      const yesterday = communeDay(-1).iso.startsWith(String(THIS_YEAR)) ? communeDay(-1).iso : communeDay().iso;
      await call(core, 'incoming.register', {
        issuerName: DISTRICT.name,
        issuerCode: DISTRICT.code,
        notation: '31/KH-UBND',
        issuedOn: yesterday,
        type: 'KH',
        subject: 'Kế hoạch dân số và phát triển năm nay',
      });
      await call(core, 'incoming.register', {
        issuerName: 'Công an huyện Như Thanh',
        notation: '32/CAH',
        issuedOn: yesterday,
        type: 'CV',
        subject: LONG_SUBJECT,
      });
      const pdf = await officialLetterPdf(floodLetter(communeDay(), '33/KH-UBND'));
      await call(core, 'incoming.register', {
        issuerName: DISTRICT.name,
        issuerCode: DISTRICT.code,
        notation: '33/KH-UBND',
        issuedOn: communeDay().iso,
        type: 'KH',
        subject: `Phòng, chống lụt bão và tìm kiếm cứu nạn năm ${THIS_YEAR}`,
        file: { base64: pdf.toString('base64'), filename: 'ke-hoach-33.pdf' },
      });
    });
    return dataDir;
  }

  const subjectCell = (page: Page, text: string) =>
    page.locator('[data-testid="register-row"] .cell-subject-column').filter({ hasText: text });

  it('opens the register on this year, finds by words, keeps the columns the clerk sized, shows a cut trích yếu whole, and prints a period as the Decree 30 book', async () => {
    const clerk = await openAt1366(await officeWithTwoYears('register'));
    const { page } = clerk;
    await goTo(page, 'incoming');

    // This year's register: số đến 1 appears once, last year's entries are a choice away.
    await page.locator('[data-testid="register-total"][data-total="3"]').waitFor();
    expect(await byTestId(page, 'register-year').innerText()).toContain(String(THIS_YEAR));
    const fontSize = await page.evaluate<number>(
      `parseFloat(getComputedStyle(document.querySelector('[data-testid="register-row"] .register-cell')).fontSize)`,
    );
    expect(fontSize).toBeGreaterThanOrEqual(13);

    // The type once, and apart from the trích yếu.
    const plan = subjectCell(page, 'dân số');
    expect((await plan.textContent())?.trim()).toBe('Kế hoạch dân số và phát triển năm nay');
    expect((await subjectCell(page, 'vùng trũng').textContent())?.trim()).toBe(`Công văn ${LONG_SUBJECT}`);

    // Hovering a trích yếu cut after two lines shows it whole.
    await subjectCell(page, 'vùng trũng').hover();
    const tip = byTestId(page, 'register-cell-tip');
    await tip.waitFor();
    expect(await tip.innerText()).toContain(LONG_SUBJECT);
    await visit(clerk, 'screens-01-register');

    // Words typed without diacritics narrow the register.
    await byTestId(page, 'register-query').fill('phat trien');
    await page.locator('[data-testid="register-total"][data-total="1"]').waitFor();
    await byTestId(page, 'register-query').fill('');
    await page.locator('[data-testid="register-total"][data-total="3"]').waitFor();

    // The years on offer are those with documents; every year shows both registers' số đến 1.
    await chooseOption(page, byTestId(page, 'register-year'), '', String(THIS_YEAR - 1));
    await page.locator('[data-testid="register-total"][data-total="2"]').waitFor();
    await chooseOption(page, byTestId(page, 'register-year'), '', 'Tất cả các năm');
    await page.locator('[data-testid="register-total"][data-total="5"]').waitFor();

    // The issuer column dragged wider stays so after a reload (the clerk's own layout).
    const issuerHeader = page.locator('.register-header [data-column="issuerName"]');
    const before = (await issuerHeader.boundingBox())!;
    const handle = (await issuerHeader.locator('[data-testid="column-resizer"]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 60, handle.y + handle.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect
      .poll(async () => (await issuerHeader.boundingBox())!.width, { timeout: UI_TIMEOUT_MS })
      .toBeGreaterThan(before.width + 40);
    const widened = (await issuerHeader.boundingBox())!.width;
    // Ngày chuyển and Ký nhận are there to add.
    await byTestId(page, 'register-columns').click();
    // A click that lands while the popover is still opening on a busy machine is not a choice yet: ask again.
    const receipt = byTestId(page, 'register-columns-menu').getByRole('checkbox', { name: 'Ký nhận', exact: true });
    await expect
      .poll(
        async () => {
          if (!(await receipt.isChecked())) await receipt.click();
          return page.locator('.register-header [data-column="handedReceipt"]').count();
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(1);
    await page.reload();
    await page.locator('[data-testid="register-total"][data-total="3"]').waitFor();
    expect(Math.abs((await issuerHeader.boundingBox())!.width - widened)).toBeLessThan(2);
    await page.locator('.register-header [data-column="handedReceipt"]').waitFor();

    // In sổ: this year's register as the Decree 30 book, each line with its số đến.
    await byTestId(page, 'register-print').click();
    const dialog = byTestId(page, 'print-dialog');
    await dialog.getByText('Năm nay', { exact: true }).click();
    expect(await byTestId(dialog, 'export-range').innerText()).toContain(`01/01/${THIS_YEAR}`);
    await visit(clerk, 'screens-02-print');
    const book = await download(page, byTestId(dialog, 'export-pdf'));
    expect(book.name).toMatch(/\.pdf$/);
    const file = path.join(session.root(), 'so-den-nam-nay.pdf');
    fs.writeFileSync(file, book.bytes);
    const printed = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(printed.status).toBe(0);
    const lines = printed.stdout.split('\n');
    for (const [number, notation] of [
      [1, '31/KH-UBND'],
      [2, '32/CAH'],
      [3, '33/KH-UBND'],
    ] as const) {
      const line = lines.find((text) => text.includes(notation));
      expect(line, `${notation} in the printed register`).toBeDefined();
      expect(line).toMatch(new RegExp(`(^|\\s)${number}\\s`));
    }
    expect(printed.stdout).not.toContain('CV-NAMTRUOC');
    await byTestId(dialog, 'export-done').waitFor();
  }, 180_000);

  it('registers a letter checked against its PDF, refuses a future ngày đến on its field, asks to confirm a future ngày văn bản, and keeps a correction’s reason in the history', async () => {
    const clerk = await openAt1366(await officeWithTwoYears('letter'));
    const { page } = clerk;

    await byTestId(page, 'register-incoming-button').click();
    const letter = floodLetter(communeDay(), '125/KH-UBND');
    await dropFile(page, 'incoming-dropzone', { name: 'ke-hoach-125.pdf', bytes: await officialLetterPdf(letter) });
    await expect.poll(() => valueOf(page, 'field-notation'), { timeout: UI_TIMEOUT_MS }).toBe('125/KH-UBND');
    // The letter beside the form while the clerk checks what was read from it.
    await byTestId(page, 'incoming-preview').waitFor();
    expect((await renderedPdfInk(page)).dark).toBeGreaterThan(500);
    const prefilled = page.locator('.field-prefilled [data-testid="field-notation"]');
    expect(await prefilled.count()).toBe(1);
    await visit(clerk, 'screens-03-letter-beside-form');
    await byTestId(page, 'field-notation').click();
    await prefilled.waitFor({ state: 'detached' });

    // The issuer picked from those already in the register, with its code.
    await byTestId(page, 'field-issuerName').fill('');
    await byTestId(page, 'field-issuerName').pressSequentially('nhu thanh', { delay: 20 });
    await page.locator(`[data-testid="issuer-option"][data-code="${DISTRICT.code}"]`).click();
    expect(await valueOf(page, 'field-issuerName')).toBe(DISTRICT.name);
    expect(await byTestId(page, 'issuer-notes').innerText()).toContain(DISTRICT.code);

    // A letter cannot arrive tomorrow: refused on the field itself, before anything is sent.
    const tomorrow = communeDay(1);
    await byTestId(page, 'field-arrivedOn').fill(tomorrow.shown);
    await byTestId(page, 'field-subject').click();
    const arrivedError = page
      .locator('.ant-form-item')
      .filter({ has: byTestId(page, 'field-arrivedOn') })
      .locator('.ant-form-item-explain-error');
    await arrivedError.waitFor();
    expect(await arrivedError.innerText()).toContain(tomorrow.shown);
    await visit(clerk, 'screens-04-future-arrival');
    await byTestId(page, 'field-arrivedOn').fill(communeDay().shown);

    // A letter dated tomorrow happens, a typo is likelier: saved only once the clerk confirms it.
    await byTestId(page, 'field-issuedOn').fill(tomorrow.shown);
    const confirm = byTestId(page, 'field-confirmFutureIssuedOn');
    await confirm.waitFor();
    await byTestId(page, 'incoming-submit').click();
    await page
      .locator('.ant-form-item-has-error')
      .filter({ has: byTestId(page, 'field-issuedOn') })
      .waitFor();
    expect(await byTestId(page, 'document-detail').count()).toBe(0);
    await visit(clerk, 'screens-05-future-letter-date');
    await confirm.check();
    await byTestId(page, 'incoming-submit').click();
    const detail = byTestId(page, 'document-detail');
    await detail.waitFor();
    const id = (await detail.getAttribute('data-id'))!;
    const registered = await coreCall(page, 'documents.get', { id });
    expect(registered).toMatchObject({ issuedOn: tomorrow.iso, issuerCode: DISTRICT.code, registerNumber: 4 });

    // A correction of the register asks why; Esc leaves it, Enter saves it; the history keeps old, new and why.
    await byTestId(page, 'edit-open').click();
    const edit = byTestId(page, 'edit-dialog');
    await edit.waitFor();
    await page.keyboard.press('Escape');
    await edit.waitFor({ state: 'detached' });
    await byTestId(page, 'edit-open').click();
    await byTestId(edit, 'edit-issuedOn').fill(communeDay().shown);
    await byTestId(edit, 'edit-notation').fill('126/KH-UBND');
    await byTestId(edit, 'edit-save').click();
    const reason = page.locator('.ant-form-item-has-error').filter({ has: byTestId(page, 'edit-reason') });
    await reason.waitFor();
    await visit(clerk, 'screens-06-correction-reason');
    await byTestId(edit, 'edit-reason').fill('Gõ nhầm số và ngày văn bản khi vào sổ');
    await byTestId(edit, 'edit-notation').press('Enter');
    await edit.waitFor({ state: 'detached' });
    const corrected = await coreCall(page, 'documents.get', { id });
    expect(corrected).toMatchObject({ notation: '126/KH-UBND', issuedOn: communeDay().iso });
    const history = page.locator('[data-testid="history-item"][data-action="document.update"]');
    await history.waitFor();
    const entry = await history.innerText();
    expect(entry).toContain('125/KH-UBND');
    expect(entry).toContain('126/KH-UBND');
    expect(entry).toContain('Gõ nhầm số và ngày văn bản khi vào sổ');
    expect(entry).not.toMatch(/\broot\b/);
    await history.scrollIntoViewIfNeeded();
    await visit(clerk, 'screens-07-history');
  }, 180_000);

  it('leads from the dashboard to the register, speaks plainly in Settings, shows every search result, says errors in English, and keeps Tab in the sign dialog', async () => {
    const dataDir = await officeWithTwoYears('office');
    const draft = await withCore(dataDir, async (core) => {
      for (let n = 1; n <= 22; n++) {
        await call(core, 'incoming.register', {
          issuerName: DISTRICT.name,
          notation: `${100 + n}/TB-UBND`,
          issuedOn: communeDay().iso,
          type: 'TB',
          subject: `Thông báo lịch tiếp công dân đợt ${n}`,
        });
      }
      await call(core, 'outgoing.draft', { type: 'TB', subject: 'Thông báo lịch trực phòng chống bão' });
      const pdf = await officialLetterPdf(floodLetter(communeDay(), '     /UBND-VP'));
      return call(core, 'outgoing.draft', {
        type: 'CV',
        subject: 'Về việc báo cáo tình hình mưa lũ',
        file: { base64: pdf.toString('base64'), filename: 'bao-cao.pdf' },
      });
    });
    const clerk = await openAt1366(dataDir);
    const { page } = clerk;

    // Each figure opens the register it counts.
    await goTo(page, 'dashboard');
    const received = page.locator('[data-testid="dashboard-received"][data-value]:not([data-value=""])');
    await received.waitFor();
    const count = Number(await received.getAttribute('data-value'));
    await visit(clerk, 'screens-08-dashboard');
    await received.click();
    await page.locator(`[data-testid="register-total"][data-total="${count}"]`).waitFor();
    expect(page.url()).toContain(`from=${communeDay().iso.slice(0, 7)}-01`);
    await goTo(page, 'dashboard');
    await page.locator('[data-testid="dashboard-overdue"][data-value]:not([data-value=""])').click();
    await expect.poll(() => byTestId(page, 'register-overdue').isChecked(), { timeout: UI_TIMEOUT_MS }).toBe(true);

    // Settings in the clerk's words; the technician's under Nâng cao, folded.
    await goTo(page, 'settings');
    await page
      .locator('[data-testid="settings-module-report"], [data-testid="settings-modules-checking"]')
      .first()
      .waitFor();
    const main = await page.locator('.app-content').innerText();
    for (const word of ['PKCS', '.dll', '.so', 'TSA', 'B-T', 'B-B', 'SHA-256', ' CA '])
      expect(main).not.toContain(word);
    // The office's name corrected here is the header's at once.
    await byTestId(page, 'office-name').fill('UBND xã Yên Lạc, huyện Như Thanh');
    await byTestId(page, 'office-save').click();
    await page.locator('.header-office-name').filter({ hasText: 'huyện Như Thanh' }).waitFor();
    await byTestId(page, 'office-agency-code').fill('H56');
    await byTestId(page, 'office-save').click();
    await page
      .locator('.ant-form-item-has-error')
      .filter({ has: byTestId(page, 'office-agency-code') })
      .waitFor();
    await visit(clerk, 'screens-09-settings');

    // Ctrl+K stops at twenty, says so, and leads to all of them.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('tiep cong dan', { delay: 20 });
    await page.locator('[data-testid="search-count"][data-more="true"]').waitFor();
    await byTestId(page, 'search-see-all').click();
    await expect.poll(() => byTestId(page, 'search-page-result').count(), { timeout: UI_TIMEOUT_MS }).toBe(22);
    await visit(clerk, 'screens-10-search-all');

    // Tab goes round the sign dialog's controls, never out to the page behind.
    await goTo(page, 'drafts');
    await page.locator(`[data-testid="register-row"][data-id="${draft.id}"]`).click();
    await byTestId(page, 'sign-button').click();
    const dialog = byTestId(page, 'sign-dialog');
    await dialog.waitFor();
    for (let press = 0; press < 20; press++) {
      await page.keyboard.press(press % 7 === 6 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(`!!document.activeElement?.closest('[data-testid="sign-dialog"]')`)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Numbered without a file: the page says the number is on no file, rather than leave the clerk to guess.
    await goTo(page, 'drafts');
    await page.locator('[data-testid="register-row"]').filter({ hasText: 'lịch trực' }).click();
    await byTestId(page, 'issue-button').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    const notOnFile = page.locator('[data-testid="number-on-file"][data-why="no-file"]');
    await notOnFile.waitFor();
    expect(await notOnFile.innerText()).toMatch(/chưa có tệp/);

    // In English, core's errors are in English too.
    await page.locator('.ant-segmented-item').filter({ hasText: 'EN' }).click();
    await goTo(page, 'incoming');
    await byTestId(page, 'register-incoming-button').click();
    const pdf = await officialLetterPdf(floodLetter(communeDay(), '9/TB'));
    await dropFile(page, 'incoming-dropzone', { name: 'broken.pdf', bytes: pdf.subarray(0, pdf.length / 2) });
    const notice = page.locator('[data-testid="error-notice"][data-code="PDF_CORRUPT"]').first();
    await notice.waitFor();
    expect(await notice.innerText()).toContain(errorsInEnglish.PDF_CORRUPT);
    await visit(clerk, 'screens-11-english-error');

    // Opened again, the app starts in English (its words load before the first screen is drawn).
    await goTo(page, 'incoming');
    await page.reload();
    await byTestId(page, 'nav-incoming').filter({ hasText: 'Incoming register' }).waitFor();
    expect(await byTestId(page, 'register-total').innerText()).not.toMatch(/văn bản/);
  }, 180_000);
});
