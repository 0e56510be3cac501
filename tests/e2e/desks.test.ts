// Two officials of one commune, each on their own desktop (issue 15): the
// clerk's and the chairman's, two browser-mode instances on two data dirs,
// one hub. The clerk submits a letter on her screen and syncs; the
// chairman's screen shows it in "Việc của tôi", he assigns it to an officer
// and syncs; the clerk's screen then shows the assignment. The chairman's
// desk is his alone: "Đổi người" is not offered there.
//
// Screenshots land in test-artifacts/screenshots/ (desks-*).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../core/api.ts';
import { scanSizedPdf } from '../../scripts/lib/make-pdf.ts';
import { startHub, type Hub } from '../helpers/hub.ts';
import { OFFICIALS } from '../helpers/desks.ts';
import { useTokenLab } from '../helpers/signing.ts';
import { byTestId, chooseOption, coreCall, goTo, reachState, SLOW_TIMEOUT_MS, UI_TIMEOUT_MS, visit } from './clerk.ts';
import { useE2eSession, withCore } from './session.ts';

const lab = useTokenLab();
const COMMUNE = { code: '000.01.77.H56', name: 'UBND xã Hải Châu', abbreviation: 'UBND' };

describe('the clerk and the chairman on their own desktops', () => {
  const session = useE2eSession({ prefix: 'vanthu-e2e-desks-', softhsm2Conf: () => lab().tokens.softhsm2Conf });
  let hub: Hub;
  let hubDir: string;
  beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-e2e-hub-'));
    hub = await startHub({ dataDir: hubDir });
    await hub.adminCommand('agency-add', { code: COMMUNE.code, name: COMMUNE.name, parentCode: null });
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  /** A desktop set up for one official: the office, the enrollment code from the hub, a first sync. */
  async function desk(name: string, personId: string): Promise<string> {
    const dataDir = path.join(session.root(), name);
    await withCore(dataDir, async (core) => {
      await call(core, 'office.init', { agencyCode: COMMUNE.code, name: COMMUNE.name, abbreviation: 'UBND' });
      const { code } = await hub.adminCommand('enroll', { agency: COMMUNE.code, person: personId });
      await call(core, 'sync.connect', { url: hub.url, code });
      await call(core, 'sync.run', {});
    });
    return dataDir;
  }

  /** "Đồng bộ" until what `done` waits for has happened (an automatic run may already be under way). */
  async function syncUntil(page: Page, done: () => Promise<boolean>): Promise<void> {
    await goTo(page, 'sync');
    for (let attempt = 0; attempt < 6; attempt++) {
      await byTestId(page, 'sync-now').click();
      await reachState(page, 'sync-status', 'ok', { timeout: SLOW_TIMEOUT_MS });
      if (await done()) return;
    }
    throw new Error('sync did not bring what was expected');
  }

  async function openDocument(page: Page, id: string): Promise<void> {
    await page.evaluate(`window.location.hash = ${JSON.stringify(`#/documents/${id}`)}`);
    await page.locator(`[data-testid="document-detail"][data-id="${id}"]`).waitFor();
  }

  it('carries a submission from the clerk’s screen to the chairman’s, and his assignment back', async () => {
    const ids: Record<'clerk' | 'chairman' | 'officer', string> = { clerk: '', chairman: '', officer: '' };
    for (const who of ['clerk', 'chairman', 'officer'] as const)
      ids[who] = (await hub.adminCommand('person-add', { agency: COMMUNE.code, ...OFFICIALS[who] })).id;
    const clerkDir = await desk('clerk', ids.clerk);
    const chairmanDir = await desk('chairman', ids.chairman);
    const letterId = await withCore(clerkDir, async (core) => {
      const pdf = await scanSizedPdf('Cong van 300 ve viec phong chong thien tai', 40_000);
      const letter = await call(core, 'incoming.register', {
        issuerName: 'UBND huyện Hậu Lộc',
        notation: '300/UBND-NN',
        issuedOn: '2026-12-01',
        type: 'CV',
        subject: 'Về việc phòng, chống thiên tai mùa mưa bão',
        file: { base64: pdf.toString('base64'), filename: 'cv-300.pdf' },
      });
      return letter.id;
    });

    const clerk = await session.open(clerkDir);
    const chairman = await session.open(chairmanDir);
    for (const window of [clerk, chairman]) await window.page.setViewportSize({ width: 1366, height: 768 });
    await clerk.page.locator('[data-testid="desk-person-name"]').filter({ hasText: OFFICIALS.clerk.name }).waitFor();
    await chairman.page
      .locator('[data-testid="desk-person-name"]')
      .filter({ hasText: OFFICIALS.chairman.name })
      .waitFor();
    // His desktop is his alone.
    expect(await byTestId(chairman.page, 'desk-switch').isDisabled()).toBe(true);

    // The clerk submits the letter to the chairman and syncs.
    await openDocument(clerk.page, letterId);
    await reachState(clerk.page, 'handling-section', 'registered');
    await byTestId(clerk.page, 'handling-action-submit').click();
    const submit = byTestId(clerk.page, 'handling-dialog-submit');
    await expect
      .poll(() => byTestId(submit, 'handling-leader').innerText(), { timeout: UI_TIMEOUT_MS })
      .toContain(OFFICIALS.chairman.name);
    await byTestId(clerk.page, 'handling-dialog-submit-ok').click();
    await reachState(clerk.page, 'handling-section', 'submitted');
    await syncUntil(clerk.page, async () => (await byTestId(clerk.page, 'sync-queue-item').count()) === 0);

    // On the chairman's screen: the letter waits for him once his desk has synced.
    await syncUntil(chairman.page, async () => {
      const tasks = await coreCall(chairman.page, 'tasks.list', {});
      return tasks.tasks.some((task) => task.documentId === letterId);
    });
    await byTestId(chairman.page, 'nav-tasks').click();
    await reachState(chairman.page, 'tasks-page', 'ready');
    await byTestId(chairman.page, 'tasks-tab-waiting').click();
    await chairman.page.locator(`[data-testid="task-row"][data-document-id="${letterId}"]`).first().waitFor();
    await visit(chairman, 'desks-01-chairman-tasks');
    await chairman.page.locator(`[data-testid="task-row"][data-document-id="${letterId}"]`).first().click();
    await reachState(chairman.page, 'handling-section', 'submitted');
    await byTestId(chairman.page, 'handling-action-assign').click();
    const assign = byTestId(chairman.page, 'handling-dialog-assign');
    await chooseOption(chairman.page, byTestId(assign, 'handling-main'), 'binh', OFFICIALS.officer.name);
    await byTestId(assign, 'handling-due-days').fill('3');
    await byTestId(chairman.page, 'handling-dialog-assign-ok').click();
    await reachState(chairman.page, 'handling-section', 'assigned');
    await syncUntil(chairman.page, async () => (await byTestId(chairman.page, 'sync-queue-item').count()) === 0);

    // Back on the clerk's screen: the assignment, its handler and deadline.
    await syncUntil(clerk.page, async () => {
      const handling = await coreCall(clerk.page, 'handling.get', { id: letterId });
      return handling.state === 'assigned';
    });
    await openDocument(clerk.page, letterId);
    await reachState(clerk.page, 'handling-section', 'assigned');
    expect(await byTestId(clerk.page, 'handling-main-handler').innerText()).toContain(OFFICIALS.officer.name);
    await visit(clerk, 'desks-02-clerk-sees-assignment');
  }, 300_000);
});
