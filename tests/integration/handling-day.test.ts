// The whole day of a letter on one store, with the clerk, the chairman and an
// officer switching in: registered, submitted, directed and assigned,
// received, extended, completed with a reply draft; the draft submitted,
// returned once with comments, revised, approved, signed with the chairman's
// token (SoftHSM2), then numbered and signed by the clerk for the commune.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PersonView } from '../../shared/handling.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { tempDir, type TestOffice } from '../helpers/office.ts';
import { certificateOf, pdfsig, signingOffice, useTokenLab } from '../helpers/signing.ts';

const lab = useTokenLab();

async function switchTo(office: TestOffice, person: PersonView, password?: string) {
  await office.call('session.switch', { person: person.id, ...(password ? { password } : {}) });
}

describe('the day of a letter through every hand', () => {
  it('goes from the register to the issued, signed reply', async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    const clerk = await office.call('people.add', { name: 'Lê Thị Văn', title: 'Văn thư', role: 'clerk' });
    const chairman = await office.call('people.add', {
      name: 'Nguyễn Văn An',
      title: 'Chủ tịch UBND xã',
      role: 'leader',
      password: 'chu-tich-2026',
    });
    const officer = await office.call('people.add', {
      name: 'Trần Văn Bình',
      title: 'Công chức Văn phòng - Thống kê',
      unit: 'Văn phòng HĐND và UBND',
      role: 'officer',
      password: 'binh-123',
    });

    // The clerk registers the letter and submits it to the chairman.
    const letter = await office.call('incoming.register', {
      issuerName: 'UBND tỉnh Thanh Hóa',
      notation: '1520/UBND-VX',
      issuedOn: '2026-01-05',
      type: 'CV',
      subject: 'Về việc báo cáo kết quả rà soát hộ nghèo',
    });
    await office.call('handling.submit', { id: letter.id, to: chairman.id, note: 'Kính trình Chủ tịch' });

    // The chairman directs and assigns, five working days.
    await switchTo(office, chairman, 'chu-tich-2026');
    await office.call('handling.direct', { id: letter.id, note: 'Giao Văn phòng tham mưu trả lời' });
    const assigned = await office.call('handling.assign', {
      id: letter.id,
      main: officer.id,
      inform: [clerk.id],
      dueInWorkingDays: 5,
    });

    // The officer receives it, asks for more time, drafts the reply and completes it with the draft.
    await switchTo(office, officer, 'binh-123');
    expect((await office.call('tasks.list', {})).tasks.map((task) => task.role)).toEqual(['main']);
    await office.call('handling.receive', { id: letter.id });
    await office.call('handling.extend', { id: letter.id, dueInWorkingDays: 8, reason: 'Chờ số liệu các thôn' });
    await switchTo(office, chairman, 'chu-tich-2026');
    const extended = await office.call('handling.decideExtension', { id: letter.id, grant: true });
    expect(extended.dueOn! > assigned.dueOn!).toBe(true);

    await switchTo(office, officer, 'binh-123');
    const firstPdf = path.join(dir, 'du-thao-1.pdf');
    fs.writeFileSync(
      firstPdf,
      await vietnamesePdf(['Báo cáo kết quả rà soát', 'CHỦ TỊCH', '', '', '', 'Nguyễn Văn An']),
    );
    const reply = await office.call('outgoing.draft', {
      file: { path: firstPdf },
      type: 'BC',
      subject: 'Báo cáo kết quả rà soát hộ nghèo năm 2026',
      signerName: 'Nguyễn Văn An',
      signerTitle: 'Chủ tịch',
      recipients: [{ agencyCode: '000.00.31.H56' }],
    });
    const completed = await office.call('handling.complete', {
      id: letter.id,
      note: 'Đã dự thảo báo cáo',
      replyDraftId: reply.id,
    });
    expect(completed).toMatchObject({ state: 'completed', replyDraftId: reply.id, completedLate: false });
    // The officer may neither sign for the chairman nor number the draft.
    await expect(office.call('outgoing.issue', { id: reply.id })).rejects.toMatchObject({ code: 'NOT_PERMITTED' });

    await office.call('drafts.submit', { id: reply.id, to: chairman.id });

    // The chairman returns it once with comments; the officer revises it.
    await switchTo(office, chairman, 'chu-tich-2026');
    expect((await office.call('tasks.list', {})).tasks).toEqual([
      expect.objectContaining({ documentId: reply.id, role: 'approve', state: 'draft-submitted' }),
    ]);
    await office.call('drafts.return', { id: reply.id, comments: 'Bổ sung số liệu thôn Đông' });
    const personal = await certificateOf(office, lab(), 'personal');
    const signPersonal = () =>
      office.call('sign.documents', {
        ids: [reply.id],
        certId: personal.id,
        as: 'personal',
        pin: lab().tokens.tokens.personal.pin,
        modules: [lab().tokens.module],
      });
    // Not signed before it is approved.
    await expect(signPersonal()).rejects.toMatchObject({ code: 'HANDLING_STEP_INVALID' });

    await switchTo(office, officer, 'binh-123');
    expect((await office.call('tasks.list', {})).tasks).toEqual([
      expect.objectContaining({ documentId: reply.id, role: 'main', state: 'draft-returned' }),
    ]);
    const secondPdf = path.join(dir, 'du-thao-2.pdf');
    fs.writeFileSync(
      secondPdf,
      await vietnamesePdf(['Báo cáo kết quả rà soát (bổ sung thôn Đông)', 'CHỦ TỊCH', '', '', '', 'Nguyễn Văn An']),
    );
    const firstSha = (await office.call('documents.get', { id: reply.id })).attachments[0]!.sha256;
    await office.call('drafts.revise', { id: reply.id, file: { path: secondPdf }, note: 'Đã bổ sung' });
    await office.call('drafts.submit', { id: reply.id, to: chairman.id, note: 'Trình lại' });

    // The chairman approves and signs with his token.
    await switchTo(office, chairman, 'chu-tich-2026');
    const approved = await office.call('drafts.approve', { id: reply.id });
    expect(approved.state).toBe('approved');
    expect((await office.call('tasks.list', {})).tasks.map((task) => task.role)).toEqual(['approve']);
    expect((await signPersonal()).stoppedAt).toBeNull();
    expect((await office.call('tasks.list', {})).tasks).toEqual([]);

    // The clerk numbers and signs for the commune: the draft is issued.
    await switchTo(office, clerk);
    const organization = await certificateOf(office, lab(), 'organization');
    const issued = await office.call('sign.documents', {
      ids: [reply.id],
      certId: organization.id,
      as: 'organization',
      pin: lab().tokens.tokens.organization.pin,
      modules: [lab().tokens.module],
    });
    expect(issued.signed[0]?.notation).toBe('01/BC-UBND');
    const document = await office.call('documents.get', { id: reply.id });
    expect(document.state).toBe('issued');

    // Every version is kept: the first draft, the revision, the chairman-signed one.
    const versions = office.core.db
      .prepare('SELECT sha256, replaced_by AS by FROM attachment_versions WHERE attachment_id = ? ORDER BY version')
      .all(document.attachments[0]!.id) as { sha256: string; by: string }[];
    expect(versions[0]).toEqual({ sha256: firstSha, by: 'revision' });
    expect(versions.length).toBeGreaterThanOrEqual(3);
    // The document shows its versions, and each one reads back as it was.
    const main = document.attachments[0]!;
    expect(main.versions.map((version) => version.sha256)).toEqual(versions.map((version) => version.sha256));
    const first = await office.call('attachments.read', { documentId: reply.id, sha256: firstSha });
    expect(Buffer.from(first.base64, 'base64').equals(fs.readFileSync(firstPdf))).toBe(true);
    await expect(office.call('attachments.read', { documentId: letter.id, sha256: firstSha })).rejects.toMatchObject({
      code: 'ATTACHMENT_NOT_FOUND',
    });
    const out = path.join(dir, 'bao-cao.pdf');
    await office.call('attachments.export', { documentId: reply.id, attachmentId: document.attachments[0]!.id, out });
    expect(pdfsig(out, lab().nssDir).map((signature) => signature.valid)).toEqual([true, true]);

    // The history says who did what, step by step.
    expect(document.handling?.events.map((event) => [event.kind, event.by.name, event.note])).toEqual([
      ['draft-submitted', 'Trần Văn Bình', null],
      ['draft-returned', 'Nguyễn Văn An', 'Bổ sung số liệu thôn Đông'],
      ['draft-revised', 'Trần Văn Bình', 'Đã bổ sung'],
      ['draft-submitted', 'Trần Văn Bình', 'Trình lại'],
      ['draft-approved', 'Nguyễn Văn An', null],
    ]);
    const audit = office.core.db
      .prepare('SELECT action, person_id AS person FROM audit_log WHERE entity_id = ? ORDER BY seq')
      .all(reply.id) as { action: string; person: string }[];
    expect(audit.filter((row) => row.action === 'document.sign').map((row) => row.person)).toEqual([
      chairman.id,
      clerk.id,
    ]);
    expect(audit.find((row) => row.action === 'outgoing.draft')?.person).toBe(officer.id);
    expect((await office.call('audit.verify', {})).ok).toBe(true);
  });
});
