// A commune with a desktop per official and a hub (issue 15): the letter from
// another commune registered by the clerk, submitted, directed and assigned on
// the chairman's desk, handled on the officer's, the reply drafted there,
// signed with the chairman's token on his desk, numbered and signed by the
// clerk and issued; the sender sees 04, 05 and 06. Also what the desks do
// offline, and what the hub refuses them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumLetter,
  corpusLetter,
  draftNumberAndDate,
  libreOfficeTableLetter,
} from '../../scripts/lib/letter-corpus.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { startHub, type Hub } from '../helpers/hub.ts';
import { addOfficial, deskFor, syncDesks, type Official } from '../helpers/desks.ts';
import { tempDir, type TestOffice } from '../helpers/office.ts';
import { addProvince, enrolledOffice, issueTo, type Province } from '../helpers/sync.ts';
import { certificateOf, pdfsig, useTokenLab } from '../helpers/signing.ts';
import { getDevice } from '../../core/db/sync.ts';
import { HubClient, HubError } from '../../core/sync/hub-client.ts';
import { newId } from '../../core/ids.ts';
import { changesReply } from '../../shared/sync-protocol.ts';

const lab = useTokenLab();

describe('the desks of one commune through the hub', () => {
  let hub: Hub;
  let hubDir: string;
  beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-desks-'));
    hub = await startHub({ dataDir: hubDir });
  });
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  interface Commune {
    province: Province;
    clerk: Official;
    chairman: Official;
    officer: Official;
    clerkDesk: TestOffice;
    chairmanDesk: TestOffice;
    officerDesk: TestOffice;
  }

  async function commune(): Promise<Commune> {
    const province = await addProvince(hub);
    const a = province.communeA;
    const clerk = await addOfficial(hub, a, 'clerk');
    const chairman = await addOfficial(hub, a, 'chairman');
    const officer = await addOfficial(hub, a, 'officer');
    const clerkDesk = await deskFor(hub, a, clerk, { lab: lab() });
    const chairmanDesk = await deskFor(hub, a, chairman, { lab: lab() });
    const officerDesk = await deskFor(hub, a, officer);
    return { province, clerk, chairman, officer, clerkDesk, chairmanDesk, officerDesk };
  }

  it('carries a letter from the register to the signed reply across three desktops, and the sender sees 04, 05, 06', async () => {
    const c = await commune();
    const dir = tempDir();
    expect(c.clerkDesk.core.db.prepare('SELECT holds_register AS h FROM sync_device').get()).toEqual({ h: 1 });
    expect(c.chairmanDesk.core.db.prepare('SELECT holds_register AS h FROM sync_device').get()).toEqual({ h: 0 });

    // Commune B writes to commune A, a letter printed by Chromium.
    const sender = await enrolledOffice(hub, c.province.communeB);
    const letter = await issueTo(sender, [c.province.communeA.code], {
      subject: 'Về việc phối hợp rà soát hộ nghèo giáp ranh',
      pdf: chromiumLetter(),
    });
    await syncDesks(sender);

    // The clerk's desk registers it and submits it to the chairman.
    await syncDesks(c.clerkDesk);
    const registered = await c.clerkDesk.call('documents.get', { id: letter.id });
    expect(registered.registerNumber).toBe(1);
    await c.clerkDesk.call('handling.submit', { id: letter.id, to: c.chairman.id, note: 'Kính trình Chủ tịch' });
    await syncDesks(c.clerkDesk);

    // The chairman's desk has it, with the clerk's submission, and directs and assigns.
    await syncDesks(c.chairmanDesk);
    const onChairman = await c.chairmanDesk.call('documents.get', { id: letter.id });
    expect(onChairman.registerNumber).toBe(1);
    expect(onChairman.handling?.state).toBe('submitted');
    expect((await c.chairmanDesk.call('tasks.list', {})).tasks.map((t) => t.documentId)).toEqual([letter.id]);
    await c.chairmanDesk.call('handling.direct', { id: letter.id, note: 'Giao Văn phòng tham mưu' });
    await c.chairmanDesk.call('handling.assign', { id: letter.id, main: c.officer.id, dueInWorkingDays: 5 });
    await syncDesks(c.chairmanDesk);

    // The officer's desk: the task, the PDF, received, the reply drafted, completed with it, sent up.
    await syncDesks(c.officerDesk);
    const tasks = (await c.officerDesk.call('tasks.list', {})).tasks;
    expect(tasks).toEqual([expect.objectContaining({ documentId: letter.id, role: 'main' })]);
    const onOfficer = await c.officerDesk.call('documents.get', { id: letter.id });
    const pdf = await c.officerDesk.call('attachments.read', { documentId: letter.id });
    expect(Buffer.from(pdf.base64, 'base64').length).toBe(onOfficer.attachments[0]!.size);
    await c.officerDesk.call('handling.receive', { id: letter.id });
    await c.officerDesk.call('handling.progress', { id: letter.id, note: 'Đang tổng hợp' });
    // The reply typed in LibreOffice Writer, its number and day left blank for the clerk.
    const draftPath = path.join(dir, 'tra-loi.pdf');
    fs.writeFileSync(draftPath, libreOfficeTableLetter(draftNumberAndDate()));
    const reply = await c.officerDesk.call('outgoing.draft', {
      file: { path: draftPath },
      type: 'KH',
      subject: 'Về việc phối hợp rà soát hộ nghèo giáp ranh (trả lời)',
      signerName: corpusLetter.signerName,
      signerTitle: 'Chủ tịch',
      recipients: [{ agencyCode: c.province.communeB.code }],
    });
    await c.officerDesk.call('handling.complete', { id: letter.id, note: 'Đã dự thảo', replyDraftId: reply.id });
    await c.officerDesk.call('drafts.submit', { id: reply.id, to: c.chairman.id });
    await syncDesks(c.officerDesk);

    // The chairman approves and signs on his desktop, with his token.
    await syncDesks(c.chairmanDesk);
    expect((await c.chairmanDesk.call('tasks.list', {})).tasks).toEqual([
      expect.objectContaining({ documentId: reply.id, role: 'approve' }),
    ]);
    await c.chairmanDesk.call('drafts.approve', { id: reply.id });
    const personal = await certificateOf(c.chairmanDesk, lab(), 'personal');
    const signed = await c.chairmanDesk.call('sign.documents', {
      ids: [reply.id],
      certId: personal.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
    });
    expect(signed.stoppedAt).toBeNull();
    await syncDesks(c.chairmanDesk);

    // The clerk numbers, signs for the commune, and the reply is issued to commune B.
    await syncDesks(c.clerkDesk);
    const atClerk = await c.clerkDesk.call('documents.get', { id: reply.id });
    expect(atClerk.handling?.state).toBe('approved');
    const organization = await certificateOf(c.clerkDesk, lab(), 'organization');
    const issued = await c.clerkDesk.call('sign.documents', {
      ids: [reply.id],
      certId: organization.id,
      as: 'organization',
      pin: lab().tokens.tokens.organization.pin,
      modules: [lab().tokens.module],
    });
    expect(issued.signed[0]?.notation).toBe('01/KH-UBND');
    await syncDesks(c.clerkDesk);

    // Commune B receives the reply, both signatures valid, and sees 04, 05, 06 on its letter.
    await syncDesks(sender);
    const received = await sender.call('documents.get', { id: reply.id });
    expect(received.direction).toBe('incoming');
    const out = path.join(dir, 'nhan.pdf');
    await sender.call('attachments.export', { documentId: reply.id, attachmentId: received.attachments[0]!.id, out });
    expect(pdfsig(out, lab().nssDir).map((s) => s.valid)).toEqual([true, true]);
    const statuses = (await sender.call('documents.get', { id: letter.id })).deliveries.map((d) => d.statusCode);
    expect(statuses).toEqual(['01', '03', '04', '05', '06']);
    const assignedStatus = (await sender.call('documents.get', { id: letter.id })).deliveries.find(
      (d) => d.statusCode === '04',
    );
    expect(assignedStatus?.description).toContain(c.officer.unit);

    // Every desk agrees on the letter's handling, event by event.
    await syncDesks(c.chairmanDesk, c.officerDesk);
    const kinds = async (desk: TestOffice) =>
      (await desk.call('documents.get', { id: letter.id })).handling?.events.map((e) => e.id);
    const onClerk = await kinds(c.clerkDesk);
    expect(onClerk).toHaveLength(6);
    expect(await kinds(c.chairmanDesk)).toEqual(onClerk);
    expect(await kinds(c.officerDesk)).toEqual(onClerk);
  }, 240_000);

  it('keeps an assignment made with the line down and merges it when the line comes back', async () => {
    const c = await commune();
    const letter = await c.clerkDesk.call('incoming.register', {
      issuerName: 'UBND huyện Đông Sơn',
      notation: '77/UBND-NV',
      issuedOn: '2026-12-01',
      type: 'CV',
      subject: 'Về việc kiện toàn tổ hòa giải',
    });
    await c.clerkDesk.call('handling.submit', { id: letter.id, to: c.chairman.id });
    await syncDesks(c.clerkDesk, c.chairmanDesk);

    // The chairman's line is down: the assignment is made and kept, the sync says so.
    const hubUrl = (c.chairmanDesk.core.db.prepare('SELECT hub_url AS u FROM sync_device').get() as { u: string }).u;
    c.chairmanDesk.core.db.prepare('UPDATE sync_device SET hub_url = ?').run('http://127.0.0.1:9');
    const assigned = await c.chairmanDesk.call('handling.assign', {
      id: letter.id,
      main: c.officer.id,
      dueInWorkingDays: 3,
    });
    expect(assigned.state).toBe('assigned');
    expect((await c.chairmanDesk.call('sync.run', {})).outcome).toBe('failed');
    await syncDesks(c.officerDesk);
    expect((await c.officerDesk.call('tasks.list', {})).tasks).toEqual([]);

    // The line is back: the officer gets the task with the chairman's deadline.
    c.chairmanDesk.core.db.prepare('UPDATE sync_device SET hub_url = ?').run(hubUrl);
    await syncDesks(c.chairmanDesk, c.officerDesk, c.clerkDesk);
    const onOfficer = await c.officerDesk.call('documents.get', { id: letter.id });
    expect(onOfficer.handling).toMatchObject({ state: 'assigned', dueOn: assigned.dueOn });
    expect((await c.clerkDesk.call('documents.get', { id: letter.id })).handling?.dueOn).toBe(assigned.dueOn);
  }, 120_000);

  it("keeps both of two leaders' assignments made offline, shows the conflict, and the later one is in force", async () => {
    const c = await commune();
    const vice = await addOfficial(hub, c.province.communeA, 'vice');
    const viceDesk = await deskFor(hub, c.province.communeA, vice);
    const letter = await c.clerkDesk.call('incoming.register', {
      issuerName: 'UBND huyện Đông Sơn',
      notation: '78/UBND-NV',
      issuedOn: '2026-12-01',
      type: 'CV',
      subject: 'Về việc ra quân làm đường giao thông nông thôn',
    });
    await c.clerkDesk.call('handling.submit', { id: letter.id, to: c.chairman.id });
    await syncDesks(c.clerkDesk, c.chairmanDesk, viceDesk);

    // Both assign before either desk syncs.
    const first = await c.chairmanDesk.call('handling.assign', {
      id: letter.id,
      main: c.officer.id,
      dueInWorkingDays: 5,
    });
    const second = await viceDesk.call('handling.assign', { id: letter.id, main: c.clerk.id, dueInWorkingDays: 2 });
    await syncDesks(c.chairmanDesk, viceDesk, c.chairmanDesk, c.clerkDesk, c.officerDesk);

    for (const desk of [c.clerkDesk, c.chairmanDesk, viceDesk]) {
      const handling = (await desk.call('documents.get', { id: letter.id })).handling!;
      expect(handling.events.filter((e) => e.kind === 'assigned')).toHaveLength(2);
      expect(handling.conflict?.events.map((e) => e.by.id).sort()).toEqual([c.chairman.id, vice.id].sort());
      // The later assignment (by HLC) is in force, deadline included.
      expect(handling.mainHandler?.id).toBe(c.clerk.id);
      expect(handling.dueOn).toBe(second.dueOn);
    }
    expect(first.dueOn).not.toBe(second.dueOn);

    // The chairman settles it once he has seen both.
    await c.chairmanDesk.call('handling.assign', { id: letter.id, main: c.officer.id, dueInWorkingDays: 4 });
    await syncDesks(c.chairmanDesk, c.clerkDesk);
    const settled = (await c.clerkDesk.call('documents.get', { id: letter.id })).handling!;
    expect(settled.conflict).toBeNull();
    expect(settled.mainHandler?.id).toBe(c.officer.id);
  }, 120_000);

  it("refuses the officer a document not assigned to him, and an event written in another official's name (403)", async () => {
    const c = await commune();
    const dir = tempDir();
    const file = path.join(dir, 'mat.pdf');
    fs.writeFileSync(file, await vietnamesePdf(['Về việc bảo vệ bí mật nhà nước']));
    const letter = await c.clerkDesk.call('incoming.register', {
      issuerName: 'Công an huyện Đông Sơn',
      notation: '15/CAH',
      issuedOn: '2026-12-01',
      type: 'CV',
      subject: 'Về việc bảo vệ bí mật nhà nước',
      file: { path: file },
    });
    await c.clerkDesk.call('handling.submit', { id: letter.id, to: c.chairman.id });
    await syncDesks(c.clerkDesk, c.chairmanDesk, c.officerDesk);

    // Not his: not on his desk, and the hub will not give him its PDF.
    await expect(c.officerDesk.call('documents.get', { id: letter.id })).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
    });
    const sha256 = (await c.clerkDesk.call('documents.get', { id: letter.id })).attachments[0]!.sha256;
    const officer = getDevice(c.officerDesk.core.db)!;
    const client = new HubClient(hub.url, officer.credential);
    try {
      const part = path.join(dir, 'blob.part');
      const refused = await client
        .download(`v1/agencies/${encodeURIComponent(officer.agencyCode)}/blobs/${sha256}`, 0, part, () => undefined)
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(HubError);
      expect((refused as HubError).failure).toMatchObject({ kind: 'hub', status: 403, code: 'FORBIDDEN' });

      // An event in the chairman's name from the officer's desk: 403, and nothing of it reaches anyone.
      const forged = {
        id: newId(Date.now()),
        hlc: `${new Date().toISOString()}-0000-0123456789abcdef`,
        op: 'desk.event',
        event: {
          id: '',
          documentId: letter.id,
          kind: 'assigned',
          personId: c.chairman.id,
          at: new Date().toISOString(),
          hlc: `${new Date().toISOString()}-0000-0123456789abcdef`,
          detail: { main: c.officer.id, with: [], inform: [], dueOn: '2026-12-31', basis: null },
        },
      };
      forged.event.id = forged.id;
      const attempt = await client
        .json(
          'POST',
          `v1/agencies/${encodeURIComponent(officer.agencyCode)}/changes`,
          { changes: [forged] },
          changesReply,
        )
        .catch((error: unknown) => error);
      expect((attempt as HubError).failure).toMatchObject({ kind: 'hub', status: 403, code: 'FORBIDDEN' });
    } finally {
      client.close();
    }
    await syncDesks(c.chairmanDesk, c.clerkDesk);
    expect((await c.chairmanDesk.call('documents.get', { id: letter.id })).handling?.state).toBe('submitted');

    // Core refuses it first: the officer's desk acts as the officer only.
    await expect(c.officerDesk.call('session.switch', { person: c.chairman.id })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
  }, 120_000);
});
