// Correcting the registers: every field the clerk typed can be put right, the
// số đến / số đi never moves, and the reason stands in the history beside the
// old and new values. Through the real API table on a real store.
import { describe, expect, it } from 'vitest';
import type { DocumentView, HandlerInput } from '../../shared/api.ts';
import { registerLines } from '../../core/db/reports.ts';
import { pendingChanges } from '../../core/db/sync.ts';
import { openTestOffice, type TestOffice } from '../helpers/office.ts';
import { matching } from '../helpers/matchers.ts';
import { rejection } from '../helpers/signing.ts';

let notations = 0;

/** A letter from the district, registered on the office's "today" unless told otherwise. */
function receive(office: TestOffice, fields: Partial<HandlerInput<'incoming.register'>> = {}): Promise<DocumentView> {
  return office.call('incoming.register', {
    issuerName: 'UBND huyện Quảng Xương',
    notation: `${++notations}/UBND-VP`,
    issuedOn: '2026-02-27',
    type: 'CV',
    subject: 'Về việc rà soát hộ nghèo năm 2026',
    ...fields,
  });
}

async function history(office: TestOffice, id: string) {
  return (await office.call('documents.history', { id })).entries;
}

async function found(office: TestOffice, query: string): Promise<string[]> {
  return (await office.call('documents.search', { query })).results.map((document) => document.id);
}

describe('correcting an incoming register entry', () => {
  it('corrects the issuer of số đến 12 and keeps the number, with the reason in the history', async () => {
    const office = await openTestOffice();
    for (let index = 1; index < 12; index++) await receive(office);
    const twelfth = await receive(office, { issuerName: 'UBND huyện Quảng Xuong', notation: '88/UBND-VP' });
    expect(twelfth.registerNumber).toBe(12);

    const corrected = await office.call('documents.update', {
      id: twelfth.id,
      issuerName: 'UBND huyện Quảng Xương',
      issuerCode: '000.00.20.H56',
      reason: 'Gõ thiếu dấu tên cơ quan ban hành',
    });
    expect(corrected).toMatchObject({
      issuerName: 'UBND huyện Quảng Xương',
      issuerCode: '000.00.20.H56',
      registerNumber: 12,
      registerYear: 2026,
      registerName: 'Sổ đăng ký văn bản đến',
    });
    expect((await history(office, twelfth.id)).at(-1)).toMatchObject({
      action: 'document.update',
      actor: 'van-thu',
      detail: {
        changes: {
          issuerName: ['UBND huyện Quảng Xuong', 'UBND huyện Quảng Xương'],
          issuerCode: [null, '000.00.20.H56'],
        },
        reason: 'Gõ thiếu dấu tên cơ quan ban hành',
      },
    });
    expect(await office.call('audit.verify', {})).toMatchObject({ ok: true });
    // The next letter still takes the next number: nothing moved.
    expect((await receive(office)).registerNumber).toBe(13);
  });

  it('refuses a correction of a register entry without a reason, and changes nothing', async () => {
    const office = await openTestOffice();
    const letter = await receive(office);
    const before = await history(office, letter.id);
    const refused = await rejection(
      office.call('documents.update', { id: letter.id, subject: 'Về việc rà soát hộ cận nghèo năm 2026' }),
    );
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { reason: matching.stringContaining('số đến 1/2026') },
    });
    expect(refused.message).toMatch(/chưa hợp lệ/);
    // A blank reason is no reason.
    expect(
      (await rejection(office.call('documents.update', { id: letter.id, notation: '5/UBND-VP', reason: '   ' })))
        .fields,
    ).toHaveProperty('reason');
    expect(await office.call('documents.get', { id: letter.id })).toMatchObject({
      subject: 'Về việc rà soát hộ nghèo năm 2026',
      notation: letter.notation,
      updatedAt: letter.updatedAt,
    });
    expect(await history(office, letter.id)).toEqual(before);
  });

  it('fills in ngày chuyển, ký nhận, hạn and ghi chú as the work goes, without a reason', async () => {
    const office = await openTestOffice({ now: '2026-03-05T09:00:00+07:00' });
    const letter = await receive(office, { arrivedOn: '2026-03-02' });
    const handed = await office.call('documents.update', {
      id: letter.id,
      handedOn: '2026-03-03',
      handedReceipt: 'Nguyễn Thị Lan',
      recipientUnit: 'Công chức Văn hóa - Xã hội',
      dueOn: '2026-03-20',
      notes: 'Chủ tịch giao xử lý',
    });
    expect(handed).toMatchObject({ handedOn: '2026-03-03', dueOn: '2026-03-20', registerNumber: 1 });
    expect((await history(office, letter.id)).at(-1)!.detail).not.toHaveProperty('reason');
  });

  it('writes nothing for an edit that would change nothing, even with a reason', async () => {
    const office = await openTestOffice();
    const letter = await receive(office);
    office.setNow('2026-03-02T15:00:00+07:00');
    const same = await office.call('documents.update', {
      id: letter.id,
      issuerName: ' UBND huyện Quảng Xương ',
      notation: `${letter.notation!.replace('/', ' / ')}`,
      type: 'cv',
      subject: letter.subject,
      reason: 'Kiểm tra lại',
    });
    expect(same.updatedAt).toBe(letter.updatedAt);
    expect((await history(office, letter.id)).map((entry) => entry.action)).toEqual(['incoming.register']);
  });

  it('keeps số đến 250 of 2025 when its ngày đến is corrected into 2026, and prints it in January', async () => {
    const office = await openTestOffice({ now: '2025-12-31T09:00:00+07:00' });
    for (let index = 1; index < 250; index++) await receive(office, { issuedOn: '2025-12-20' });
    office.setNow('2026-01-03T08:00:00+07:00');
    const first2026 = await receive(office, { issuedOn: '2025-12-29', arrivedOn: '2026-01-02' });
    // Typed 31/12/2025 on the first working morning of the year: it took the last number of 2025.
    const mistyped = await receive(office, { issuedOn: '2025-12-30', arrivedOn: '2025-12-31' });
    expect([first2026.registerNumber, mistyped.registerNumber, mistyped.registerYear]).toEqual([1, 250, 2025]);

    const corrected = await office.call('documents.update', {
      id: mistyped.id,
      arrivedOn: '2026-01-02',
      reason: 'Văn bản đến ngày 02/01/2026, gõ nhầm ngày',
    });
    // The number and its year stay: 2025's series has no hole, 2026's no second number 1.
    expect(corrected).toMatchObject({ arrivedOn: '2026-01-02', registerNumber: 250, registerYear: 2025 });
    expect((await receive(office, { issuedOn: '2026-01-02' })).registerNumber).toBe(2);
    expect((await receive(office, { issuedOn: '2025-12-30', arrivedOn: '2025-12-31' })).registerNumber).toBe(251);
    // The register filtered by year shows it under the year of its number…
    const in2025 = await office.call('documents.list', { view: 'incoming', year: 2025, limit: 3 });
    expect(in2025.rows.map((row) => row.registerNumber)).toEqual([251, 250, 249]);
    expect((await office.call('documents.list', { view: 'incoming', year: 2026 })).total).toBe(2);
    // …and the printed register of January 2026, where its date now falls, carries it with that year.
    const january = registerLines(office.core.db, 'incoming', '2026-01-01', '2026-01-31');
    expect(january.map((line) => [line.registerYear, line.registerNumber])).toEqual([
      [2025, 250],
      [2026, 1],
      [2026, 2],
    ]);
    const december = registerLines(office.core.db, 'incoming', '2025-12-01', '2025-12-31');
    expect(december.map((line) => line.registerNumber)).not.toContain(250);
  });

  it('corrects số/ký hiệu, ngày văn bản and loại, and search finds it by the new ones only', async () => {
    const office = await openTestOffice();
    const letter = await receive(office, { notation: '45/UBND-NN', issuedOn: '2026-02-25', type: 'CV' });
    const corrected = await office.call('documents.update', {
      id: letter.id,
      notation: '54 / KH - UBND',
      issuedOn: '2026-02-26',
      type: 'KH',
      issuerName: 'Trung tâm Y tế huyện Quảng Xương',
      reason: 'Đọc nhầm số và loại văn bản',
    });
    expect(corrected).toMatchObject({
      notation: '54/KH-UBND',
      issuedOn: '2026-02-26',
      type: 'KH',
      typeName: 'Kế hoạch',
      registerNumber: 1,
    });
    expect(await found(office, '54/KH-UBND')).toEqual([letter.id]);
    expect(await found(office, '45/UBND-NN')).toEqual([]);
    expect(await found(office, 'trung tam y te')).toEqual([letter.id]);
    expect(await found(office, 'ke hoach ra soat')).toEqual([letter.id]);
    expect((await office.call('documents.list', { view: 'incoming', type: 'KH' })).total).toBe(1);
    expect((await history(office, letter.id)).at(-1)!.detail).toMatchObject({
      changes: {
        notation: ['45/UBND-NN', '54/KH-UBND'],
        issuedOn: ['2026-02-25', '2026-02-26'],
        type: ['CV', 'KH'],
        issuerName: ['UBND huyện Quảng Xương', 'Trung tâm Y tế huyện Quảng Xương'],
      },
    });
  });

  it('keeps the duplicate check in step with a corrected issuer, số/ký hiệu and date', async () => {
    const office = await openTestOffice();
    const original = await receive(office, { notation: '245/UBND-NN', issuedOn: '2026-02-20' });
    const second = await receive(office, { notation: '254/UBND-NN', issuedOn: '2026-02-20' });
    // The second entry was the same letter with its number misread: corrected, it is flagged as a repeat.
    const repeat = await office.call('documents.update', {
      id: second.id,
      notation: '245/UBND-NN',
      reason: 'Đọc nhầm số văn bản',
    });
    expect(repeat.duplicateOf).toBe(original.id);
    // The first entry's own number corrected: a new registration of that number is caught under it.
    await office.call('documents.update', { id: original.id, notation: '246/UBND-NN', reason: 'Số đúng là 246' });
    await expect(receive(office, { notation: '246/ubnd-nn', issuedOn: '2026-02-20' })).rejects.toMatchObject({
      code: 'DOCUMENT_DUPLICATE',
      fields: { duplicateOf: original.id },
    });
    const prefillKey = office.core.db.prepare('SELECT dedupe_key AS key FROM documents WHERE id = ?').get(original.id);
    expect(prefillKey).toEqual({ key: 'ubndhuyenquangxuong|246/ubnd-nn|2026-02-20' });
  });

  it('moves a letter to Mật without moving its number', async () => {
    const office = await openTestOffice();
    const letter = await receive(office);
    const secret = await office.call('documents.update', {
      id: letter.id,
      secrecy: 'mat',
      reason: 'Văn bản có dấu MẬT',
    });
    expect(secret).toMatchObject({ secrecy: 'mat', registerNumber: 1, registerName: 'Sổ đăng ký văn bản đến' });
    // The secret series is untouched: its first number is still free.
    expect((await receive(office, { secrecy: 'mat' })).registerNumber).toBe(1);
  });
});

describe('the dates of a register entry', () => {
  it('refuses a ngày đến after today, before the ngày văn bản, and a hạn before the ngày đến', async () => {
    const office = await openTestOffice({ now: '2026-03-02T09:00:00+07:00' });
    const tomorrow = await rejection(receive(office, { arrivedOn: '2026-03-03' }));
    expect(tomorrow).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { arrivedOn: matching.stringContaining('03/03/2026 sau hôm nay') },
    });
    const early = await rejection(receive(office, { issuedOn: '2026-02-27', arrivedOn: '2026-02-26' }));
    expect(early.fields).toEqual({ arrivedOn: matching.stringContaining('trước ngày văn bản 27/02/2026') });
    const due = await rejection(receive(office, { arrivedOn: '2026-03-01', dueOn: '2026-02-28' }));
    expect(due.fields).toEqual({ dueOn: matching.stringContaining('trước ngày đến 01/03/2026') });
    // Both wrong at once: both named, so the form marks both.
    const both = await rejection(receive(office, { arrivedOn: '2026-03-04', dueOn: '2026-03-03' }));
    expect(Object.keys(both.fields!).sort()).toEqual(['arrivedOn', 'dueOn']);
    // A hạn on the day it arrived is fine.
    expect((await receive(office, { arrivedOn: '2026-03-01', dueOn: '2026-03-01' })).dueOn).toBe('2026-03-01');
    expect((await office.call('documents.search', {})).results).toHaveLength(1);
  });

  it('applies the same rules to a correction, naming the field that moved', async () => {
    const office = await openTestOffice({ now: '2026-03-10T09:00:00+07:00' });
    const letter = await receive(office, { issuedOn: '2026-03-02', arrivedOn: '2026-03-04', dueOn: '2026-03-08' });
    const reason = 'Sửa ngày';
    const cases: [Partial<HandlerInput<'documents.update'>>, string, string][] = [
      [{ arrivedOn: '2026-03-11' }, 'arrivedOn', 'sau hôm nay'],
      [{ arrivedOn: '2026-03-01' }, 'arrivedOn', 'trước ngày văn bản 02/03/2026'],
      [{ issuedOn: '2026-03-05' }, 'issuedOn', 'sau ngày đến 04/03/2026'],
      [{ dueOn: '2026-03-03' }, 'dueOn', 'trước ngày đến 04/03/2026'],
      // The ngày đến moved past its hạn: the field that moved is named.
      [{ arrivedOn: '2026-03-09' }, 'arrivedOn', 'sau hạn giải quyết 08/03/2026'],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await rejection(office.call('documents.update', { id: letter.id, ...fields, reason }));
      expect(refused.code, field).toBe('VALIDATION_FAILED');
      expect(refused.fields, field).toEqual({ [field]: matching.stringContaining(message) });
    }
    // The hạn moves with it in the same request.
    const moved = await office.call('documents.update', {
      id: letter.id,
      arrivedOn: '2026-03-09',
      dueOn: '2026-03-20',
      reason,
    });
    expect(moved).toMatchObject({ arrivedOn: '2026-03-09', dueOn: '2026-03-20' });
    // The hạn alone is not a register field: no reason needed.
    expect((await office.call('documents.update', { id: letter.id, dueOn: '2026-03-25' })).dueOn).toBe('2026-03-25');
  });

  it('asks to confirm a ngày văn bản after today, on registering and on correcting', async () => {
    const office = await openTestOffice({ now: '2026-03-02T09:00:00+07:00' });
    const asked = await rejection(receive(office, { issuedOn: '2026-03-05' }));
    expect(asked).toMatchObject({
      code: 'ISSUED_ON_FUTURE_UNCONFIRMED',
      fields: { issuedOn: matching.stringContaining('05/03/2026 muộn hơn hôm nay') },
    });
    // Another mistake in the same form comes first: confirming the date alone would not save it.
    expect((await rejection(receive(office, { issuedOn: '2026-03-05', dueOn: '2026-03-01' }))).code).toBe(
      'VALIDATION_FAILED',
    );
    const letter = await receive(office, { issuedOn: '2026-02-27' });
    const correction = { id: letter.id, issuedOn: '2026-03-06', reason: 'Văn bản ghi ngày 06/03/2026' };
    expect((await rejection(office.call('documents.update', correction))).code).toBe('ISSUED_ON_FUTURE_UNCONFIRMED');
    const confirmed = await office.call('documents.update', { ...correction, confirmFutureIssuedOn: true });
    expect(confirmed).toMatchObject({ issuedOn: '2026-03-06', arrivedOn: '2026-03-02', registerNumber: 1 });
  });
});

describe('correcting outgoing documents', () => {
  async function issued(
    office: TestOffice,
    type: string,
    recipients: HandlerInput<'outgoing.draft'>['recipients'] = [],
  ) {
    const draft = await office.call('outgoing.draft', {
      type,
      subject: 'Về việc tổ chức Ngày hội Đại đoàn kết',
      recipients,
    });
    return office.call('outgoing.issue', { id: draft.id });
  }

  it('changes the type of số đi 01 without renumbering it, and its ký hiệu only with its number', async () => {
    const office = await openTestOffice();
    const decision = await issued(office, 'QD');
    expect(decision.notation).toBe('01/QĐ-UBND');
    const retyped = await office.call('documents.update', {
      id: decision.id,
      type: 'TB',
      reason: 'Văn bản là thông báo, chọn nhầm loại',
    });
    expect(retyped).toMatchObject({ type: 'TB', number: 1, registerNumber: 1, notation: '01/QĐ-UBND' });
    const renamed = await office.call('documents.update', {
      id: decision.id,
      notation: '01/TB-UBND',
      reason: 'Ký hiệu theo loại thông báo',
    });
    expect(renamed).toMatchObject({ notation: '01/TB-UBND', number: 1 });
    const renumbered = await rejection(
      office.call('documents.update', { id: decision.id, notation: '02/TB-UBND', reason: 'Thử đổi số' }),
    );
    expect(renumbered).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { notation: matching.stringContaining('01') },
    });
    expect((await issued(office, 'TB')).notation).toBe('02/TB-UBND');
  });

  it('replaces the nơi nhận of a draft freely and of an issued document with a reason', async () => {
    const office = await openTestOffice();
    const draft = await office.call('outgoing.draft', {
      type: 'CV',
      subject: 'Về việc báo cáo kết quả tiêm chủng',
      recipients: [{ agencyCode: '000.00.20.H56' }, { name: 'Lưu: VT' }],
    });
    const redrafted = await office.call('documents.update', {
      id: draft.id,
      recipients: [{ name: 'Trạm Y tế xã' }, { name: 'Lưu: VT' }],
      subject: 'Về việc báo cáo kết quả tiêm chủng mở rộng',
      type: 'BC',
    });
    expect(redrafted.recipients).toEqual([
      { agencyCode: null, name: 'Trạm Y tế xã' },
      { agencyCode: null, name: 'Lưu: VT' },
    ]);
    const sent = await office.call('outgoing.issue', { id: draft.id });
    expect(sent.notation).toBe('01/BC-UBND');
    expect(
      (await rejection(office.call('documents.update', { id: sent.id, recipients: [{ name: 'Lưu: VT' }] }))).fields,
    ).toHaveProperty('reason');
    const trimmed = await office.call('documents.update', {
      id: sent.id,
      recipients: [{ name: 'Lưu: VT' }],
      reason: 'Không gửi Trạm Y tế',
    });
    expect(trimmed.recipients).toEqual([{ agencyCode: null, name: 'Lưu: VT' }]);
    expect((await history(office, sent.id)).at(-1)!.detail).toMatchObject({
      changes: {
        recipients: [
          [
            { agencyCode: null, name: 'Trạm Y tế xã' },
            { agencyCode: null, name: 'Lưu: VT' },
          ],
          [{ agencyCode: null, name: 'Lưu: VT' }],
        ],
      },
      reason: 'Không gửi Trạm Y tế',
    });
  });

  it('refuses fields a kind of document does not have, naming each', async () => {
    const office = await openTestOffice();
    const letter = await receive(office);
    const draft = await office.call('outgoing.draft', { type: 'TB', subject: 'Thông báo lịch trực' });
    const sent = await issued(office, 'TB');
    const reason = 'Thử';
    const refusal = async (input: HandlerInput<'documents.update'>) =>
      Object.keys((await rejection(office.call('documents.update', input))).fields ?? {}).sort();
    expect(await refusal({ id: letter.id, recipients: [{ name: 'Các thôn' }], reason })).toEqual(['recipients']);
    expect(await refusal({ id: draft.id, arrivedOn: '2026-03-01', notation: '05/TB-UBND' })).toEqual([
      'arrivedOn',
      'notation',
    ]);
    expect(await refusal({ id: draft.id, issuedOn: '2026-03-01' })).toEqual(['issuedOn']);
    expect(await refusal({ id: sent.id, issuerName: 'UBND xã khác', arrivedOn: '2026-03-01', reason })).toEqual([
      'arrivedOn',
      'issuerName',
    ]);
  });

  it('sends a corrected trích yếu to the office’s other devices and keeps the other corrections local', async () => {
    const office = await openTestOffice();
    const sent = await issued(office, 'QD', [{ agencyCode: '000.00.20.H56' }]);
    await office.call('documents.update', {
      id: sent.id,
      subject: 'Về việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc',
      type: 'TB',
      notation: '01/TB-UBND',
      secrecy: 'mat',
      notes: 'Đã gửi bản giấy',
      reason: 'Sửa trích yếu và loại',
    });
    const updates = pendingChanges(office.core.db).filter((change) => change.op === 'document.update');
    expect(updates.map((change) => JSON.parse(change.payload!) as unknown)).toEqual([
      { fields: { subject: 'Về việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc', notes: 'Đã gửi bản giấy' } },
    ]);
  });
});
