// The register tables of the desktop UI: a window of the incoming register, the
// outgoing register or the drafts, in register order, with the total for the
// scrollbar, through the real API table on a real store.
import { describe, expect, it } from 'vitest';
import type { HandlerInput, RegisterRowView } from '../../shared/api.ts';
import { upsertAgency } from '../../core/db/sync.ts';
import { registerPageSql, type RegisterListFilters } from '../../core/db/register-list.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { openTestOffice, type TestOffice } from '../helpers/office.ts';
import { rejection } from '../helpers/signing.ts';

async function registerIncoming(
  office: TestOffice,
  index: number,
  fields: {
    arrivedOn: string;
    secrecy?: 'thuong' | 'mat';
    type?: string;
    urgency?: 'thuong' | 'khan' | 'hoa-toc';
    dueOn?: string;
  },
) {
  return office.call('incoming.register', {
    issuerName: 'UBND huyện Quảng Xương',
    notation: `${index}/UBND-VP`,
    issuedOn: fields.arrivedOn,
    arrivedOn: fields.arrivedOn,
    type: fields.type ?? 'CV',
    subject: `Về việc kiểm tra hồ sơ đất đai số ${index}`,
    secrecy: fields.secrecy ?? 'thuong',
    urgency: fields.urgency ?? 'thuong',
    ...(fields.dueOn ? { dueOn: fields.dueOn } : {}),
  });
}

/** Every row of a view, fetched page by page as the virtualized table would. */
async function allRows(
  office: TestOffice,
  input: { view: 'incoming' | 'outgoing' | 'drafts'; year?: number },
  limit: number,
): Promise<{ rows: RegisterRowView[]; totals: number[] }> {
  const rows: RegisterRowView[] = [];
  const totals: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await office.call('documents.list', { ...input, offset, limit });
    expect(page.offset).toBe(offset);
    totals.push(page.total);
    rows.push(...page.rows);
    if (page.rows.length < limit) return { rows, totals };
  }
}

function inRegisterOrder(rows: RegisterRowView[]): boolean {
  return rows.every((row, index) => {
    const previous = rows[index - 1];
    if (!previous) return true;
    return (
      previous.registerYear! > row.registerYear! ||
      (previous.registerYear === row.registerYear && previous.registerNumber! >= row.registerNumber!)
    );
  });
}

describe('the incoming register table', () => {
  it('pages three hundred documents of two years newest first, by year then số đến, with a stable total', async () => {
    const office = await openTestOffice({ now: '2026-03-20T09:00:00+07:00' });
    const ids: string[] = [];
    for (let index = 1; index <= 150; index++)
      ids.push(
        (
          await registerIncoming(office, index, {
            arrivedOn: `2025-${index <= 75 ? '11' : '12'}-${String((index % 28) + 1).padStart(2, '0')}`,
          })
        ).id,
      );
    for (let index = 151; index <= 300; index++)
      ids.push(
        (
          await registerIncoming(office, index, {
            arrivedOn: `2026-0${index <= 225 ? 1 : 2}-${String((index % 28) + 1).padStart(2, '0')}`,
          })
        ).id,
      );
    // Secret documents have their own series: their số đến 1, 2, 3 sit among the ordinary ones.
    for (let index = 301; index <= 303; index++)
      ids.push((await registerIncoming(office, index, { arrivedOn: '2026-03-01', secrecy: 'mat' })).id);

    const first = await office.call('documents.list', { view: 'incoming', limit: 20 });
    expect(first.total).toBe(303);
    expect(first.rows).toHaveLength(20);
    expect(first.rows[0]).toMatchObject({
      registerYear: 2026,
      registerNumber: 150,
      notation: '300/UBND-VP',
      direction: 'incoming',
      state: 'registered',
    });

    const { rows, totals } = await allRows(office, { view: 'incoming' }, 37);
    expect(new Set(totals)).toEqual(new Set([303]));
    expect(rows).toHaveLength(303);
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(ids));
    expect(inRegisterOrder(rows)).toBe(true);
    expect(rows.at(-1)).toMatchObject({ registerYear: 2025, registerNumber: 1, notation: '1/UBND-VP' });

    const beyond = await office.call('documents.list', { view: 'incoming', offset: 5000 });
    expect(beyond).toEqual({ total: 303, offset: 5000, rows: [] });
  });

  it('narrows by year, type, urgency, register dates and overdue, and counts only what matches', async () => {
    const office = await openTestOffice({ now: '2026-03-20T09:00:00+07:00' });
    await registerIncoming(office, 1, { arrivedOn: '2025-12-30', type: 'QD' });
    await registerIncoming(office, 2, { arrivedOn: '2026-01-05', type: 'QD', urgency: 'khan' });
    await registerIncoming(office, 3, { arrivedOn: '2026-02-10', type: 'KH', urgency: 'hoa-toc', dueOn: '2026-03-01' });
    const done = await registerIncoming(office, 4, { arrivedOn: '2026-02-11', type: 'CV', dueOn: '2026-03-02' });
    await office.call('documents.update', { id: done.id, completedOn: '2026-03-01' });
    await registerIncoming(office, 5, { arrivedOn: '2026-03-15', type: 'CV', dueOn: '2026-04-30' });

    const notations = async (filters: Record<string, unknown>) => {
      const page = await office.call('documents.list', { view: 'incoming', ...filters });
      expect(page.rows).toHaveLength(page.total);
      return page.rows.map((row) => row.notation);
    };
    expect(await notations({ year: 2025 })).toEqual(['1/UBND-VP']);
    expect(await notations({ year: 2026 })).toEqual(['5/UBND-VP', '4/UBND-VP', '3/UBND-VP', '2/UBND-VP']);
    // The type as written in a notation (QĐ) or as its key (qd) names the same type.
    expect(await notations({ type: 'QĐ' })).toEqual(['2/UBND-VP', '1/UBND-VP']);
    expect(await notations({ type: 'qd', year: 2026 })).toEqual(['2/UBND-VP']);
    expect(await notations({ urgency: 'hoa-toc' })).toEqual(['3/UBND-VP']);
    expect(await notations({ from: '2026-01-05', to: '2026-02-10' })).toEqual(['3/UBND-VP', '2/UBND-VP']);
    // Past its deadline and still open: no. 3 only (no. 4 was completed, no. 5 is not due yet).
    expect(await notations({ overdue: true })).toEqual(['3/UBND-VP']);
    const overdue = await office.call('documents.list', { view: 'incoming', overdue: true });
    expect(overdue.rows[0]).toMatchObject({
      overdue: true,
      dueOn: '2026-03-01',
      typeName: 'Kế hoạch',
      urgency: 'hoa-toc',
    });
    expect(await notations({ from: '2026-03-01', to: '2026-02-01' })).toEqual([]);
  });

  it('refuses an unknown type, a view that does not exist and a window past its bounds', async () => {
    const office = await openTestOffice();
    expect((await rejection(office.call('documents.list', { view: 'incoming', type: 'XYZ' }))).code).toBe(
      'DOCUMENT_TYPE_UNKNOWN',
    );
    expect((await rejection(office.call('documents.list', { view: 'archive' as 'incoming' }))).code).toBe(
      'INPUT_INVALID',
    );
    expect((await rejection(office.call('documents.list', { view: 'incoming', limit: 501 }))).code).toBe(
      'INPUT_INVALID',
    );
    expect((await rejection(office.call('documents.list', { view: 'incoming', offset: -1 }))).code).toBe(
      'INPUT_INVALID',
    );
    expect((await rejection(office.call('documents.list', { view: 'incoming', from: '2026-02-30' }))).code).toBe(
      'INPUT_INVALID',
    );
  });
});

describe('the outgoing register and the drafts', () => {
  it('shows issued documents newest first with their recipients joined, and drafts apart, newest made first', async () => {
    const office = await openTestOffice();
    upsertAgency(
      office.core.db,
      { code: '000.00.20.H56', name: 'UBND huyện Quảng Xương', parentCode: null },
      '2026-03-01T00:00:00Z',
    );
    const draft = (subject: string, recipients: ({ agencyCode: string } | { name: string })[]) =>
      office.call('outgoing.draft', {
        type: 'TB',
        subject,
        recipients,
        signerName: 'Nguyễn Văn An',
        archiveUnit: 'Văn phòng HĐND-UBND',
        copies: 5,
      });
    const first = await draft('Thông báo lịch tiếp công dân tháng 3', [
      { agencyCode: '000.00.20.H56' },
      { name: 'Công an xã' },
      { agencyCode: '000.99.99.H56' },
    ]);
    const second = await draft('Thông báo nghỉ lễ', [{ name: 'Các thôn' }]);
    const third = await draft('Thông báo lịch trực', []);
    await office.call('outgoing.issue', { id: first.id });
    await office.call('outgoing.issue', { id: third.id });

    const outgoing = await office.call('documents.list', { view: 'outgoing' });
    expect(outgoing.total).toBe(2);
    expect(outgoing.rows.map((row) => [row.notation, row.state])).toEqual([
      ['02/TB-UBND', 'issued'],
      ['01/TB-UBND', 'issued'],
    ]);
    // A recipient by code shows the directory's name; a code the directory lacks shows itself.
    expect(outgoing.rows[1]).toMatchObject({
      recipients: 'UBND huyện Quảng Xương; Công an xã; 000.99.99.H56',
      signerName: 'Nguyễn Văn An',
      typeName: 'Thông báo',
      archiveUnit: 'Văn phòng HĐND-UBND',
      copies: 5,
    });
    expect(outgoing.rows[0]!.recipients).toBeNull();

    const drafts = await office.call('documents.list', { view: 'drafts' });
    expect(drafts.rows.map((row) => [row.id, row.state, row.registerNumber])).toEqual([[second.id, 'draft', null]]);
    const later = await draft('Thông báo họp giao ban', []);
    expect((await office.call('documents.list', { view: 'drafts' })).rows.map((row) => row.id)).toEqual([
      later.id,
      second.id,
    ]);
  });

  it('counts the PDFs of each row; an unsigned file has no signature', async () => {
    const office = await openTestOffice();
    const pdf = (text: string) =>
      vietnamesePdf([text]).then((bytes) => ({ base64: bytes.toString('base64'), filename: `${text}.pdf` }));
    const withFiles = await office.call('incoming.register', {
      file: await pdf('Công văn'),
      issuerName: 'Sở Tài chính',
      notation: '88/STC-NS',
      issuedOn: '2026-02-27',
      type: 'CV',
      subject: 'V/v hướng dẫn quyết toán ngân sách xã',
    });
    await office.call('attachments.add', { documentId: withFiles.id, file: await pdf('Phụ lục 1') });
    await office.call('attachments.add', { documentId: withFiles.id, file: await pdf('Phụ lục 2') });
    await registerIncoming(office, 9, { arrivedOn: '2026-03-01' });
    const { rows } = await office.call('documents.list', { view: 'incoming' });
    expect(rows.map((row) => [row.notation, row.attachmentCount, row.signatureCount])).toEqual([
      ['9/UBND-VP', 0, 0],
      ['88/STC-NS', 3, 0],
    ]);
  });
});

describe('the year filter and the filter box', () => {
  it('offers only the years that hold documents of each view, newest first', async () => {
    const office = await openTestOffice({ now: '2025-06-10T09:00:00+07:00' });
    for (const view of ['incoming', 'outgoing', 'drafts'] as const)
      expect(await office.call('documents.years', { view })).toEqual({ years: [] });
    await registerIncoming(office, 1, { arrivedOn: '2024-12-30' });
    await registerIncoming(office, 2, { arrivedOn: '2025-06-01' });
    const oldDraft = await office.call('outgoing.draft', { type: 'TB', subject: 'Thông báo lịch trực hè' });
    office.setNow('2026-01-05T09:00:00+07:00');
    await registerIncoming(office, 3, { arrivedOn: '2026-01-05' });
    await office.call('outgoing.draft', { type: 'TB', subject: 'Thông báo lịch trực Tết' });
    // A draft made in 2025 and issued in 2026 is in the 2026 register, and no longer among the drafts.
    await office.call('outgoing.issue', { id: oldDraft.id });
    expect(await office.call('documents.years', { view: 'incoming' })).toEqual({ years: [2026, 2025, 2024] });
    expect(await office.call('documents.years', { view: 'outgoing' })).toEqual({ years: [2026] });
    expect(await office.call('documents.years', { view: 'drafts' })).toEqual({ years: [2026] });
    expect((await rejection(office.call('documents.years', { view: 'archive' as 'incoming' }))).code).toBe(
      'INPUT_INVALID',
    );
  });

  it('finds words within the view as the clerk types, in register order, with the total of the matches', async () => {
    const office = await openTestOffice({ now: '2026-03-20T09:00:00+07:00' });
    for (let index = 1; index <= 30; index++) {
      await office.call('incoming.register', {
        issuerName: index % 3 === 0 ? 'Sở Tài nguyên và Môi trường' : 'UBND huyện Quảng Xương',
        notation: `${index}/UBND-VP`,
        issuedOn: index <= 10 ? '2025-12-29' : '2026-02-02',
        arrivedOn: index <= 10 ? '2025-12-30' : '2026-02-03',
        type: 'CV',
        subject:
          index % 2 === 0 ? `Về việc đo đạc đất đai thôn ${index}` : `Về việc phòng, chống dịch bệnh đợt ${index}`,
      });
    }
    await office.call('outgoing.draft', { type: 'CV', subject: 'Về việc đo đạc đất đai toàn xã' });
    const page = (input: Partial<HandlerInput<'documents.list'>>) =>
      office.call('documents.list', { view: 'incoming', ...input });

    const land = await page({ query: 'dat dai', limit: 4 });
    expect(land.total).toBe(15);
    expect(land.rows.map((row) => [row.registerYear, row.registerNumber])).toEqual([
      [2026, 20],
      [2026, 18],
      [2026, 16],
      [2026, 14],
    ]);
    const rest = await page({ query: 'dat dai', offset: 4, limit: 100 });
    expect(rest.rows).toHaveLength(11);
    expect(inRegisterOrder([...land.rows, ...rest.rows])).toBe(true);
    expect(rest.rows.at(-1)).toMatchObject({ registerYear: 2025, registerNumber: 2 });
    // Folded like search, the last word as the start of a word; with the view's other filters.
    expect((await page({ query: 'DAT ĐAI', year: 2025 })).total).toBe(5);
    expect((await page({ query: 'phong chong d' })).total).toBe(15);
    expect((await page({ query: 'so tai nguyen dat' })).total).toBe(5);
    expect((await page({ query: '9/UBND-VP' })).rows.map((row) => row.notation)).toEqual(['9/UBND-VP']);
    // Empty: the whole view. Another view: its own documents only.
    expect((await page({ query: '' })).total).toBe(30);
    expect((await office.call('documents.list', { view: 'drafts', query: 'dat dai' })).total).toBe(1);
    expect((await office.call('documents.list', { view: 'outgoing', query: 'dat dai' })).total).toBe(0);
    expect((await page({ query: 'khong co tu nay' })).rows).toEqual([]);
  });
});

describe('issuers as the clerk types', () => {
  it('suggests the issuers of the register, most used first and each once, then the directory with its codes', async () => {
    const office = await openTestOffice({ now: '2026-03-20T09:00:00+07:00' });
    const at = '2026-03-01T00:00:00Z';
    upsertAgency(office.core.db, { code: '000.00.20.H56', name: 'UBND huyện Quảng Xương', parentCode: null }, at);
    upsertAgency(office.core.db, { code: '000.00.13.H56', name: 'Sở Tài chính', parentCode: null }, at);
    upsertAgency(office.core.db, { code: '000.00.14.H56', name: 'Sở Tài nguyên và Môi trường', parentCode: null }, at);
    upsertAgency(office.core.db, { code: '000.00.31.H56', name: 'UBND xã Quảng Phú', parentCode: null }, at);
    let index = 0;
    const letterFrom = (issuerName: string, issuerCode?: string) =>
      office.call('incoming.register', {
        issuerName,
        ...(issuerCode ? { issuerCode } : {}),
        notation: `${++index}/VP`,
        issuedOn: '2026-03-02',
        type: 'CV',
        subject: 'Về việc báo cáo',
      });
    await letterFrom('Trung tâm Y tế huyện Quảng Xương');
    await letterFrom('Trung tâm Y tế huyện Quảng Xương');
    await letterFrom('UBND huyện Quảng Xương');
    await letterFrom('UBND huyện Quảng Xương');
    await letterFrom('Ủy ban nhân dân huyện Quảng Xương');
    await letterFrom('Sở Tài chính', '000.00.13.H56');

    const suggest = async (query: string, limit?: number) =>
      (await office.call('issuers.suggest', { query, ...(limit ? { limit } : {}) })).results;
    expect(await suggest('quang x')).toEqual([
      { name: 'UBND huyện Quảng Xương', code: '000.00.20.H56', source: 'register', uses: 3 },
      { name: 'Trung tâm Y tế huyện Quảng Xương', code: null, source: 'register', uses: 2 },
    ]);
    expect(await suggest('so tai')).toEqual([
      { name: 'Sở Tài chính', code: '000.00.13.H56', source: 'register', uses: 1 },
      { name: 'Sở Tài nguyên và Môi trường', code: '000.00.14.H56', source: 'directory', uses: 0 },
    ]);
    // "ubnd" and "ủy ban nhân dân" are the same words; the office itself is never its own issuer.
    expect((await suggest('uy ban')).map((issuer) => issuer.name)).toEqual(['UBND huyện Quảng Xương']);
    expect((await suggest('000.00.14')).map((issuer) => issuer.name)).toEqual(['Sở Tài nguyên và Môi trường']);
    expect((await suggest('', 3)).map((issuer) => [issuer.name, issuer.source])).toEqual([
      ['UBND huyện Quảng Xương', 'register'],
      ['Trung tâm Y tế huyện Quảng Xương', 'register'],
      ['Sở Tài chính', 'register'],
    ]);
    expect(await suggest('xyz')).toEqual([]);
  });
});

describe('the register queries', () => {
  it('read each view in register order from an index, without sorting the table', async () => {
    const office = await openTestOffice();
    const plan = (filters: RegisterListFilters) => {
      const { sql, params } = registerPageSql(filters);
      return (
        office.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, limit: 100, offset: 0 }) as {
          detail: string;
        }[]
      )
        .map((row) => row.detail)
        .join('\n');
    };
    for (const filters of [
      { view: 'incoming' },
      { view: 'outgoing' },
      { view: 'drafts' },
      { view: 'incoming', year: 2026, docType: 'QD', urgency: 'khan' },
      { view: 'incoming', match: '"dat" "dai"*' },
    ] as RegisterListFilters[]) {
      const detail = plan(filters);
      expect(detail).toContain('COVERING INDEX documents_register_order');
      expect(detail).not.toContain('TEMP B-TREE');
    }
  });
});
