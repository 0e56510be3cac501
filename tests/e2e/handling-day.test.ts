// A letter's handling through the real UI, one desk shared by three officials
// (issue 14): the clerk submits the district's letter to the chairman, the
// chairman assigns it to an officer within 3 working days, the officer
// receives it, asks for more time and gets it, answers with a reply draft and
// completes; the draft goes up for approval, comes back once with comments, is
// revised with a new PDF and approved. Each official switches in with the
// header's "Đổi người"; "Việc của tôi" shows each one their part, the
// document its timeline, the register its handling columns and filters.
//
// Screenshots land in test-artifacts/screenshots/ (handling-*).
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call } from '../../core/api.ts';
import { officialLetterPdf, type OfficialLetter } from '../../scripts/lib/official-letter-pdf.ts';
import type { AppWindow } from '../helpers/browser.ts';
import { pdfsig, useTokenLab } from '../helpers/signing.ts';
import {
  byTestId,
  chooseOption,
  coreCall,
  dropFile,
  reachState,
  SLOW_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  visit,
} from './clerk.ts';
import { useE2eSession, withCore } from './session.ts';

const lab = useTokenLab();
const OFFICE = { agencyCode: '000.01.862.H56', name: 'UBND xã Yên Lạc' };
const DISTRICT = { code: '000.00.62.H56', name: 'UBND huyện Như Thanh' };
const CLERK = { name: 'Lê Thị Văn', title: 'Văn thư', role: 'clerk' } as const;
// The chairman's name is the one on the test token's certificate: he signs the reply with it.
const CHAIRMAN = { name: 'Nguyễn Văn An', title: 'Chủ tịch UBND xã', role: 'leader' } as const;
const OFFICER = { name: 'Trần Văn Bình', title: 'Công chức Văn phòng', role: 'officer' } as const;
type Official = typeof CLERK | typeof CHAIRMAN | typeof OFFICER;

/** A calendar day in the commune's time zone, `offsetDays` from today. */
function communeDay(offsetDays = 0): { iso: string; shown: string; day: number; month: number; year: number } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { iso, shown: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, day, month, year };
}

const shown = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function letter(
  subject: string,
  notation: string,
  body: string,
  from: { issuer: string; signer: string } = { issuer: DISTRICT.name, signer: 'Lê Thị Hoa' },
): OfficialLetter {
  // Two days back: a letter is never dated after the day it arrives, whichever time zone core counts in.
  const today = communeDay(-2);
  return {
    issuer: [from.issuer.toUpperCase()],
    notation,
    place: 'Như Thanh',
    issuedOn: { day: today.day, month: today.month, year: today.year },
    title: 'CÔNG VĂN',
    subject,
    body: [body],
    signer: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: from.signer },
  };
}

const SUBJECT = 'Về việc báo cáo tình hình thiệt hại do mưa lũ';
const REPLY_SUBJECT = 'Báo cáo tình hình thiệt hại do mưa lũ trên địa bàn xã';
/** The reply is the commune's, signed by its chairman. */
const COMMUNE = { issuer: OFFICE.name, signer: CHAIRMAN.name };

describe("a letter's handling, from the clerk to the chairman to the officer and back", () => {
  const session = useE2eSession({ prefix: 'vanthu-e2e-handling-', softhsm2Conf: () => lab().tokens.softhsm2Conf });

  /** The office, its three officials (the clerk first: the desk starts as hers) and one registered letter. */
  async function seededOffice(): Promise<{ dataDir: string; letterId: string; officerId: string }> {
    const dataDir = path.join(session.root(), 'handling');
    return withCore(dataDir, async (core) => {
      await call(core, 'office.init', OFFICE);
      const people = [];
      for (const official of [CLERK, CHAIRMAN, OFFICER]) people.push(await call(core, 'people.add', official));
      // The signing set-up of the clerk's first day: the token driver, the chairman's signature, the seal, the CA.
      await call(core, 'settings.update', { modules: [lab().tokens.module] });
      await call(core, 'settings.signatureImage', {
        path: lab().signaturePath,
        kind: 'signature',
        signerName: CHAIRMAN.name,
      });
      await call(core, 'settings.signatureImage', { path: lab().sealPath, kind: 'seal', sizeMm: 36 });
      await call(core, 'trust.add', { path: lab().tokens.caCert });
      const pdf = await officialLetterPdf(
        letter(SUBJECT, '215/UBND-NN', 'Đề nghị UBND các xã báo cáo số hộ bị ngập, thiệt hại về nhà cửa và hoa màu.'),
      );
      const registered = await call(core, 'incoming.register', {
        issuerName: DISTRICT.name,
        issuerCode: DISTRICT.code,
        notation: '215/UBND-NN',
        issuedOn: communeDay(-2).iso,
        type: 'CV',
        subject: SUBJECT,
        file: { base64: pdf.toString('base64'), filename: 'cong-van-215.pdf' },
      });
      return { dataDir, letterId: registered.id, officerId: people[2]!.id };
    });
  }

  /** "Đổi người" in the header: the official picks their own name (no password on this desk). */
  async function switchTo(page: Page, official: Official): Promise<void> {
    await byTestId(page, 'desk-switch').click();
    await page.locator(`[data-testid="desk-switch-person"][data-name="${official.name}"]`).check();
    await byTestId(page, 'desk-switch-ok').click();
    await page.locator('[data-testid="desk-person-name"]').filter({ hasText: official.name }).waitFor();
  }

  async function openDocument(page: Page, id: string): Promise<void> {
    await page.evaluate(`window.location.hash = ${JSON.stringify(`#/documents/${id}`)}`);
    await page.locator(`[data-testid="document-detail"][data-id="${id}"]`).waitFor();
  }

  /** Signs the open document in the sign dialog with a test token, and waits for the signature to show valid. */
  async function signInDialog(
    page: Page,
    sign: { token: string; cert: string; as: 'personal' | 'organization'; pin: string },
  ): Promise<void> {
    await byTestId(page, 'sign-button').click();
    const dialog = byTestId(page, 'sign-dialog');
    await dialog.waitFor();
    await chooseOption(page, byTestId(dialog, 'sign-token-select'), '', { title: sign.token });
    await chooseOption(page, byTestId(dialog, 'sign-cert-select'), '', { title: sign.cert });
    await byTestId(dialog, `sign-as-${sign.as}`).click();
    await byTestId(dialog, 'sign-pin').fill(sign.pin);
    await byTestId(dialog, 'sign-submit').click();
    await reachState(page, 'sign-result', 'ok', { timeout: SLOW_TIMEOUT_MS });
    await dialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Opens a step's dialog from its button on the document page. */
  async function openStep(page: Page, action: string): Promise<Locator> {
    await byTestId(page, `handling-action-${action}`).click();
    const dialog = byTestId(page, `handling-dialog-${action}`);
    await dialog.waitFor();
    return dialog;
  }

  /** Sends a step's dialog and waits until the section shows the state it leads to. */
  async function send(page: Page, action: string, state: string): Promise<void> {
    await byTestId(page, `handling-dialog-${action}-ok`).click();
    await reachState(page, 'handling-section', state);
    await byTestId(page, `handling-dialog-${action}`).waitFor({ state: 'detached' });
  }

  /** Each matching element's attribute (or text, for `null`), in page order. */
  function readAll(page: Page, selector: string, attribute: string | null): Promise<string[]> {
    const read = attribute === null ? 'element.textContent' : `element.getAttribute(${JSON.stringify(attribute)})`;
    return page.evaluate<string[]>(
      `[...document.querySelectorAll(${JSON.stringify(selector)})].map((element) => ${read} ?? '')`,
    );
  }

  const eventKinds = (page: Page) => readAll(page, '[data-testid="handling-event"]', 'data-kind');

  /** "Việc của tôi" of the official at the desk: the documents in a tab. */
  async function tasksIn(page: Page, tab: string): Promise<{ id: string; role: string }[]> {
    await byTestId(page, 'nav-tasks').click();
    await reachState(page, 'tasks-page', 'ready');
    await byTestId(page, `tasks-tab-${tab}`).click();
    await page.locator(`[data-testid="tasks-group"][data-group="${tab}"]`).waitFor();
    const active = '[data-testid="tasks-group"] [data-testid="task-row"]';
    const ids = await readAll(page, active, 'data-document-id');
    const roles = await readAll(page, active, 'data-role');
    return ids.map((id, index) => ({ id, role: roles[index] ?? '' }));
  }

  it('goes from trình to hoàn thành with a reply draft approved after one return, in each official’s own words and lists', async () => {
    const { dataDir, letterId, officerId } = await seededOffice();
    const window: AppWindow = await session.open(dataDir);
    const { page } = window;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('[data-testid="desk-person-name"]').filter({ hasText: CLERK.name }).waitFor();

    // The clerk: nothing waits on her; she submits the letter to the chairman (the commune's one leader, already picked).
    expect(await tasksIn(page, 'assigned')).toEqual([]);
    await openDocument(page, letterId);
    await reachState(page, 'handling-section', 'registered');
    const submit = await openStep(page, 'submit');
    await expect
      .poll(() => byTestId(submit, 'handling-leader').innerText(), { timeout: UI_TIMEOUT_MS })
      .toContain(CHAIRMAN.name);
    await byTestId(submit, 'handling-note').fill('Kính trình đồng chí Chủ tịch cho ý kiến chỉ đạo.');
    await send(page, 'submit', 'submitted');
    expect(await byTestId(page, 'handling-waiting-on').innerText()).toContain(CHAIRMAN.name);
    // Only the leader directs and assigns: the clerk has no such buttons.
    expect(await byTestId(page, 'handling-action-assign').count()).toBe(0);
    await visit(window, 'handling-01-submitted');

    // The chairman: the letter waits for his direction, counted beside "Việc của tôi".
    await switchTo(page, CHAIRMAN);
    expect(await tasksIn(page, 'waiting')).toEqual([{ id: letterId, role: 'direct' }]);
    await page.locator('[data-testid="nav-tasks-count"][data-count="1"]').waitFor();
    await visit(window, 'handling-02-chairman-tasks');
    await page.locator(`[data-testid="task-row"][data-document-id="${letterId}"]`).click();
    await reachState(page, 'handling-section', 'submitted');

    // Esc closes a dialog without recording anything.
    await openStep(page, 'direct');
    await page.keyboard.press('Escape');
    await byTestId(page, 'handling-dialog-direct').waitFor({ state: 'detached' });

    // Giao xử lý: Bình handles it within 3 working days; Enter in the deadline sends it.
    const assign = await openStep(page, 'assign');
    await chooseOption(page, byTestId(assign, 'handling-main'), 'binh', OFFICER.name);
    await byTestId(assign, 'handling-note').fill('Giao đ/c Bình chủ trì, tổng hợp báo cáo huyện.');
    await byTestId(assign, 'handling-due-days').fill('3');
    await visit(window, 'handling-03-assign-dialog');
    await byTestId(assign, 'handling-due-days').press('Enter');
    await reachState(page, 'handling-section', 'assigned');
    await byTestId(page, 'handling-dialog-assign').waitFor({ state: 'detached' });
    expect(await byTestId(page, 'handling-main-handler').innerText()).toContain(OFFICER.name);
    const firstDue = (await coreCall(page, 'handling.get', { id: letterId })).dueOn!;
    expect(firstDue > communeDay(-1).iso).toBe(true);
    expect(await byTestId(page, 'handling-due').getAttribute('data-due')).toBe(firstDue);
    expect(await byTestId(page, 'handling-due').innerText()).toContain(shown(firstDue));

    // The officer: the letter is his to handle; he receives it.
    await switchTo(page, OFFICER);
    expect(await tasksIn(page, 'assigned')).toEqual([{ id: letterId, role: 'main' }]);
    await visit(window, 'handling-04-officer-tasks');
    await page.locator(`[data-testid="task-row"][data-document-id="${letterId}"]`).click();
    await reachState(page, 'handling-section', 'assigned');
    await openStep(page, 'receive');
    await send(page, 'receive', 'received');

    // Xin gia hạn: a new deadline that is not later is refused on its field, and what he typed stays.
    const ask = await openStep(page, 'askExtension');
    expect(await byTestId(ask, 'handling-current-deadline').innerText()).toContain(shown(firstDue));
    await ask.getByText('Đến ngày', { exact: true }).click();
    await byTestId(ask, 'handling-due-on').fill(shown(firstDue));
    const reason = 'Chờ các thôn gửi số liệu thiệt hại về hoa màu.';
    await byTestId(ask, 'handling-note').fill(reason);
    await byTestId(page, 'handling-dialog-askExtension-ok').click();
    await ask
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: 'Hạn mới phải sau hạn hiện tại' })
      .first()
      .waitFor();
    expect(await byTestId(ask, 'handling-note').inputValue()).toBe(reason);
    await visit(window, 'handling-05-extension-refused-field');
    await ask.getByText('Trong số ngày làm việc', { exact: true }).click();
    await byTestId(ask, 'handling-due-days').fill('10');
    await byTestId(page, 'handling-dialog-askExtension-ok').click();
    await byTestId(page, 'handling-extension-asked').waitFor();
    const asked = (await byTestId(page, 'handling-extension-asked').getAttribute('data-due'))!;
    expect(asked > firstDue).toBe(true);

    // The chairman grants it: the deadline is the one asked for.
    await switchTo(page, CHAIRMAN);
    expect((await tasksIn(page, 'waiting')).map((task) => task.id)).toContain(letterId);
    await openDocument(page, letterId);
    await byTestId(page, 'handling-extension-asked').waitFor();
    const grant = await openStep(page, 'grantExtension');
    expect(await grant.innerText()).toContain(shown(asked));
    await byTestId(page, 'handling-dialog-grantExtension-ok').click();
    await page.locator(`[data-testid="handling-due"][data-due="${asked}"]`).waitFor();
    expect(await byTestId(page, 'handling-extension-asked').count()).toBe(0);

    // The officer writes the reply as a draft, then completes the letter with it.
    await switchTo(page, OFFICER);
    const replyPdf = await officialLetterPdf(
      letter(REPLY_SUBJECT, '/BC-UBND', 'UBND xã Yên Lạc báo cáo: 12 hộ bị ngập, 3,5 ha lúa bị thiệt hại.', COMMUNE),
    );
    const reply = await coreCall(page, 'outgoing.draft', {
      type: 'BC',
      subject: REPLY_SUBJECT,
      recipients: [{ name: DISTRICT.name }],
      file: { base64: replyPdf.toString('base64'), filename: 'bao-cao-lan-1.pdf' },
    });
    await openDocument(page, letterId);
    await reachState(page, 'handling-section', 'received');
    const complete = await openStep(page, 'complete');
    await byTestId(complete, 'handling-note').fill('Đã tổng hợp số liệu, dự thảo báo cáo gửi huyện.');
    await chooseOption(page, byTestId(complete, 'handling-reply-draft'), 'thiet hai', REPLY_SUBJECT);
    await visit(window, 'handling-06-complete-dialog');
    await send(page, 'complete', 'completed');
    expect(await eventKinds(page)).toEqual([
      'submitted',
      'assigned',
      'received',
      'extension-asked',
      'extension-granted',
      'completed',
    ]);
    const times = await readAll(page, '[data-testid="handling-event"] .history-time', null);
    for (const time of times) expect(time).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const timeline = await byTestId(page, 'handling-timeline').innerText();
    expect(timeline).toContain(`Trình ${CHAIRMAN.name}`);
    expect(timeline).toContain(`Giao xử lý chính cho ${OFFICER.name}`);
    expect(timeline).toContain('Giao đ/c Bình chủ trì');
    expect(timeline).toContain(`Gia hạn đến ${shown(asked)}`);
    expect(timeline).toContain(reason);
    expect(await tasksIn(page, 'assigned')).toEqual([]);

    // The reply goes up for approval (trình duyệt) from its own page.
    await openDocument(page, letterId);
    await byTestId(page, 'handling-reply-link').click();
    await page.locator(`[data-testid="document-detail"][data-id="${reply.id}"]`).waitFor();
    await reachState(page, 'handling-section', 'drafting');
    const submitDraft = await openStep(page, 'draftSubmit');
    await expect
      .poll(() => byTestId(submitDraft, 'handling-leader').innerText(), { timeout: UI_TIMEOUT_MS })
      .toContain(CHAIRMAN.name);
    await send(page, 'draftSubmit', 'draft-submitted');

    // The chairman sends it back once with his comments; the comments are required.
    await switchTo(page, CHAIRMAN);
    expect(await tasksIn(page, 'waiting')).toEqual([{ id: reply.id, role: 'approve' }]);
    await page.locator(`[data-testid="task-row"][data-document-id="${reply.id}"]`).click();
    await reachState(page, 'handling-section', 'draft-submitted');
    const back = await openStep(page, 'draftReturn');
    await byTestId(page, 'handling-dialog-draftReturn-ok').click();
    await back.locator('.ant-form-item-explain-error').waitFor();
    const comments = 'Bổ sung số hộ phải di dời và kiến nghị hỗ trợ.';
    await byTestId(back, 'handling-note').fill(comments);
    await send(page, 'draftReturn', 'draft-returned');

    // The officer: dự thảo lần tiếp with a new PDF, and up again.
    await switchTo(page, OFFICER);
    await openDocument(page, reply.id);
    await reachState(page, 'handling-section', 'draft-returned');
    await openStep(page, 'draftRevise');
    const revised = await officialLetterPdf(
      letter(
        REPLY_SUBJECT,
        '/BC-UBND',
        'UBND xã Yên Lạc báo cáo: 12 hộ bị ngập, 4 hộ phải di dời, 3,5 ha lúa bị thiệt hại; đề nghị huyện hỗ trợ giống lúa.',
        COMMUNE,
      ),
    );
    await dropFile(page, 'handling-revise-dropzone', { name: 'bao-cao-lan-2.pdf', bytes: revised });
    await visit(window, 'handling-07-revise-dialog');
    await send(page, 'draftRevise', 'drafting');
    await openStep(page, 'draftSubmit');
    await send(page, 'draftSubmit', 'draft-submitted');

    // The chairman approves.
    await switchTo(page, CHAIRMAN);
    await openDocument(page, reply.id);
    await reachState(page, 'handling-section', 'draft-submitted');
    await openStep(page, 'draftApprove');
    await send(page, 'draftApprove', 'approved');
    expect(await eventKinds(page)).toEqual([
      'draft-submitted',
      'draft-returned',
      'draft-revised',
      'draft-submitted',
      'draft-approved',
    ]);
    expect(await byTestId(page, 'handling-timeline').innerText()).toContain(comments);
    // The first draft is kept as the file's earlier version, named for what replaced it.
    await byTestId(page, 'attachment-versions').locator('summary').click();
    expect(await byTestId(page, 'attachment-version').count()).toBe(1);
    expect(await byTestId(page, 'attachment-version').innerText()).toContain('dự thảo lần tiếp');
    await visit(window, 'handling-08-draft-approved');

    // Approved, the chairman signs it with his token; the clerk then numbers it and signs for the commune.
    await signInDialog(page, {
      token: 'vanthu-personal',
      cert: CHAIRMAN.name,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
    });
    expect((await coreCall(page, 'tasks.list', {})).tasks).toEqual([]);
    await switchTo(page, CLERK);
    await openDocument(page, reply.id);
    await signInDialog(page, {
      token: 'vanthu-organization',
      cert: 'UBND xã Quảng Phú',
      as: 'organization',
      pin: lab().tokens.tokens.organization.pin,
    });
    const issued = await coreCall(page, 'documents.get', { id: reply.id });
    expect(issued.state).toBe('issued');
    expect(issued.notation).toMatch(/^\d+\/BC-UBND$/);
    const stored = await coreCall(page, 'attachments.read', { documentId: reply.id });
    const signedFile = path.join(session.root(), 'bao-cao-da-ky.pdf');
    fs.writeFileSync(signedFile, Buffer.from(stored.base64, 'base64'));
    expect(pdfsig(signedFile, lab().nssDir).map((signature) => signature.valid)).toEqual([true, true]);
    await visit(window, 'handling-08b-issued');

    // The register: the handling columns from the column list, and its filters.
    await byTestId(page, 'nav-incoming').click();
    await page.locator('[data-testid="register-total"][data-total="1"]').waitFor();
    await byTestId(page, 'register-columns').click();
    const menu = byTestId(page, 'register-columns-menu');
    for (const title of ['Trạng thái xử lý', 'Người xử lý chính', 'Hạn xử lý']) {
      await menu.getByText(title, { exact: true }).click();
    }
    await page.keyboard.press('Escape');
    const row = page.locator(`[data-testid="register-row"][data-id="${letterId}"]`);
    await page.locator('.register-header [data-column="handlingDueOn"]').waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('Hoàn thành');
    expect(rowText).toContain(OFFICER.name);
    expect(rowText).toContain(shown(asked));
    await visit(window, 'handling-09-register-columns');

    await chooseOption(page, byTestId(page, 'register-main-handler'), 'binh', OFFICER.name);
    await page.locator('[data-testid="register-total"][data-total="1"]').waitFor();
    await chooseOption(page, byTestId(page, 'register-handling-state'), '', 'Đang xử lý');
    await page.locator('[data-testid="register-total"][data-total="0"]').waitFor();
    await chooseOption(page, byTestId(page, 'register-handling-state'), '', 'Hoàn thành');
    await page.locator('[data-testid="register-total"][data-total="1"]').waitFor();
    // "Đến hạn trước ngày…" lists only what is not completed yet.
    await byTestId(page, 'register-due-by').fill(shown(asked));
    await byTestId(page, 'register-due-by').press('Enter');
    await page.locator('[data-testid="register-total"][data-total="0"]').waitFor();
    await byTestId(page, 'register-clear-filters').click();
    await page.locator('[data-testid="register-total"][data-total="1"]').waitFor();

    // The dashboard's handling report: the officer's letter completed on time (after its extension),
    // and the figure opens the letter behind it.
    await byTestId(page, 'nav-dashboard').click();
    const onTime = byTestId(page, `handling-completedOnTime-${officerId}`);
    await onTime.waitFor();
    expect(await onTime.getAttribute('data-value')).toBe('1');
    expect(await byTestId(page, `handling-overdue-${officerId}`).getAttribute('data-value')).toBe('0');
    expect(await byTestId(page, 'handling-received-total').getAttribute('data-value')).toBe('1');
    await onTime.click();
    const listed = byTestId(page, 'handling-figure-list');
    await listed.getByText(SUBJECT).waitFor();
    await visit(window, 'handling-10-dashboard-report');
    await page.keyboard.press('Escape');
    await listed.waitFor({ state: 'detached' });

    // Nobody at the desk: "Việc của tôi" says where to say who you are.
    await byTestId(page, 'desk-leave').click();
    await byTestId(page, 'desk-person-none').waitFor();
    await byTestId(page, 'nav-tasks').click();
    await reachState(page, 'tasks-page', 'nobody');
    expect(await byTestId(page, 'tasks-nobody').innerText()).toContain('Đổi người');
    await visit(window, 'handling-11-nobody');
  }, 300_000);
});
