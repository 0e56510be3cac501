// The agency's officials through the real UI: the clerk lists them in Cài đặt
// › Cán bộ (the first clerk added then works at this desk), the chairman
// switches in with his password (a wrong one is refused and changes
// nothing), his name is in the header and his tasks' count in the window
// title; after "Rời máy" the app asks who is working when it is opened again.
// With a desktop per official: the clerk's "Tạo mã cài đặt máy", two leaders'
// assignments made before their desks synced, and a PC that is one
// official's own.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call } from '../../core/api.ts';
import { getDocumentRow } from '../../core/db/documents.ts';
import { insertHandlingEvent } from '../../core/db/handling.ts';
import { rebuildHandling } from '../../core/workflow/handling.ts';
import { byTestId, coreCall, goTo, UI_TIMEOUT_MS, visit } from './clerk.ts';
import { useE2eSession, withCore } from './session.ts';

const OFFICE = { agencyCode: '000.01.862.H56', name: 'UBND xã Yên Lạc' };

/** Today in the commune, as core counts days. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

async function addOfficial(
  page: Page,
  official: { name: string; title: string; role: 'clerk' | 'leader' | 'officer'; password?: string },
) {
  await byTestId(page, 'people-add').click();
  const dialog = byTestId(page, 'person-dialog');
  await byTestId(dialog, 'person-name').fill(official.name);
  await byTestId(dialog, 'person-title').fill(official.title);
  await byTestId(dialog, `person-role-${official.role}`).click();
  if (official.password) await byTestId(dialog, 'person-password').fill(official.password);
  await byTestId(dialog, 'person-save').click();
  await page.locator(`[data-testid="person-row"][data-name="${official.name}"]`).waitFor();
  await dialog.waitFor({ state: 'detached' });
}

describe("the agency's officials at one desk", () => {
  const session = useE2eSession({ prefix: 'vanthu-e2e-officials-', softhsm2Conf: () => '' });

  it('lists the officials, switches to the chairman with his password, and counts his tasks in the title', async () => {
    const dataDir = path.join(session.root(), 'yen-lac');
    await withCore(dataDir, (core) => call(core, 'office.init', OFFICE));
    const window = await session.open(dataDir);
    const { page } = window;

    // Before the agency lists anyone the desk is the clerk's, as it always was: nobody to name.
    await byTestId(page, 'nav-settings').waitFor();
    await goTo(page, 'settings');
    const section = byTestId(page, 'people-section');
    await section.waitFor();
    expect(await byTestId(page, 'desk-person').count()).toBe(0);

    await addOfficial(page, { name: 'Lê Thị Hằng', title: 'Văn phòng - Thống kê', role: 'clerk' });
    // The first clerk added works at this desk.
    await expect
      .poll(() => byTestId(page, 'desk-person-name').textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe('Lê Thị Hằng');
    await addOfficial(page, { name: 'Nguyễn Văn An', title: 'Chủ tịch UBND xã', role: 'leader', password: 'an-2026' });
    await addOfficial(page, { name: 'Trần Văn Bình', title: 'Công chức Tư pháp - Hộ tịch', role: 'officer' });
    const chairman = section.locator('[data-testid="person-row"][data-name="Nguyễn Văn An"]');
    expect(await byTestId(chairman, 'person-row-role').textContent()).toBe('Lãnh đạo');
    expect(await byTestId(chairman, 'person-row-password').textContent()).toBe('Có mật khẩu');
    // The last clerk stays: core refuses, the section says why.
    const clerk = section.locator('[data-testid="person-row"][data-name="Lê Thị Hằng"]');
    await byTestId(clerk, 'person-deactivate').click();
    await byTestId(page, 'person-deactivate-ok').click();
    await section.locator('[data-testid="error-notice"][data-code="LAST_CLERK"]').waitFor();
    await section.scrollIntoViewIfNeeded();
    await visit(window, 'officials-01-settings');

    // A notice's Saturday worked, added from Settings for next year (estimated until its notice), then removed.
    const calendar = byTestId(page, 'calendar-section');
    await calendar.scrollIntoViewIfNeeded();
    const nextYear = Number(today().slice(0, 4)) + 1;
    await byTestId(calendar, 'calendar-day').fill(`13/02/${nextYear}`);
    await byTestId(calendar, 'calendar-form').getByText('Làm việc', { exact: true }).click();
    await byTestId(calendar, 'calendar-note').fill('Làm bù cho ngày nghỉ Tết');
    await byTestId(calendar, 'calendar-add').click();
    const added = calendar.locator(`[data-testid="calendar-day-row"][data-day="${nextYear}-02-13"]`);
    await added.waitFor();
    expect(await added.innerText()).toContain('Làm bù cho ngày nghỉ Tết');
    expect(await added.innerText()).toContain('Làm việc');
    await byTestId(calendar, 'calendar-estimated').waitFor();
    await visit(window, 'officials-01b-calendar');
    await byTestId(added, 'calendar-remove').click();
    await added.waitFor({ state: 'detached' });

    // A letter the clerk submits to the chairman: a task waiting for his direction.
    const letter = await coreCall(page, 'incoming.register', {
      issuerName: 'UBND huyện Như Thanh',
      notation: '112/UBND-VP',
      issuedOn: today(),
      type: 'CV',
      subject: 'Về việc rà soát hộ nghèo năm nay',
    });
    await coreCall(page, 'handling.submit', { id: letter.id, to: 'Nguyễn Văn An' });

    await byTestId(page, 'desk-switch').click();
    const dialog = byTestId(page, 'desk-switch-dialog');
    await dialog.locator('[data-testid="desk-switch-person"][data-name="Nguyễn Văn An"]').check();
    const password = byTestId(dialog, 'desk-switch-password');
    await password.fill('an-2025');
    await password.press('Enter');
    // Refused on the password field; the clerk is still the one at the desk.
    await dialog.locator('.ant-form-item-has-error').filter({ hasText: 'Mật khẩu không đúng' }).waitFor();
    expect(await byTestId(page, 'desk-person-name').textContent()).toBe('Lê Thị Hằng');
    expect(await coreCall(page, 'session.get', {})).toMatchObject({ person: { name: 'Lê Thị Hằng' } });
    await visit(window, 'officials-02-wrong-password');
    await password.fill('an-2026');
    await password.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => byTestId(page, 'desk-person-name').textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe('Nguyễn Văn An');
    await expect.poll(() => page.title(), { timeout: UI_TIMEOUT_MS }).toBe('(1) Văn thư — UBND xã Yên Lạc');
    await visit(window, 'officials-03-chairman');

    // He leaves the desk; opened again, the app asks who is working, and Esc goes on as before.
    await byTestId(page, 'desk-leave').click();
    await byTestId(page, 'desk-person-none').waitFor();
    await expect.poll(() => page.title(), { timeout: UI_TIMEOUT_MS }).toBe('Văn thư — UBND xã Yên Lạc');
    await page.reload();
    await byTestId(page, 'desk-switch-dialog').waitFor();
    await page.keyboard.press('Escape');
    await byTestId(page, 'desk-switch-dialog').waitFor({ state: 'detached' });
    await byTestId(page, 'desk-person-none').waitFor();
  }, 240_000);

  it("shows the clerk's setup code, two leaders' concurrent assignments, and a PC that is one official's own", async () => {
    const dataDir = path.join(session.root(), 'yen-lac-desks');
    const { letter, vice } = await withCore(dataDir, async (core) => {
      await call(core, 'office.init', OFFICE);
      await call(core, 'people.add', { name: 'Lê Thị Hằng', title: 'Văn thư', role: 'clerk' });
      await call(core, 'people.add', { name: 'Nguyễn Văn An', title: 'Chủ tịch UBND xã', role: 'leader' });
      const vice = await call(core, 'people.add', { name: 'Phạm Thị Hoa', title: 'Phó Chủ tịch', role: 'leader' });
      await call(core, 'people.add', { name: 'Trần Văn Bình', title: 'Công chức Tư pháp', role: 'officer' });
      const letter = await call(core, 'incoming.register', {
        issuerName: 'UBND huyện Như Thanh',
        notation: '118/UBND-VP',
        issuedOn: today(),
        type: 'CV',
        subject: 'Về việc kiểm tra công tác cải cách hành chính',
      });
      const submitted = await call(core, 'handling.submit', { id: letter.id, to: 'Nguyễn Văn An' });
      await call(core, 'session.switch', { person: 'Nguyễn Văn An' });
      const assigned = await call(core, 'handling.assign', {
        id: letter.id,
        main: 'Trần Văn Bình',
        dueInWorkingDays: 5,
      });
      // The vice-chairman's assignment, from her desk: made on the submission alone, later by HLC.
      const later = new Date(Date.parse(assigned.events.at(-1)!.hlc.slice(0, 24)) + 60_000).toISOString();
      insertHandlingEvent(core.db, {
        id: '0195f0a0-0000-7000-8000-0000000000b1',
        documentId: letter.id,
        kind: 'assigned',
        personId: vice.id,
        at: later,
        hlc: `${later}-0000-bbbbbbbbbbbbbbbb`,
        detail: JSON.stringify({
          main: vice.id,
          with: [],
          inform: [],
          dueOn: assigned.dueOn,
          note: null,
          basis: submitted.events[0]!.hlc,
        }),
      });
      core.db.transaction(() => rebuildHandling(core.db, getDocumentRow(core.db, letter.id)!))();
      // The clerk is at this PC when the app opens.
      await call(core, 'session.switch', { person: 'Lê Thị Hằng' });
      return { letter, vice };
    });
    const window = await session.open(dataDir);
    const { page } = window;

    // This PC is not connected to the hub: the code cannot be made, and the dialog says what to do.
    await goTo(page, 'settings');
    const section = byTestId(page, 'people-section');
    await section.locator('[data-testid="person-row"][data-name="Trần Văn Bình"]').waitFor();
    await byTestId(
      section.locator('[data-testid="person-row"][data-name="Trần Văn Bình"]'),
      'person-enroll-code',
    ).click();
    const codeDialog = byTestId(page, 'enroll-code-dialog');
    await codeDialog.locator('[data-testid="error-notice"][data-code="SYNC_NOT_CONNECTED"]').waitFor();
    await visit(window, 'officials-04-enroll-code-offline');
    await byTestId(codeDialog, 'enroll-code-close').click();
    await codeDialog.waitFor({ state: 'detached' });

    await page.evaluate(`window.location.hash = ${JSON.stringify(`#/documents/${letter.id}`)}`);
    const conflict = byTestId(page, 'handling-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Hai lãnh đạo đã giao xử lý khác nhau khi các máy chưa đồng bộ');
    const lines = byTestId(conflict, 'handling-conflict-event');
    expect(await lines.count()).toBe(2);
    expect(await lines.nth(0).getAttribute('data-in-force')).toBe('false');
    expect(await lines.nth(1).innerText()).toContain('Phạm Thị Hoa — Phó Chủ tịch giao Phạm Thị Hoa xử lý chính');
    expect(await lines.nth(1).getAttribute('data-in-force')).toBe('true');
    expect(await byTestId(page, 'handling-main-handler').textContent()).toBe('Phạm Thị Hoa — Phó Chủ tịch');
    await visit(window, 'officials-05-concurrent-assignments');

    // The PC is enrolled for the vice-chairman (what `Kết nối` with her code stores): it works as her only.
    await withCore(dataDir, async (core) => {
      core.db
        .prepare(
          `INSERT INTO sync_device (id, hub_url, device_id, credential, agency_code, holds_register, expires_at, enrolled_at, person_id)
           VALUES (1, 'http://127.0.0.1:9', '0195f0a0-0000-7000-8000-000000000002', ?, ?, 0, '2099-01-01T00:00:00.000Z', ?, ?)`,
        )
        .run(
          `0195f0a0-0000-7000-8000-000000000002.${'s'.repeat(43)}`,
          OFFICE.agencyCode,
          new Date().toISOString(),
          vice.id,
        );
      return Promise.resolve();
    });
    await page.reload();
    await expect
      .poll(() => byTestId(page, 'desk-person-name').textContent(), { timeout: UI_TIMEOUT_MS })
      .toBe('Phạm Thị Hoa');
    expect(await byTestId(page, 'desk-switch').isDisabled()).toBe(true);
    expect(await byTestId(page, 'desk-leave').count()).toBe(0);
    expect(await byTestId(page, 'desk-switch-dialog').count()).toBe(0);
    await byTestId(page, 'desk-personal').hover();
    await page.getByRole('tooltip').filter({ hasText: 'Máy này chỉ dùng cho Phạm Thị Hoa' }).waitFor();
    await visit(window, 'officials-06-personal-desk');
  }, 240_000);
});
