// "Tạo mã cài đặt máy" against the real hub: the clerk's desk makes a code
// for an official, the official's PC enrolls with it and works as them only;
// an official the hub has not heard of yet is said so in the clerk's words.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOfficial, deskFor } from '../helpers/desks.ts';
import { startHub, type Hub } from '../helpers/hub.ts';
import { openTestOffice } from '../helpers/office.ts';
import { addProvince, enrolledOffice } from '../helpers/sync.ts';

describe("an enrollment code made on the clerk's desk", () => {
  let hub: Hub;
  let hubDir: string;
  beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-enroll-code-'));
    hub = await startHub({ dataDir: hubDir });
  });
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  it("enrolls the official's own PC, which then works as them only", async () => {
    const province = await addProvince(hub);
    const commune = province.communeA;
    const clerk = await addOfficial(hub, commune, 'clerk');
    const officer = await addOfficial(hub, commune, 'officer');
    const clerkDesk = await deskFor(hub, commune, clerk);
    // The officials come down from the hub with the first sync; the clerk's own desk works as her.
    await clerkDesk.call('sync.run', {});
    await clerkDesk.call('session.switch', { person: clerk.id });

    const made = await clerkDesk.call('people.enrollCode', { id: 'Trần Văn Bình' });
    expect(made).toMatchObject({ hubUrl: hub.url, person: { id: officer.id, name: 'Trần Văn Bình' } });
    expect(Date.parse(made.expiresAt)).toBeGreaterThan(Date.now());
    const audit = clerkDesk.core.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'person.enroll-code' AND entity_id = ?")
      .all(officer.id) as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain(made.code);

    const officerPc = await openTestOffice({ init: false, now: new Date().toISOString() });
    await officerPc.call('office.init', { agencyCode: commune.code, name: commune.name });
    await officerPc.call('sync.connect', { url: made.hubUrl, code: made.code });
    await officerPc.call('sync.run', {});
    expect(await officerPc.call('session.get', {})).toMatchObject({
      person: { id: officer.id },
      personalDesk: true,
    });
    await expect(officerPc.call('session.switch', { person: clerk.id })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    // Nor does the officer's PC make codes.
    await expect(officerPc.call('people.enrollCode', { id: officer.id })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
  });

  it('says the hub does not know an official the clerk has only just added, until the next sync', async () => {
    const province = await addProvince(hub);
    const commune = province.communeA;
    const clerk = await addOfficial(hub, commune, 'clerk');
    const clerkDesk = await deskFor(hub, commune, clerk);
    await clerkDesk.call('sync.run', {});
    await clerkDesk.call('session.switch', { person: clerk.id });
    const newcomer = await clerkDesk.call('people.add', { name: 'Đỗ Văn Cường', role: 'officer' });
    await expect(clerkDesk.call('people.enrollCode', { id: newcomer.id })).rejects.toMatchObject({
      code: 'SYNC_PERSON_UNKNOWN',
    });
    await clerkDesk.call('sync.run', {});
    expect((await clerkDesk.call('people.enrollCode', { id: newcomer.id })).code).toMatch(/\S{8,}/);
  });

  it("sends the shared office PC's officials to the hub before any desk exists, so it can make their codes", async () => {
    const province = await addProvince(hub);
    const officePc = await enrolledOffice(hub, province.communeA);
    const clerk = await officePc.call('people.add', { name: 'Lê Thị Văn', title: 'Văn thư', role: 'clerk' });
    const chairman = await officePc.call('people.add', { name: 'Nguyễn Văn An', title: 'Chủ tịch', role: 'leader' });
    expect((await officePc.call('sync.run', {})).outcome).toBe('ok');
    const { code } = await officePc.call('people.enrollCode', { id: chairman.id });
    const chairmanPc = await openTestOffice({ init: false, now: new Date().toISOString() });
    await chairmanPc.call('office.init', { agencyCode: province.communeA.code, name: province.communeA.name });
    const connected = await chairmanPc.call('sync.connect', { url: hub.url, code });
    expect(connected).toMatchObject({ holdsRegister: false, person: { id: chairman.id } });
    expect(clerk.id).not.toBe(chairman.id);
  });
});
