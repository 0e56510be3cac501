// Báo cáo tình hình giải quyết văn bản đến: a month of a commune's incoming
// documents handled by four officials, driven day by day through the handling
// steps, and the report's figures checked against a table counted by hand —
// per official, per unit, as of the period's end and while it still runs; the
// documents behind each figure; the spreadsheet, the PDF and the CLI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Outputs } from '../../shared/api.ts';
import type { HandlingReportRow } from '../../shared/handling-report.ts';
import { vanthu } from '../helpers/cli.ts';
import { openTestOffice, tempDir, type TestOffice } from '../helpers/office.ts';

const ECONOMY = 'Phòng Kinh tế';
const OFFICE_UNIT = 'Văn phòng HĐND và UBND';
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

interface March {
  office: TestOffice;
  people: { clerk: string; leader: string; an: string; binh: string; cuong: string; dung: string };
  docs: Record<string, string>;
}

/**
 * The fixture. Every document, where it stands on 31/03/2026 and why:
 *   D1  An,    due 10/03, done 09/03                  → An: on time (Cường co-handles: not counted for him)
 *   D2  An,    due 06/03, done 12/03                  → An: late
 *   D3  An,    assigned 20/03, due 15/04, open        → An: in progress
 *   D4  An,    due 20/03, open                        → An: overdue
 *   D5  An,    due 25/03, done 02/04 (after period)   → An: overdue (not done by 31/03)
 *   D6  Bình,  due 31/03 (the last day), open         → Bình: in progress
 *   D7  Bình,  due 13/03, done 13/03                  → Bình: on time (done on the due day)
 *   D8  Bình,  due 11/03 extended to 27/03, done 26/03 → Bình: on time (against the new deadline)
 *   D9  Cường 06/03, reassigned to Bình 09/03, due 18/03, done 20/03 → Bình: late (Cường: nothing)
 *   D10 Cường, assigned 25/02 (before the period), done 04/03 → not counted
 *   D11 Cường 27/02, reassigned to An 03/03, done 05/03 → not counted: first assigned before the period
 *   D12 An,    assigned 01/04 (after the period)      → not counted
 *   D13 Cường, due 16/03, open                        → Cường: overdue
 *   D14 Dung,  due 19/03, done 17/03                  → Dung (no unit): on time
 *   D15 Dung,  assigned 30/03, due 03/04, open        → Dung: in progress
 *   D16 submitted to the chairman, never assigned     → not counted
 * `before(day)` runs before each day's steps, for a look at the report mid-month.
 */
async function buildMarch(before?: (day: string, march: March) => Promise<void>): Promise<March> {
  const office = await openTestOffice({ now: '2026-02-20T10:00:00+07:00' });
  const add = async (name: string, role: 'clerk' | 'leader' | 'officer', unit?: string) =>
    (await office.call('people.add', { name, role, ...(unit ? { unit } : {}) })).id;
  // The first clerk added becomes the desk's official; the rest are added by her.
  const clerk = await add('Lê Thị Hoa', 'clerk', OFFICE_UNIT);
  const people = {
    clerk,
    leader: await add('Trần Văn Hùng', 'leader'),
    an: await add('Nguyễn Văn An', 'officer', ECONOMY),
    binh: await add('Phạm Thị Bình', 'officer', ECONOMY),
    cuong: await add('Hoàng Văn Cường', 'officer', OFFICE_UNIT),
    dung: await add('Đỗ Thị Dung', 'officer'),
  };
  const march: March = { office, people, docs: {} };
  const { docs } = march;

  const day = async (date: string) => {
    office.setNow(`${date}T10:00:00+07:00`);
    await before?.(date, march);
  };
  const as = (person: string) => {
    office.core.session.personId = person;
  };
  const register = async (name: string, arrivedOn: string) => {
    as(clerk);
    docs[name] = (
      await office.call('incoming.register', {
        issuerName: 'UBND tỉnh Thanh Hóa',
        notation: `${name.slice(1)}/UBND-VP`,
        issuedOn: arrivedOn,
        arrivedOn,
        type: 'CV',
        subject: `Văn bản ${name} về việc triển khai nhiệm vụ tháng 3`,
      })
    ).id;
  };
  const assign = async (name: string, main: string, dueOn: string, extra: { with?: string[] } = {}) => {
    as(people.leader);
    await office.call('handling.assign', { id: docs[name]!, main, dueOn, ...extra });
  };
  const complete = async (name: string, person: string) => {
    as(person);
    await office.call('handling.complete', { id: docs[name]!, note: 'Đã giải quyết' });
  };

  await day('2026-02-20');
  await register('D10', '2026-02-20');
  await register('D11', '2026-02-20');
  await day('2026-02-25');
  await assign('D10', people.cuong, '2026-03-05');
  await day('2026-02-27');
  await assign('D11', people.cuong, '2026-03-10');

  await day('2026-03-02');
  for (const name of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D12', 'D13', 'D14', 'D15', 'D16'])
    await register(name, '2026-03-02');
  await assign('D1', people.an, '2026-03-10', { with: [people.cuong] });
  await day('2026-03-03');
  as(people.an);
  await office.call('handling.receive', { id: docs.D1! });
  await assign('D2', people.an, '2026-03-06');
  await assign('D11', people.an, '2026-03-10');
  await day('2026-03-04');
  await assign('D8', people.binh, '2026-03-11');
  await complete('D10', people.cuong);
  await day('2026-03-05');
  await assign('D4', people.an, '2026-03-20');
  await complete('D11', people.an);
  as(clerk);
  await office.call('handling.submit', { id: docs.D16!, to: people.leader });
  await day('2026-03-06');
  await assign('D9', people.cuong, '2026-03-18');
  await day('2026-03-09');
  await assign('D9', people.binh, '2026-03-18');
  await complete('D1', people.an);
  await day('2026-03-10');
  await assign('D7', people.binh, '2026-03-13');
  as(people.leader);
  await office.call('handling.extend', { id: docs.D8!, dueOn: '2026-03-27', reason: 'Chờ số liệu của thôn' });
  await day('2026-03-11');
  await assign('D13', people.cuong, '2026-03-16');
  await day('2026-03-12');
  await assign('D14', people.dung, '2026-03-19');
  await complete('D2', people.an);
  await day('2026-03-13');
  await complete('D7', people.binh);
  await day('2026-03-16');
  await assign('D5', people.an, '2026-03-25');
  await day('2026-03-17');
  await complete('D14', people.dung);
  await day('2026-03-20');
  await assign('D3', people.an, '2026-04-15');
  await complete('D9', people.binh);
  await day('2026-03-21');
  await day('2026-03-24');
  await assign('D6', people.binh, '2026-03-31');
  await day('2026-03-26');
  await complete('D8', people.binh);
  await day('2026-03-30');
  await assign('D15', people.dung, '2026-04-03');
  await day('2026-04-01');
  await assign('D12', people.an, '2026-04-08');
  await day('2026-04-02');
  await complete('D5', people.an);
  await day('2026-04-10');
  return march;
}

/** A row as [name, received, on time, late, in progress, overdue]: the printed table's order. */
function figures(row: HandlingReportRow): [string, number, number, number, number, number] {
  return [row.name, row.received, row.completedOnTime, row.completedLate, row.inProgress, row.overdue];
}

function table(report: Outputs['report.handling']) {
  return [...report.rows.map(figures), figures(report.total)];
}

describe('the handling report (báo cáo tình hình giải quyết văn bản đến)', () => {
  it('counts each official’s documents first assigned in March, as they stood on 31 March', async () => {
    const { office, people } = await buildMarch();
    const report = await office.call('report.handling', MARCH);
    expect(report).toMatchObject({ ...MARCH, asOf: '2026-03-31', by: 'person', file: null, savedTo: null });
    // Officials by unit (Phòng Kinh tế, then Văn phòng), then by name; those without a unit last.
    expect(table(report)).toEqual([
      ['Nguyễn Văn An', 5, 1, 1, 1, 2], // D1 on time, D2 late, D3 in progress, D4 and D5 overdue
      ['Phạm Thị Bình', 4, 2, 1, 1, 0], // D7, D8 on time; D9 late; D6 in progress
      ['Hoàng Văn Cường', 1, 0, 0, 0, 1], // D13 overdue
      ['Đỗ Thị Dung', 2, 1, 0, 1, 0], // D14 on time, D15 in progress
      ['Tổng số', 12, 4, 2, 3, 3],
    ]);
    expect(report.rows.map((row) => [row.key, row.unit])).toEqual([
      [people.an, ECONOMY],
      [people.binh, ECONOMY],
      [people.cuong, OFFICE_UNIT],
      [people.dung, null],
    ]);
  });

  it('counts per unit, officials without one under "Chưa có đơn vị"', async () => {
    const { office } = await buildMarch();
    const report = await office.call('report.handling', { ...MARCH, by: 'unit' });
    expect(table(report)).toEqual([
      [ECONOMY, 9, 3, 2, 2, 2], // An's five and Bình's four
      [OFFICE_UNIT, 1, 0, 0, 0, 1], // Cường's D13; the clerk handles nothing
      ['Chưa có đơn vị', 2, 1, 0, 1, 0], // Dung
      ['Tổng số', 12, 4, 2, 3, 3],
    ]);
  });

  it('takes a shorter period as it stood at its end: work done later still counts as open', async () => {
    const { office } = await buildMarch();
    const report = await office.call('report.handling', { from: '2026-03-01', to: '2026-03-15' });
    expect(report.asOf).toBe('2026-03-15');
    expect(table(report)).toEqual([
      ['Nguyễn Văn An', 3, 1, 1, 1, 0], // D1 on time, D2 late, D4 due 20/03 in progress
      ['Phạm Thị Bình', 3, 1, 0, 2, 0], // D7 on time; D8 (done 26/03) and D9 (done 20/03) still open, in time
      ['Hoàng Văn Cường', 1, 0, 0, 1, 0], // D13 due 16/03: not yet overdue on 15/03
      ['Đỗ Thị Dung', 1, 0, 0, 1, 0], // D14 done 17/03: open on 15/03
      ['Tổng số', 8, 2, 1, 5, 0],
    ]);
  });

  it('stands at today while the period still runs', async () => {
    let midMonth: Outputs['report.handling'] | undefined;
    await buildMarch(async (day, { office }) => {
      if (day === '2026-03-21') midMonth = await office.call('report.handling', MARCH);
    });
    expect(midMonth!.asOf).toBe('2026-03-21');
    expect(table(midMonth!)).toEqual([
      ['Nguyễn Văn An', 5, 1, 1, 2, 1], // D3 and D5 in progress; D4 (due 20/03) overdue
      ['Phạm Thị Bình', 3, 1, 1, 1, 0], // D7 on time, D9 late, D8 in progress; D6 not yet assigned
      ['Hoàng Văn Cường', 1, 0, 0, 0, 1],
      ['Đỗ Thị Dung', 1, 1, 0, 0, 0], // D15 not yet assigned
      ['Tổng số', 10, 3, 2, 3, 2],
    ]);
  });

  it('opens the documents behind each figure, exactly as many as the figure says', async () => {
    const { office, people, docs } = await buildMarch();
    const list = async (by: 'person' | 'unit', key: string, figure: 'received' | 'overdue' | 'inProgress') =>
      (await office.call('report.handlingList', { ...MARCH, by, key, figure })).documents.map((doc) => doc.id);

    expect(await list('person', people.an, 'overdue')).toEqual([docs.D4, docs.D5]);
    expect(await list('unit', 'Chưa có đơn vị', 'inProgress')).toEqual([docs.D15]);
    expect(await list('person', people.cuong, 'received')).toEqual([docs.D13]);
    expect((await list('person', '', 'received')).sort()).toEqual(
      ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D13', 'D14', 'D15'].map((name) => docs[name]).sort(),
    );

    const d5 = (await office.call('report.handlingList', { ...MARCH, key: people.an, figure: 'overdue' }))
      .documents[1]!;
    expect(d5).toMatchObject({
      notation: '5/UBND-VP',
      issuerName: 'UBND tỉnh Thanh Hóa',
      mainHandler: { id: people.an, name: 'Nguyễn Văn An' },
      dueOn: '2026-03-25',
      completedOn: '2026-04-02',
    });

    for (const by of ['person', 'unit'] as const) {
      const report = await office.call('report.handling', { ...MARCH, by });
      for (const row of [...report.rows, report.total])
        for (const figure of ['received', 'completedOnTime', 'completedLate', 'inProgress', 'overdue'] as const) {
          const { documents } = await office.call('report.handlingList', { ...MARCH, by, key: row.key, figure });
          expect(documents.length, `${by} ${row.name} ${figure}`).toBe(row[figure]);
        }
    }
  });

  it('refuses a period that ends before it starts', async () => {
    const office = await openTestOffice();
    await expect(office.call('report.handling', { from: '2026-03-31', to: '2026-03-01' })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    await expect(
      office.call('report.handlingList', {
        from: '2026-03-31',
        to: '2026-03-01',
        by: 'person',
        key: '',
        figure: 'overdue',
      }),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});

function sheetRows(base64: string): string[][] {
  const sheet = strFromU8(unzipSync(Buffer.from(base64, 'base64'))['xl/worksheets/sheet1.xml']!);
  return [...sheet.matchAll(/<row r="\d+"[^>]*>(.*?)<\/row>/gs)].map((row) =>
    [...row[1]!.matchAll(/<c r="[A-Z]+\d+"[^>]*?(?:\/>|>(.*?)<\/c>)/gs)].map((cell) =>
      (cell[1] ?? '').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'),
    ),
  );
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('the handling report as a file', () => {
  it('writes a spreadsheet with the title, the office, the period, STT and the "Tổng số" row', async () => {
    const { office } = await buildMarch();
    const report = await office.call('report.handling', { ...MARCH, format: 'xlsx' });
    expect(report.file).toMatchObject({
      filename: 'bao-cao-giai-quyet-van-ban-den_theo-can-bo_2026-03-01_2026-03-31.xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(sheetRows(report.file!.base64)).toEqual([
      ['BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN'],
      ['UBND xã Quảng Phú'],
      ['Từ ngày 01/03/2026 đến ngày 31/03/2026'],
      [
        'STT',
        'Tên cán bộ',
        'Tổng số văn bản',
        'Đã giải quyết\nTrong hạn',
        'Đã giải quyết\nQuá hạn',
        'Chưa giải quyết\nTrong hạn',
        'Chưa giải quyết\nQuá hạn',
      ],
      ['1', 'Nguyễn Văn An', '5', '1', '1', '1', '2'],
      ['2', 'Phạm Thị Bình', '4', '2', '1', '1', '0'],
      ['3', 'Hoàng Văn Cường', '1', '0', '0', '0', '1'],
      ['4', 'Đỗ Thị Dung', '2', '1', '0', '1', '0'],
      ['', 'Tổng số', '12', '4', '2', '3', '3'],
    ]);
  });

  it('prints an A4 PDF whose text reads back with the Vietnamese names and the totals', async () => {
    const { office } = await buildMarch();
    const report = await office.call('report.handling', { ...MARCH, by: 'unit', format: 'pdf' });
    expect(report.file!.mime).toBe('application/pdf');
    const file = path.join(tempDir(), report.file!.filename);
    fs.writeFileSync(file, Buffer.from(report.file!.base64, 'base64'));
    const text = pdfText(file);
    expect(text).toContain('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('UBND xã Quảng Phú');
    expect(text).toContain('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(text).toMatch(/1\s+Phòng Kinh tế\s+9\s+3\s+2\s+2\s+2/);
    expect(text).toMatch(/3\s+Chưa có đơn vị\s+2\s+1\s+0\s+1\s+0/);
    expect(text).toMatch(/Tổng số\s+12\s+4\s+2\s+3\s+3/);
  });
});

describe('vanthu report handling', () => {
  it('prints the table, saves the file once and never over an existing one', async () => {
    const { office } = await buildMarch();
    const args = ['report', 'handling', '--from', MARCH.from, '--to', MARCH.to];

    const json = vanthu<Outputs['report.handling']>(office.dataDir, args);
    expect(json.status, json.stderr).toBe(0);
    expect(figures(json.json.total)).toEqual(['Tổng số', 12, 4, 2, 3, 3]);

    const text = vanthu(office.dataDir, [...args, '--by', 'unit'], { json: false });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text.stdout).toMatch(/1\s+Phòng Kinh tế\s+9\s+3\s+2\s+2\s+2\n/);
    expect(text.stdout).toMatch(/\s+Tổng số\s+12\s+4\s+2\s+3\s+3\n/);

    // A relative --out is the directory the command was typed in; the test's cwd is the project.
    const dir = tempDir();
    const out = path.join(dir, 'bao-cao-thang-3.pdf');
    const saved = vanthu<Outputs['report.handling']>(office.dataDir, [
      ...args,
      '--format',
      'pdf',
      '--out',
      path.relative(process.cwd(), out),
    ]);
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.json.savedTo).toBe(out);
    expect(pdfText(out)).toMatch(/Tổng số\s+12\s+4\s+2\s+3\s+3/);

    const before = fs.readFileSync(out);
    const again = vanthu<{ error: { code: string } }>(office.dataDir, [...args, '--format', 'xlsx', '--out', out]);
    expect(again.status).toBe(1);
    expect(again.json.error.code).toBe('FILE_EXISTS');
    expect(fs.readFileSync(out).equals(before)).toBe(true);
  });

  it('refuses a period that ends before it starts, and --format without --out', async () => {
    const office = await openTestOffice();
    const backwards = vanthu<{ error: { code: string } }>(office.dataDir, [
      'report',
      'handling',
      '--from',
      '2026-03-31',
      '--to',
      '2026-03-01',
    ]);
    expect(backwards.status).toBe(1);
    expect(backwards.json.error.code).toBe('INPUT_INVALID');

    const half = vanthu<{ error: { code: string } }>(office.dataDir, [
      'report',
      'handling',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--format',
      'pdf',
    ]);
    expect(half.status).toBe(2);
    expect(half.json.error.code).toBe('INPUT_INVALID');
  });
});
