// Paper at the commune office, through the real UI in Chromium over browser
// mode with the real core: a letter that arrives as a scan is read by OCR
// while the clerk watches (and can stop it), and a reply typed without room
// for the chairman's signature is signed where the clerk clicks on its page.
//
// Screenshots land in test-artifacts/screenshots/ (scan-*, placement-*).
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../core/api.ts';
import type { Core } from '../../core/context.ts';
import { errorMessages } from '../../shared/errors.ts';
import documentText from '../../renderer/src/i18n/vi/document.json' with { type: 'json' };
import incomingText from '../../renderer/src/i18n/vi/incoming.json' with { type: 'json' };
import signText from '../../renderer/src/i18n/vi/sign.json' with { type: 'json' };
import { corpusLetter, libreOfficeTableLetter, scannedLetter } from '../../scripts/lib/letter-corpus.ts';
import { officialLetterPdf, scannedLetterPdf } from '../../scripts/lib/official-letter-pdf.ts';
import { writeCrl } from '../../scripts/lib/test-pki.ts';
import type { AppWindow } from '../helpers/browser.ts';
import { pdfsig, useTokenLab } from '../helpers/signing.ts';
import { useE2eSession, withCore } from './session.ts';
import {
  byTestId,
  chooseOption,
  coreCall,
  dropFile,
  goTo,
  reachState,
  renderedPdfInk,
  settledState,
  SLOW_TIMEOUT_MS,
  valueOf,
  visit,
} from './clerk.ts';

const lab = useTokenLab();

const OFFICE = { agencyCode: '000.01.861.H56', name: 'UBND xã An Hòa' };
const CHAIRMAN = 'Nguyễn Văn An';
const PERSONAL_TOKEN = 'vanthu-personal';
/** OCR of one 300 dpi page takes seconds on a quiet machine; far longer on a busy 2-core one. */
const OCR_TIMEOUT_MS = 120_000;

/** Every signature widget of the PDF: its 1-based page and its rectangle [x1, y1, x2, y2] in points. */
async function signatureWidgets(pdf: Uint8Array): Promise<{ page: number; rect: number[] }[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().flatMap((page, index) =>
    (page.node.Annots()?.asArray() ?? [])
      .map((ref) => doc.context.lookup(ref, PDFDict))
      .filter((annot) => annot.get(PDFName.of('FT')) === PDFName.of('Sig'))
      .map((annot) => ({
        page: index + 1,
        rect: annot
          .lookup(PDFName.of('Rect'), PDFArray)
          .asArray()
          .map((value) => (value as PDFNumber).asNumber()),
      })),
  );
}

describe('scanned letters and a signature placed by hand, in the browser', () => {
  const session = useE2eSession({ prefix: 'vanthu-e2e-scan-', softhsm2Conf: () => lab().tokens.softhsm2Conf });
  let scan: Buffer;

  beforeAll(async () => {
    // The commune's Kế hoạch 27/KH-UBND as LibreOffice printed it, then scanned grey at 300 dpi.
    scan = await scannedLetter(libreOfficeTableLetter(), 300);
  }, 240_000);

  async function open(name: string, setUp?: (core: Core) => Promise<void>): Promise<AppWindow> {
    const dataDir = path.join(session.root(), name);
    await withCore(dataDir, async (core) => {
      await call(core, 'office.init', OFFICE);
      await setUp?.(core);
    });
    return session.open(dataDir);
  }

  it('reads a dropped scan by OCR with its progress, pre-fills 27/KH-UBND with the OCR note, and registers it', async () => {
    const clerk = await open('ocr');
    const { page } = clerk;
    await byTestId(page, 'register-incoming-button').click();
    await dropFile(page, 'incoming-dropzone', { name: 'ke-hoach-27-scan.pdf', bytes: scan });

    const progress = byTestId(page, 'ocr-progress');
    await progress.waitFor({ timeout: OCR_TIMEOUT_MS });
    expect(await progress.innerText()).toMatch(/Đang nhận dạng chữ trên bản quét: trang 1\/1/);
    await visit(clerk, 'scan-01-reading');

    await expect.poll(() => valueOf(page, 'field-notation'), { timeout: OCR_TIMEOUT_MS }).toBe(corpusLetter.notation);
    const note = page.locator('[data-testid="prefill-note"][data-source="ocr"]');
    await note.waitFor();
    expect(await note.innerText()).toContain(incomingText.prefill.ocr);
    await progress.waitFor({ state: 'detached' });
    // The parent agency is told, not typed into the issuer field.
    expect(await valueOf(page, 'field-issuerName')).toBe(corpusLetter.issuer);
    expect(await byTestId(page, 'issuer-notes').innerText()).toContain(corpusLetter.parent);
    expect(await valueOf(page, 'field-subject')).toBe(corpusLetter.subject);
    await visit(clerk, 'scan-02-prefilled');

    await byTestId(page, 'incoming-submit').click();
    const detail = byTestId(page, 'document-detail');
    await detail.waitFor({ timeout: OCR_TIMEOUT_MS });
    const tag = page.locator('[data-testid="text-source-tag"][data-source="ocr"]');
    await tag.waitFor();
    expect(await tag.innerText()).toBe(documentText.attachments.text.ocr);
    expect((await renderedPdfInk(page)).dark).toBeGreaterThan(500);
    await visit(clerk, 'scan-03-document');
  }, 300_000);

  it('stops the OCR when the clerk presses Dừng: nothing is pre-filled, and a scan registered that way is read later in the background', async () => {
    const clerk = await open('ocr-stopped');
    const { page } = clerk;
    await byTestId(page, 'register-incoming-button').click();

    // A picture, not a letter: OCR finds no words, and the form says to type the fields in.
    await dropFile(page, 'incoming-dropzone', { name: 'anh-chup.pdf', bytes: await scannedLetterPdf() });
    const unreadable = page.locator('[data-testid="prefill-note"][data-source="none"]');
    await unreadable.waitFor({ timeout: OCR_TIMEOUT_MS });
    expect(await unreadable.innerText()).toContain(incomingText.prefill.none);

    await dropFile(page, 'incoming-dropzone', { name: 'ke-hoach-27-scan.pdf', bytes: scan });
    await byTestId(page, 'ocr-progress').waitFor({ timeout: OCR_TIMEOUT_MS });
    await byTestId(page, 'ocr-stop').click();
    const stopped = page.locator('[data-testid="prefill-note"][data-source="stopped"]');
    await stopped.waitFor({ timeout: OCR_TIMEOUT_MS });
    expect(await stopped.innerText()).toContain(incomingText.prefill.stopped);
    expect(await valueOf(page, 'field-notation')).toBe('');
    await visit(clerk, 'scan-04-stopped');

    // Typed in by hand; the registration waits for OCR of the scan until Dừng, then goes on without it.
    await byTestId(page, 'field-issuerName').fill(corpusLetter.issuer);
    await byTestId(page, 'field-notation').fill(corpusLetter.notation);
    await byTestId(page, 'field-issuedOn').fill('12/03/2026');
    await chooseOption(page, byTestId(page, 'field-type'), 'ke hoach', 'Kế hoạch');
    await byTestId(page, 'field-subject').fill(corpusLetter.subject);
    await byTestId(page, 'incoming-submit').click();
    await byTestId(page, 'ocr-progress').waitFor({ timeout: OCR_TIMEOUT_MS });
    await byTestId(page, 'ocr-stop').click();
    await byTestId(page, 'document-detail').waitFor({ timeout: OCR_TIMEOUT_MS });

    // The text owed is read in the background: the header says so, and the file's tag follows.
    await page
      .locator('[data-testid="text-source-tag"][data-source="pending"], [data-testid="reading-progress"]')
      .first()
      .waitFor();
    await visit(clerk, 'scan-05-read-later');
    await page.locator('[data-testid="text-source-tag"][data-source="ocr"]').waitFor({ timeout: OCR_TIMEOUT_MS });
    await byTestId(page, 'reading-progress').waitFor({ state: 'detached' });
  }, 300_000);

  it('signs a letter without room between the title and the name where the clerk clicks on its last page', async () => {
    // The chairman's title and printed name typed on consecutive lines: no room for his signature between them.
    const letter = await officialLetterPdf({
      issuer: ['ỦY BAN NHÂN DÂN', 'XÃ AN HÒA'],
      notation: '     /UBND-VP',
      place: 'An Hòa',
      issuedOn: { day: 12, month: 3, year: 2026 },
      subject: 'phối hợp chỉnh lý hồ sơ địa chính',
      body: [
        'Kính gửi: Ủy ban nhân dân xã Đông Tiến.',
        'Ủy ban nhân dân xã An Hòa đề nghị hai xã phối hợp chỉnh lý hồ sơ địa chính trên tuyến giáp ranh.',
        'CHỦ TỊCH',
        CHAIRMAN,
      ],
    });
    let draftId = '';
    const clerk = await open('placement', async (core) => {
      await call(core, 'settings.update', { modules: [lab().tokens.module] });
      await call(core, 'settings.signatureImage', {
        path: lab().signaturePath,
        kind: 'signature',
        signerName: CHAIRMAN,
      });
      await call(core, 'trust.add', { path: lab().tokens.caCert });
      await call(core, 'crl.import', { path: (await writeCrl(lab().ca)).path, url: lab().ca.crlUrl });
      const draft = await call(core, 'outgoing.draft', {
        type: 'CV',
        subject: 'Về việc phối hợp chỉnh lý hồ sơ địa chính',
        signerName: CHAIRMAN,
        file: { base64: letter.toString('base64'), filename: 'cong-van.pdf' },
      });
      draftId = draft.id;
    });
    const { page } = clerk;
    await goTo(page, 'drafts');
    await page.locator(`[data-testid="register-row"][data-id="${draftId}"]`).click();
    await byTestId(page, 'sign-button').click();
    const dialog = byTestId(page, 'sign-dialog');
    await chooseOption(page, byTestId(dialog, 'sign-token-select'), '', { title: PERSONAL_TOKEN });
    await chooseOption(page, byTestId(dialog, 'sign-cert-select'), '', { title: CHAIRMAN });
    await byTestId(dialog, 'sign-pin').fill(lab().tokens.tokens.personal.pin);
    await byTestId(dialog, 'sign-submit').click();

    // Refused before the PIN, with the way out: the page to click on.
    expect(await settledState(page, 'sign-result', ['ok', 'partial', 'error'], { timeout: SLOW_TIMEOUT_MS })).toBe(
      'error',
    );
    const notice = dialog.locator('[data-testid="error-notice"][data-code="SIGN_NO_ROOM"]');
    expect(await notice.innerText()).toContain(errorMessages.SIGN_NO_ROOM);
    await reachState(page, 'placement-page', 'rendered', { timeout: SLOW_TIMEOUT_MS });
    // The same request again would be refused again: Ký waits for a place, PIN or not.
    await byTestId(dialog, 'sign-pin').fill(lab().tokens.tokens.personal.pin);
    expect(await byTestId(dialog, 'sign-submit').isDisabled()).toBe(true);

    // The page is drawn 220 px wide: a click 110 px from its left and 250 px from its top is, in
    // points from the page's lower-left corner, 110 / scale across and (height − 250 / scale) up.
    const canvas = byTestId(dialog, 'placement-page').locator('canvas');
    const shown = (await canvas.boundingBox())!;
    const [pageWidth, pageHeight] = [595.28, 841.89];
    const scale = shown.width / pageWidth;
    await canvas.click({ position: { x: 110, y: 250 } });
    await byTestId(dialog, 'placement-chosen').waitFor();
    await byTestId(dialog, 'placement-marker').waitFor();
    await visit(clerk, 'placement-01-no-room');

    await byTestId(dialog, 'sign-submit').click();
    await reachState(page, 'sign-result', 'ok', { timeout: SLOW_TIMEOUT_MS });
    await visit(clerk, 'placement-02-signed');

    // The signature's lower-left corner is where the clerk clicked, and poppler finds it valid.
    const stored = await coreCall(page, 'attachments.read', { documentId: draftId });
    const signed = Buffer.from(stored.base64, 'base64');
    const [widget, ...others] = await signatureWidgets(signed);
    expect(others).toEqual([]);
    expect(widget!.page).toBe(1);
    const [x, y] = widget!.rect as [number, number];
    expect(Math.abs(x - 110 / scale)).toBeLessThan(2);
    expect(Math.abs(y - (pageHeight - 250 / scale))).toBeLessThan(2);
    const signedPath = path.join(session.root(), 'da-ky.pdf');
    fs.writeFileSync(signedPath, signed);
    expect(pdfsig(signedPath, lab().nssDir)[0]).toMatchObject({ valid: true, totalDocument: true });

    // The footer's button; the title bar's × has the same name.
    await dialog.getByRole('button', { name: signText.close, exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
    await reachState(page, 'signature-item', 'true', { attribute: 'data-valid', timeout: SLOW_TIMEOUT_MS });
    await renderedPdfInk(page);
    await visit(clerk, 'placement-03-document');
  }, 300_000);
});
