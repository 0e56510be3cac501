import { describe, expect, it } from 'vitest';
import { openTestOffice } from '../helpers/office.ts';
import { matching } from '../helpers/matchers.ts';

const letter = {
  issuerName: 'UBND huyện Quảng Xương',
  type: 'CV',
  subject: 'Về việc rà soát hộ nghèo năm 2026',
} as const;

describe('incoming register (sổ văn bản đến)', () => {
  it('numbers arrivals 1, 2, 3 in 2026 and restarts at 1 on 1 January 2027', async () => {
    const office = await openTestOffice();
    const numbers: [number | null, number | null][] = [];
    for (const [index, arrivedOn] of ['2026-03-02', '2026-06-15', '2026-12-31', '2027-01-01'].entries()) {
      // Each letter is registered on the day it arrives: a ngày đến after today is refused.
      office.setNow(`${arrivedOn}T09:00:00+07:00`);
      const doc = await office.call('incoming.register', {
        ...letter,
        notation: `${100 + index}/UBND-LĐTBXH`,
        issuedOn: arrivedOn,
        arrivedOn,
      });
      numbers.push([doc.registerNumber, doc.registerYear]);
    }
    expect(numbers).toEqual([
      [1, 2026],
      [2, 2026],
      [3, 2026],
      [1, 2027],
    ]);
  });

  it('keeps the columns of the Decree 30 register', async () => {
    const office = await openTestOffice();
    const doc = await office.call('incoming.register', {
      ...letter,
      notation: '45 / QĐ - UBND',
      issuedOn: '2026-02-27',
      arrivedOn: '2026-03-02',
      urgency: 'thuong-khan',
      dueOn: '2026-03-10',
      recipientUnit: 'Công chức Lao động - Thương binh và Xã hội',
      notes: 'Bản giấy kèm theo',
      issuerCode: '000.00.31.H56',
    });
    expect(doc).toMatchObject({
      direction: 'incoming',
      state: 'registered',
      arrivedOn: '2026-03-02',
      registerNumber: 1,
      issuerName: 'UBND huyện Quảng Xương',
      notation: '45/QĐ-UBND',
      issuedOn: '2026-02-27',
      typeName: 'Công văn',
      subject: 'Về việc rà soát hộ nghèo năm 2026',
      recipientUnit: 'Công chức Lao động - Thương binh và Xã hội',
      urgency: 'thuong-khan',
      secrecy: 'thuong',
      dueOn: '2026-03-10',
      notes: 'Bản giấy kèm theo',
      registerName: 'Sổ đăng ký văn bản đến',
    });
    const handed = await office.call('documents.update', {
      id: doc.id,
      handedOn: '2026-03-03',
      handedReceipt: 'Nguyễn Thị Lan',
    });
    expect(handed).toMatchObject({ handedOn: '2026-03-03', handedReceipt: 'Nguyễn Thị Lan' });
  });

  it('numbers secret documents in their own series', async () => {
    const office = await openTestOffice();
    const first = await office.call('incoming.register', { ...letter, notation: '1/UBND', issuedOn: '2026-03-01' });
    const secret = await office.call('incoming.register', {
      ...letter,
      notation: '2/UBND',
      issuedOn: '2026-03-01',
      secrecy: 'mat',
    });
    const second = await office.call('incoming.register', { ...letter, notation: '3/UBND', issuedOn: '2026-03-01' });
    expect([first.registerNumber, secret.registerNumber, second.registerNumber]).toEqual([1, 1, 2]);
    expect(secret.registerName).toBe('Sổ đăng ký văn bản mật đến');
  });

  it('flags a second arrival of the same document instead of storing it twice', async () => {
    const office = await openTestOffice();
    const first = await office.call('incoming.register', {
      ...letter,
      notation: '245/UBND-NN',
      issuedOn: '2026-02-20',
    });
    // Same issuer, notation and date, typed a little differently.
    const again = office.call('incoming.register', {
      ...letter,
      issuerName: 'ubnd huyện  Quảng Xương',
      notation: '245/ubnd-nn',
      issuedOn: '2026-02-20',
    });
    await expect(again).rejects.toMatchObject({ code: 'DOCUMENT_DUPLICATE', fields: { duplicateOf: first.id } });
    const list = await office.call('documents.search', { direction: 'incoming' });
    expect(list.results).toHaveLength(1);

    const confirmed = await office.call('incoming.register', {
      ...letter,
      notation: '245/UBND-NN',
      issuedOn: '2026-02-20',
      allowDuplicate: true,
    });
    expect(confirmed).toMatchObject({ registerNumber: 2, duplicateOf: first.id });
  });

  it('treats the same number from another issuer or date as a different document', async () => {
    const office = await openTestOffice();
    await office.call('incoming.register', { ...letter, notation: '245/UBND-NN', issuedOn: '2026-02-20' });
    const otherIssuer = await office.call('incoming.register', {
      ...letter,
      issuerName: 'UBND huyện Hoằng Hóa',
      notation: '245/UBND-NN',
      issuedOn: '2026-02-20',
    });
    const otherDate = await office.call('incoming.register', {
      ...letter,
      notation: '245/UBND-NN',
      issuedOn: '2026-02-21',
    });
    expect([otherIssuer.duplicateOf, otherDate.duplicateOf]).toEqual([null, null]);
  });

  it('refuses an arrival date before the issue date and an unknown type', async () => {
    const office = await openTestOffice();
    await expect(
      office.call('incoming.register', {
        ...letter,
        notation: '1/UBND',
        issuedOn: '2026-02-25',
        arrivedOn: '2026-02-20',
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { arrivedOn: matching.stringContaining('trước ngày văn bản 25/02/2026') },
    });
    await expect(
      office.call('incoming.register', { ...letter, type: 'XYZ', notation: '1/UBND', issuedOn: '2026-03-01' }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_TYPE_UNKNOWN' });
    await expect(
      office.call('incoming.register', { ...letter, notation: '1/UBND', issuedOn: '2026-02-30' }),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID', fields: { issuedOn: matching.any(String) } });
  });

  it('asks before registering a letter dated after today, and registers it as arriving today once confirmed', async () => {
    const office = await openTestOffice({ now: '2026-03-02T09:00:00+07:00' });
    await expect(
      office.call('incoming.register', { ...letter, notation: '9/UBND', issuedOn: '2026-03-04' }),
    ).rejects.toMatchObject({
      code: 'ISSUED_ON_FUTURE_UNCONFIRMED',
      fields: { issuedOn: matching.stringContaining('04/03/2026') },
    });
    expect((await office.call('documents.search', {})).results).toEqual([]);
    const doc = await office.call('incoming.register', {
      ...letter,
      notation: '9/UBND',
      issuedOn: '2026-03-04',
      confirmFutureIssuedOn: true,
    });
    expect(doc).toMatchObject({
      issuedOn: '2026-03-04',
      arrivedOn: '2026-03-02',
      registerYear: 2026,
      registerNumber: 1,
    });
  });

  it('asks for the office to be initialized first', async () => {
    const office = await openTestOffice({ init: false });
    await expect(
      office.call('incoming.register', { ...letter, notation: '1/UBND', issuedOn: '2026-03-01' }),
    ).rejects.toMatchObject({ code: 'OFFICE_NOT_INITIALIZED' });
  });
});

describe('outgoing register (sổ văn bản đi)', () => {
  it('issues mixed types with Decree 30 notations', async () => {
    const office = await openTestOffice();
    const draft = async (type: string, extra: { draftingUnit?: string } = {}) =>
      (await office.call('outgoing.draft', { type, subject: `Văn bản loại ${type}`, ...extra })).id;
    const decision = await office.call('outgoing.issue', { id: await draft('QD') });
    const letterOut = await office.call('outgoing.issue', { id: await draft('CV') });
    const submission = await office.call('outgoing.issue', { id: await draft('TTr') });
    const landLetter = await office.call('outgoing.issue', { id: await draft('CV', { draftingUnit: 'ĐC' }) });
    expect([decision, letterOut, submission, landLetter].map((d) => [d.number, d.notation])).toEqual([
      [1, '01/QĐ-UBND'],
      [2, '02/UBND-VP'],
      [3, '03/TTr-UBND'],
      [4, '04/UBND-ĐC'],
    ]);
    expect(decision).toMatchObject({ state: 'issued', registerNumber: 1, registerYear: 2026, issuedOn: '2026-03-02' });
  });

  it('writes numbers from 10 without a leading zero and restarts each year', async () => {
    const office = await openTestOffice();
    let last;
    for (let i = 0; i < 12; i++) {
      const { id } = await office.call('outgoing.draft', { type: 'KH', subject: `Kế hoạch số ${i}` });
      last = await office.call('outgoing.issue', { id, issuedOn: '2026-12-30' });
    }
    expect(last?.notation).toBe('12/KH-UBND');
    const { id } = await office.call('outgoing.draft', { type: 'KH', subject: 'Kế hoạch đầu năm' });
    const january = await office.call('outgoing.issue', { id, issuedOn: '2027-01-02' });
    expect(january.notation).toBe('01/KH-UBND');
  });

  it('numbers secret outgoing documents in their own series', async () => {
    const office = await openTestOffice();
    const open = await office.call('outgoing.draft', { type: 'BC', subject: 'Báo cáo' });
    const secret = await office.call('outgoing.draft', { type: 'BC', subject: 'Báo cáo mật', secrecy: 'mat' });
    await office.call('outgoing.issue', { id: open.id });
    const issued = await office.call('outgoing.issue', { id: secret.id });
    expect(issued).toMatchObject({ number: 1, notation: '01/BC-UBND', registerName: 'Sổ đăng ký văn bản mật đi' });
  });

  it('keeps the draft numberless and refuses to number a document twice', async () => {
    const office = await openTestOffice();
    const draft = await office.call('outgoing.draft', {
      type: 'CV',
      subject: 'Về việc đề nghị hỗ trợ kinh phí',
      recipients: [{ agencyCode: '000.00.00.H56' }, { name: 'Lưu: VT' }],
      signerName: 'Lê Văn Hùng',
      signerTitle: 'Chủ tịch',
    });
    expect(draft).toMatchObject({ state: 'draft', number: null, notation: null, registerNumber: null });
    expect(draft.recipients).toEqual([
      { agencyCode: '000.00.00.H56', name: null },
      { agencyCode: null, name: 'Lưu: VT' },
    ]);
    await office.call('outgoing.issue', { id: draft.id });
    await expect(office.call('outgoing.issue', { id: draft.id })).rejects.toMatchObject({ code: 'DOCUMENT_NOT_DRAFT' });
    const incoming = await office.call('incoming.register', { ...letter, notation: '1/UBND', issuedOn: '2026-03-01' });
    await expect(office.call('outgoing.issue', { id: incoming.id })).rejects.toMatchObject({
      code: 'DOCUMENT_WRONG_DIRECTION',
    });
    await expect(office.call('outgoing.issue', { id: 'no-such-id' })).rejects.toMatchObject({
      code: 'DOCUMENT_NOT_FOUND',
    });
  });
});
