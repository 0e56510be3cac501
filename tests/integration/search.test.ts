import { beforeEach, describe, expect, it } from 'vitest';
import { openTestOffice, type TestOffice } from '../helpers/office.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';

let office: TestOffice;
const ids: Record<string, string> = {};

async function register(key: string, input: Parameters<TestOffice['call']>[1] & object) {
  const doc = await office.call('incoming.register', input as never);
  ids[key] = (doc as { id: string }).id;
}

beforeEach(async () => {
  office = await openTestOffice({ now: '2026-06-15T09:00:00+07:00' });
  await register('epidemic', {
    issuerName: 'Trung tâm Y tế huyện Quảng Xương',
    notation: '56/KH-TTYT',
    issuedOn: '2026-05-02',
    arrivedOn: '2026-05-04',
    type: 'KH',
    subject: 'Kế hoạch phòng, chống dịch sốt xuất huyết năm 2026',
    urgency: 'khan',
    dueOn: '2026-05-20',
  });
  await register('land', {
    issuerName: 'Phòng Tài nguyên và Môi trường',
    notation: '15/UBND-VP',
    issuedOn: '2026-06-01',
    arrivedOn: '2026-06-02',
    type: 'CV',
    subject: 'Về việc rà soát hồ sơ đất đai tồn đọng',
    dueOn: '2026-07-01',
  });
  await register('party', {
    issuerName: 'Đảng ủy xã Quảng Phú',
    notation: '120-CV/ĐU',
    issuedOn: '2025-12-20',
    arrivedOn: '2025-12-22',
    type: 'CV',
    subject: 'Về việc tổ chức hội nghị tổng kết công tác năm 2025',
  });
  const pdf = await vietnamesePdf(['Danh sách hộ ông Lê Đình Dũng, thôn Đông Hải, được hỗ trợ sửa nhà']);
  await register('pdfOnly', {
    issuerName: 'UBND huyện Quảng Xương',
    notation: '802/QĐ-UBND',
    issuedOn: '2026-06-10',
    arrivedOn: '2026-06-11',
    type: 'QD',
    subject: 'Quyết định phê duyệt danh sách hỗ trợ nhà ở',
    file: { base64: pdf.toString('base64'), filename: 'qd802.pdf' },
  });
});

async function find(query: string, filters: Record<string, unknown> = {}) {
  const { results } = await office.call('documents.search', { query, ...filters });
  return results.map((doc) => Object.entries(ids).find(([, id]) => id === doc.id)?.[0]);
}

describe('search without diacritics', () => {
  it('finds "Kế hoạch phòng, chống dịch…" from "phong chong dich"', async () => {
    expect(await find('phong chong dich')).toEqual(['epidemic']);
  });

  it('finds "đất đai" from "dat dai" and "Đảng ủy" from "DANG UY"', async () => {
    expect(await find('dat dai')).toEqual(['land']);
    expect(await find('DANG UY')).toEqual(['party']);
  });

  it('finds words inside the PDF text', async () => {
    expect(await find('le dinh dung dong hai')).toEqual(['pdfOnly']);
  });

  it('reads "V/v" in a query as "về việc"', async () => {
    expect(await find('V/v rà soát đất đai')).toEqual(['land']);
  });

  it('looks a document up by its số/ký hiệu', async () => {
    expect(await find('15/UBND-VP')).toEqual(['land']);
    expect(await find('802/QĐ-UBND')).toEqual(['pdfOnly']);
    expect(await find('802/QD')).toEqual(['pdfOnly']);
    expect(await find('15/UBND-VP dat dai')).toEqual(['land']);
    expect(await find('15/UBND-VP hoi nghi')).toEqual([]);
  });

  it('ranks a match in the subject above a match in the PDF text', async () => {
    await register('subjectHit', {
      issuerName: 'UBND huyện Quảng Xương',
      notation: '900/TB-UBND',
      issuedOn: '2026-06-12',
      arrivedOn: '2026-06-12',
      type: 'TB',
      subject: 'Thông báo về thôn Đông Hải',
    });
    expect(await find('dong hai')).toEqual(['subjectHit', 'pdfOnly']);
  });

  it('returns results as the clerk types, from a prefix of the last word', async () => {
    expect(await find('sot xuat huy', { prefix: true })).toEqual(['epidemic']);
    expect(await find('sot xuat huy')).toEqual([]);
  });
});

describe('search filters', () => {
  it('filters by direction, year, type, urgency and date range', async () => {
    const draft = await office.call('outgoing.draft', { type: 'CV', subject: 'Về việc báo cáo đất đai' });
    ids.draft = draft.id;
    expect(await find('dat dai', { direction: 'incoming' })).toEqual(['land']);
    expect(await find('dat dai', { direction: 'outgoing' })).toEqual(['draft']);
    expect((await find('', { year: 2025 })).sort()).toEqual(['party']);
    expect((await find('', { type: 'KH' })).sort()).toEqual(['epidemic']);
    expect((await find('', { urgency: 'khan' })).sort()).toEqual(['epidemic']);
    expect((await find('', { from: '2026-06-01', to: '2026-06-02', direction: 'incoming' })).sort()).toEqual(['land']);
    expect((await find('', { year: 2026, from: '2025-01-01', to: '2026-05-31' })).sort()).toEqual(['epidemic']);
  });

  it('lists overdue documents and stops once one is completed', async () => {
    expect(await find('', { overdue: true })).toEqual(['epidemic']);
    await office.call('documents.update', { id: ids.epidemic!, completedOn: '2026-06-14' });
    expect(await find('', { overdue: true })).toEqual([]);
  });

  it('sorts by date when asked: newest entry in the register first', async () => {
    expect(await find('', { sort: 'date' })).toEqual(['pdfOnly', 'party', 'land', 'epidemic']);
    expect(await find('viec', { sort: 'date' })).toEqual(['party', 'land']);
  });

  it('puts a draft at the top of the register when it is issued', async () => {
    const draft = await office.call('outgoing.draft', { type: 'TB', subject: 'Thông báo lịch trực phòng chống dịch' });
    ids.draft = draft.id;
    await register('later', {
      issuerName: 'UBND huyện Quảng Xương',
      notation: '950/UBND-VP',
      issuedOn: '2026-06-14',
      arrivedOn: '2026-06-15',
      type: 'CV',
      subject: 'Về việc phòng chống dịch mùa hè',
    });
    expect(await find('phong chong dich', { sort: 'date' })).toEqual(['later', 'draft', 'epidemic']);
    await office.call('outgoing.issue', { id: draft.id });
    expect(await find('phong chong dich', { sort: 'date' })).toEqual(['draft', 'later', 'epidemic']);
    expect(await find('lich truc')).toEqual(['draft']);
  });

  it('ranks documents with the syllables side by side above scattered ones', async () => {
    await register('scattered', {
      issuerName: 'UBND huyện Quảng Xương',
      notation: '951/UBND-VP',
      issuedOn: '2026-06-14',
      arrivedOn: '2026-06-15',
      type: 'CV',
      subject: 'Về việc đất ở và đai rừng phòng hộ',
    });
    expect(await find('dat dai')).toEqual(['land', 'scattered']);
  });

  it('pages through results', async () => {
    const first = await office.call('documents.search', { query: '', limit: 3 });
    const rest = await office.call('documents.search', { query: '', limit: 3, offset: 3 });
    expect([first.results.length, first.hasMore, rest.results.length, rest.hasMore]).toEqual([3, true, 1, false]);
  });

  it('keeps the index in step when a subject is corrected', async () => {
    await office.call('documents.update', {
      id: ids.land!,
      subject: 'Về việc kiểm kê rừng phòng hộ',
      reason: 'Gõ nhầm trích yếu khi vào sổ',
    });
    expect(await find('dat dai')).toEqual([]);
    expect(await find('rung phong ho')).toEqual(['land']);
  });
});
