import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentView, Outputs, WorkFileView } from '../../shared/api.ts';
import type { ErrorValue } from '../../shared/errors.ts';
import { vanthu } from '../helpers/cli.ts';
import { tempDir } from '../helpers/office.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { matching } from '../helpers/matchers.ts';

/** What a command prints with --json when it fails. */
interface Failure {
  error: ErrorValue;
}

describe('vanthu CLI', () => {
  it('runs a clerk’s morning: init, register, draft, issue, show, list, search, export, verify', async () => {
    const data = tempDir();
    const files = tempDir();
    const pdfPath = path.join(files, 'Kế hoạch 56.pdf');
    fs.writeFileSync(pdfPath, await vietnamesePdf(['Kế hoạch phòng, chống dịch sốt xuất huyết năm 2026']));

    const init = vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']);
    expect(init.status).toBe(0);
    expect(init.json).toMatchObject({ agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú', abbreviation: 'UBND' });

    const added = vanthu<DocumentView>(data, [
      'incoming',
      'add',
      pdfPath,
      '--from',
      'Trung tâm Y tế huyện Quảng Xương',
      '--number',
      '56/KH-TTYT',
      '--issued',
      '2026-05-02',
      '--arrived',
      '2026-05-04',
      '--type',
      'KH',
      '--subject',
      'Kế hoạch phòng, chống dịch sốt xuất huyết năm 2026',
      '--urgency',
      'khan',
      '--due',
      '2026-05-20',
    ]);
    expect(added.status).toBe(0);
    expect(added.json).toMatchObject({
      direction: 'incoming',
      subject: 'Kế hoạch phòng, chống dịch sốt xuất huyết năm 2026',
      registerNumber: 1,
      registerYear: 2026,
      notation: '56/KH-TTYT',
      urgency: 'khan',
    });
    const incomingId = added.json.id;

    const draft = vanthu<DocumentView>(data, [
      'outgoing',
      'draft',
      '--type',
      'QD',
      '--subject',
      'Quyết định thành lập Ban chỉ đạo phòng, chống dịch',
      '--to',
      '000.00.00.H56',
      '--to',
      '000.01.31.H56',
    ]);
    const variadic = vanthu<DocumentView>(data, [
      'outgoing',
      'draft',
      pdfPath,
      '--type',
      'CV',
      '--subject',
      'Về việc báo cáo',
      '--to',
      '000.00.00.H56',
      '000.01.31.H56,000.02.31.H56',
    ]);
    expect(variadic.json.recipients.map((r) => r.agencyCode)).toEqual([
      '000.00.00.H56',
      '000.01.31.H56',
      '000.02.31.H56',
    ]);
    expect(variadic.json.attachments).toHaveLength(1);
    expect(draft.status).toBe(0);
    expect(draft.json).toMatchObject({ direction: 'outgoing', state: 'draft', number: null, notation: null });
    expect(draft.json.recipients.map((r) => r.agencyCode)).toEqual(['000.00.00.H56', '000.01.31.H56']);

    const issued = vanthu(data, ['outgoing', 'issue', draft.json.id, '--date', '2026-05-05']);
    expect(issued.status).toBe(0);
    expect(issued.json).toMatchObject({ id: draft.json.id, number: 1, notation: '01/QĐ-UBND', issuedOn: '2026-05-05' });

    const shown = vanthu<Outputs['documents.get']>(data, ['show', incomingId]);
    expect(shown.json).toMatchObject({ id: incomingId, direction: 'incoming', registerNumber: 1 });
    expect(shown.json.attachments[0]).toMatchObject({ filename: 'Kế hoạch 56.pdf', role: 'main' });

    // Global options may come before the command, and paths may be relative.
    const listed = vanthu(data, ['--json', 'list', '--incoming', '--year', '2026'], { json: false });
    expect(listed.status).toBe(0);
    const listedJson = JSON.parse(listed.stdout) as Outputs['documents.search'];
    expect(listedJson.results.map((d) => d.id)).toEqual([incomingId]);
    const outgoingList = vanthu<Outputs['documents.search']>(data, ['list', '--outgoing']);
    expect(outgoingList.json.results.map((d) => d.notation)).toEqual(['01/QĐ-UBND', null]);

    const found = vanthu<Outputs['documents.search']>(data, ['search', 'phong chong dich']);
    // The variadic draft carries the same PDF: found by its text, after the two whose trích yếu matches.
    expect(
      found.json.results
        .map((d) => d.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([incomingId, draft.json.id].sort());
    expect(found.json.results[2]?.id).toBe(variadic.json.id);
    const onlyIncoming = vanthu<Outputs['documents.search']>(data, [
      'search',
      'phong',
      'chong',
      'dich',
      '--incoming',
      '--urgency',
      'khan',
    ]);
    expect(onlyIncoming.json.results.map((d) => d.id)).toEqual([incomingId]);

    const out = path.join(files, 'xuat', 'ban-sao.pdf');
    fs.mkdirSync(path.dirname(out));
    const exported = vanthu(data, ['attachment', 'export', incomingId, '--out', out]);
    expect(exported.status).toBe(0);
    const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    expect(sha(out)).toBe(sha(pdfPath));

    const verified = vanthu(data, ['audit', 'verify']);
    expect(verified.status).toBe(0);
    expect(verified.json).toEqual({ ok: true, rows: 5, firstBrokenRow: null, reason: null });
  });

  it('prints readable Vietnamese without --json', () => {
    const data = tempDir();
    vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']);
    const result = vanthu(
      data,
      [
        'incoming',
        'add',
        '--from',
        'Đảng ủy xã',
        '--number',
        '12-CV/ĐU',
        '--issued',
        '2026-01-05',
        '--arrived',
        '2026-01-06',
        '--type',
        'CV',
        '--subject',
        'Về việc học tập nghị quyết',
      ],
      { json: false },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Số đến 1/2026');
    expect(result.stdout).toContain('Công văn: Về việc học tập nghị quyết');
  });

  it('fails with a clear message and a non-zero exit code', () => {
    const data = tempDir();
    const notInitialized = vanthu<Failure>(data, [
      'incoming',
      'add',
      '--from',
      'X',
      '--number',
      '1/X',
      '--issued',
      '2026-01-05',
      '--type',
      'CV',
      '--subject',
      'S',
    ]);
    expect(notInitialized.status).toBe(1);
    expect(notInitialized.json.error).toMatchObject({
      code: 'OFFICE_NOT_INITIALIZED',
      message: matching.stringContaining('Chưa khởi tạo'),
    });

    vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']);
    const fake = path.join(tempDir(), 'fake.pdf');
    fs.writeFileSync(fake, 'not a pdf');
    const notPdf = vanthu(
      data,
      [
        'incoming',
        'add',
        fake,
        '--from',
        'X',
        '--number',
        '1/X',
        '--issued',
        '2026-01-05',
        '--type',
        'CV',
        '--subject',
        'S',
      ],
      { json: false },
    );
    expect(notPdf.status).toBe(1);
    expect(notPdf.stderr).toContain('Tệp này không phải là tệp PDF');
    expect(notPdf.stderr).not.toMatch(/\n\s+at /);

    const badDate = vanthu<Failure>(data, [
      'incoming',
      'add',
      '--from',
      'X',
      '--number',
      '1/X',
      '--issued',
      '2026-13-05',
      '--type',
      'CV',
      '--subject',
      'S',
    ]);
    expect(badDate.status).toBe(1);
    expect(badDate.json.error).toMatchObject({ code: 'INPUT_INVALID', fields: { issuedOn: matching.any(String) } });

    const missingOption = vanthu(data, ['incoming', 'add', '--from', 'X'], { json: false });
    expect(missingOption.status).toBe(2);
    expect(missingOption.stderr).toContain('thiếu --number');

    const unknownOption = vanthu(data, ['list', '--colour'], { json: false });
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toContain('không có tùy chọn --colour');
    const unknownOptionJson = vanthu<Failure>(data, ['list', '--colour']);
    expect(unknownOptionJson.status).toBe(2);
    expect(unknownOptionJson.json.error).toMatchObject({
      code: 'INPUT_INVALID',
      message: matching.stringContaining('--colour'),
    });
    const unknownCommand = vanthu<Failure>(data, ['registre']);
    expect(unknownCommand.status).toBe(2);
    expect(unknownCommand.json.error.code).toBe('INPUT_INVALID');

    const unknownDoc = vanthu<Failure>(data, ['show', '01900000-0000-7000-8000-000000000000']);
    expect(unknownDoc.status).toBe(1);
    expect(unknownDoc.json.error.code).toBe('DOCUMENT_NOT_FOUND');

    const again = vanthu<Failure>(data, ['init', '--agency', '000.00.31.H56', '--name', 'Khác']);
    expect(again.json.error.code).toBe('OFFICE_ALREADY_INITIALIZED');

    const mainTwice = vanthu<Failure>(data, ['attachment', 'add', '01900000-0000-7000-8000-000000000000', fake]);
    expect(mainTwice.json.error.code).toBe('DOCUMENT_NOT_FOUND');
  });

  it('corrects a register entry with a reason, and refuses a future ngày đến, a bad code and a name "x"', () => {
    const data = tempDir();
    const badInit = vanthu<Failure>(data, ['init', '--agency', 'abc', '--name', 'x']);
    expect(badInit.status).toBe(1);
    expect(badInit.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { agencyCode: matching.stringContaining('20/2020'), name: matching.any(String) },
    });
    vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']);
    const letter = vanthu<DocumentView>(data, [
      'incoming',
      'add',
      '--from',
      'UBND huyen Quang Xuong',
      '--number',
      '45/UBND-NN',
      '--issued',
      '2026-01-05',
      '--arrived',
      '2026-01-06',
      '--type',
      'CV',
      '--subject',
      'Về việc rà soát hộ nghèo',
    ]).json;

    const noReason = vanthu<Failure>(data, ['edit', letter.id, '--issuer', 'UBND huyện Quảng Xương']);
    expect(noReason.status).toBe(1);
    expect(noReason.json.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { reason: matching.any(String) } });
    const future = vanthu(data, ['edit', letter.id, '--arrived', '2999-01-01', '--reason', 'Sửa ngày đến'], {
      json: false,
    });
    expect(future.status).toBe(1);
    expect(future.stderr).toMatch(/arrivedOn: Ngày đến 01\/01\/2999 sau hôm nay/);

    const corrected = vanthu<DocumentView>(data, [
      'edit',
      letter.id,
      '--issuer',
      'UBND huyện Quảng Xương',
      '--issuer-code',
      '000.00.20.H56',
      '--type',
      'KH',
      '--reason',
      'Gõ thiếu dấu, chọn nhầm loại',
    ]);
    expect(corrected.status).toBe(0);
    expect(corrected.json).toMatchObject({
      issuerName: 'UBND huyện Quảng Xương',
      issuerCode: '000.00.20.H56',
      type: 'KH',
      registerNumber: 1,
      registerYear: 2026,
    });
    const history = vanthu(data, ['history', letter.id], { json: false });
    expect(history.stdout).toContain('issuerName: "UBND huyen Quang Xuong" → "UBND huyện Quảng Xương"');
    expect(history.stdout).toContain('lý do: Gõ thiếu dấu, chọn nhầm loại');

    const recoded = vanthu<Failure>(data, ['office', 'set', '--agency', '000.00.31']);
    expect(recoded.json.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { agencyCode: matching.any(String) },
    });
    expect(vanthu(data, ['office', 'set', '--unit', 'VHXH']).json).toMatchObject({ defaultUnit: 'VHXH' });
  });

  it('groups documents into a work file (hồ sơ)', () => {
    const data = tempDir();
    vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']);
    const doc = vanthu<DocumentView>(data, [
      'incoming',
      'add',
      '--from',
      'UBND huyện',
      '--number',
      '7/UBND',
      '--issued',
      '2026-01-05',
      '--type',
      'CV',
      '--subject',
      'Về việc giải phóng mặt bằng',
    ]);
    const created = vanthu<WorkFileView>(data, [
      'workfile',
      'create',
      '--title',
      'Hồ sơ giải phóng mặt bằng đường liên xã',
      '--code',
      '05.GPMB',
      '--year',
      '2026',
    ]);
    expect(created.json).toMatchObject({
      title: 'Hồ sơ giải phóng mặt bằng đường liên xã',
      year: 2026,
      documentCount: 0,
    });
    const added = vanthu<WorkFileView>(data, ['workfile', 'add', created.json.id, doc.json.id]);
    expect(added.json.documentCount).toBe(1);
    const shown = vanthu<Outputs['workFiles.get']>(data, ['workfile', 'show', created.json.id]);
    expect(shown.json.documents.map((d) => d.id)).toEqual([doc.json.id]);
    expect(vanthu<Outputs['documents.get']>(data, ['show', doc.json.id]).json.workFiles).toEqual([
      { id: created.json.id, code: '05.GPMB', title: 'Hồ sơ giải phóng mặt bằng đường liên xã' },
    ]);
    vanthu(data, ['workfile', 'close', created.json.id, '--date', '2026-12-31']);
    const closed = vanthu<Failure>(data, ['workfile', 'remove', created.json.id, doc.json.id]);
    expect(closed.json.error.code).toBe('WORK_FILE_CLOSED');
    const listed = vanthu<Outputs['workFiles.list']>(data, ['workfile', 'list', '--year', '2026']);
    expect(listed.json.results).toHaveLength(1);
  });
});
