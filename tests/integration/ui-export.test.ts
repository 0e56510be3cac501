// Printing and handing on the registers: Sổ đăng ký văn bản đến / đi with the
// columns of Decree 30 Appendix IV, as a spreadsheet and as a PDF, checked with
// independent readers (fflate's unzip, Python's expat, poppler's pdftotext).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openTestOffice, tempDir, type TestOffice } from '../helpers/office.ts';
import { rejection } from '../helpers/signing.ts';

// Control characters pasted from an old TCVN3 file, and text that is markup in XML.
const HOSTILE_SUBJECT = 'V/v đo đạc <đất> & "rừng" \u0001\u0008\u001f ven biển';
const LONG_SUBJECT =
  `Về việc ${'triển khai thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới '.repeat(25)}`
    .trim()
    .slice(0, 2000);

async function fillRegisters(office: TestOffice): Promise<void> {
  const incoming = (notation: string, arrivedOn: string, subject: string, extra: Record<string, unknown> = {}) =>
    office.call('incoming.register', {
      issuerName: 'UBND huyện Quảng Xương',
      notation,
      issuedOn: arrivedOn,
      arrivedOn,
      type: 'CV',
      subject,
      ...extra,
    });
  await incoming('1/UBND-VP', '2025-12-31', 'Văn bản năm trước');
  const first = await incoming('2/UBND-VP', '2026-01-02', 'V/v triển khai công tác phòng chống lụt bão', {
    recipientUnit: 'Công chức Địa chính',
  });
  await office.call('documents.update', {
    id: first.id,
    handedOn: '2026-01-03',
    handedReceipt: 'Nguyễn Thị Lan',
    notes: 'Đã giao',
  });
  await incoming('3/QĐ-UBND', '2026-02-14', 'Phê duyệt dự toán ngân sách năm 2026', { type: 'QD' });
  await incoming('4/UBND-VP', '2026-03-01', HOSTILE_SUBJECT);
  await incoming('5/UBND-VP', '2026-03-02', LONG_SUBJECT);
  await incoming('6/UBND-VP', '2026-03-03', 'Văn bản mật không in trong sổ thường', { secrecy: 'mat' });
  await incoming('7/UBND-VP', '2026-04-01', 'Văn bản tháng sau');
}

function sheetXml(base64: string): { files: Record<string, string>; sheet: string } {
  const zip = unzipSync(Buffer.from(base64, 'base64'));
  const files = Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]));
  return { files, sheet: files['xl/worksheets/sheet1.xml']! };
}

/** Python's expat reads every part; returns the names of those that are not well-formed XML 1.0, as Excel requires. */
function malformedParts(parts: Record<string, string>): string[] {
  const script = `
import json, sys, xml.dom.minidom
bad = []
for name, text in json.load(sys.stdin).items():
    try:
        xml.dom.minidom.parseString(text.encode('utf-8'))
    except Exception:
        bad.append(name)
print(json.dumps(bad))`;
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(parts), encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as string[];
}

function cellTexts(rowXml: string): string[] {
  return [...rowXml.matchAll(/<c r="[A-Z]+\d+"[^>]*?(?:\/>|>(.*?)<\/c>)/g)].map((cell) =>
    (cell[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

function pdfFile(base64: string): string {
  const file = path.join(tempDir(), 'so.pdf');
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

function pdfText(base64: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', [...range, '-layout', pdfFile(base64), '-'], { encoding: 'utf8' });
}

describe('exporting the incoming register', () => {
  it('writes a workbook with the title, the Decree 30 columns and one row per document of the period', async () => {
    const office = await openTestOffice({ now: '2026-04-02T09:00:00+07:00' });
    await fillRegisters(office);
    const result = await office.call('registers.export', {
      register: 'incoming',
      from: '2026-01-01',
      to: '2026-03-31',
      format: 'xlsx',
    });
    expect(result).toMatchObject({
      filename: 'so-van-ban-den_2026-01-01_2026-03-31.xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rows: 4,
    });
    const { files, sheet } = sheetXml(result.base64);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(malformedParts(files)).toEqual([]);
    expect(malformedParts({ 'control characters': '<t>\u0001</t>' })).toEqual(['control characters']);

    const rows = [...sheet.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)].map((match) => ({
      number: Number(match[1]),
      cells: cellTexts(match[2]!),
    }));
    expect(rows.slice(0, 3).map((row) => row.cells[0])).toEqual([
      'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN',
      'UBND xã Quảng Phú',
      'Từ ngày 01/01/2026 đến ngày 31/03/2026',
    ]);
    expect(rows[3]).toEqual({
      number: 5,
      cells: [
        'Ngày đến',
        'Số đến',
        'Tác giả',
        'Số, ký hiệu',
        'Ngày tháng văn bản',
        'Tên loại và trích yếu nội dung',
        'Đơn vị hoặc người nhận',
        'Ngày chuyển',
        'Ký nhận',
        'Ghi chú',
      ],
    });
    const body = rows.slice(4);
    expect(body).toHaveLength(4);
    expect(body[0]!.cells).toEqual([
      '02/01/2026',
      '1',
      'UBND huyện Quảng Xương',
      '2/UBND-VP',
      '02/01/2026',
      'Công văn: V/v triển khai công tác phòng chống lụt bão',
      'Công chức Địa chính',
      '03/01/2026',
      'Nguyễn Thị Lan',
      'Đã giao',
    ]);
    expect(body[1]!.cells.slice(3, 6)).toEqual([
      '3/QĐ-UBND',
      '14/02/2026',
      'Quyết định: Phê duyệt dự toán ngân sách năm 2026',
    ]);
    // Markup escaped, characters XML cannot hold left out; the secret register's entry is not here.
    expect(body[2]!.cells[5]).toBe('Công văn: V/v đo đạc <đất> & "rừng"  ven biển');
    expect(body[3]!.cells[5]).toBe(`Công văn: ${LONG_SUBJECT}`);
    expect(sheet).not.toContain('Văn bản mật');
    // Rows are as tall as their wrapped text: Excel would not grow them when opening the file.
    const heights = [...sheet.matchAll(/<row r="(\d+)" ht="([\d.]+)"/g)].map((match) => [
      Number(match[1]),
      Number(match[2]),
    ]);
    expect(heights.map(([row]) => row)).toEqual([5, 6, 7, 8, 9]);
    expect(heights[4]![1]).toBeGreaterThan(10 * heights[2]![1]!);
    // Số đến is a number cell, the header row repeats on every printed page.
    expect(sheet).toContain('<c r="B6" s="4"><v>1</v></c>');
    expect(files['xl/workbook.xml']).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'Sổ đăng ký văn bản đến'!$5:$5</definedName>`,
    );
  });

  it('prints the register on A4 landscape pages, header repeated, Vietnamese intact, pages numbered', async () => {
    const office = await openTestOffice({ now: '2026-04-02T09:00:00+07:00' });
    await fillRegisters(office);
    for (let index = 0; index < 40; index++) {
      await office.call('incoming.register', {
        issuerName: 'Sở Nông nghiệp và Môi trường',
        notation: `${100 + index}/SNN-KH`,
        issuedOn: '2026-03-10',
        arrivedOn: '2026-03-10',
        type: 'KH',
        subject: `Kế hoạch trồng rừng đợt ${index + 1} năm 2026`,
      });
    }
    const result = await office.call('registers.export', {
      register: 'incoming',
      from: '2026-01-01',
      to: '2026-03-31',
      format: 'pdf',
    });
    expect(result).toMatchObject({
      filename: 'so-van-ban-den_2026-01-01_2026-03-31.pdf',
      mime: 'application/pdf',
      rows: 44,
    });
    const text = pdfText(result.base64);
    const pages = Number(/Trang 1\/(\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain('Từ ngày 01/01/2026 đến ngày 31/03/2026');
    expect(text).toContain('V/v triển khai công tác phòng chống lụt bão');
    expect(text).toContain('Kế hoạch trồng rừng đợt 40 năm 2026');
    expect(text).toContain(`Trang ${pages}/${pages}`);
    expect(text).not.toContain('Văn bản mật');
    // Every page starts with the column headers, the last one too.
    const lastPage = pdfText(result.base64, { first: pages, last: pages });
    expect(lastPage).toContain('Tác giả');
    expect(lastPage).toContain('Ký nhận');
    const file = pdfFile(result.base64);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    // The font travels in the file as a subset (far smaller than its 390 kB), with a map back to Unicode.
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(
      /[A-Z]{6}\+LiberationSerif\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/,
    );
    expect(fs.statSync(file).size).toBeLessThan(200_000);
  });
});

describe('exporting the outgoing register', () => {
  it('lists number, date, signer, recipients, file copy and copies of each issued document', async () => {
    const office = await openTestOffice({ now: '2026-03-10T09:00:00+07:00' });
    const draft = await office.call('outgoing.draft', {
      type: 'QD',
      subject: 'Về việc thành lập Ban chỉ đạo chuyển đổi số',
      recipients: [{ name: 'Như Điều 3' }, { name: 'Lưu: VT' }],
      signerName: 'Nguyễn Văn An',
      archiveUnit: 'Văn phòng',
      copies: 5,
    });
    await office.call('outgoing.issue', { id: draft.id, issuedOn: '2026-03-09' });
    await office.call('outgoing.draft', { type: 'CV', subject: 'Dự thảo chưa cấp số' });
    const xlsx = await office.call('registers.export', {
      register: 'outgoing',
      from: '2026-03-01',
      to: '2026-03-31',
      format: 'xlsx',
    });
    expect([xlsx.filename, xlsx.rows]).toEqual(['so-van-ban-di_2026-03-01_2026-03-31.xlsx', 1]);
    const rows = [...sheetXml(xlsx.base64).sheet.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)].map((match) =>
      cellTexts(match[2]!),
    );
    expect(rows[0]![0]).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(rows[3]).toEqual([
      'Số, ký hiệu văn bản',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung',
      'Người ký',
      'Nơi nhận văn bản',
      'Đơn vị, người nhận bản lưu',
      'Số lượng bản',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(rows.slice(4)).toEqual([
      [
        '01/QĐ-UBND',
        '09/03/2026',
        'Quyết định: Về việc thành lập Ban chỉ đạo chuyển đổi số',
        'Nguyễn Văn An',
        'Như Điều 3; Lưu: VT',
        'Văn phòng',
        '5',
        '',
        '',
        '',
      ],
    ]);
    const pdf = pdfText(
      (
        await office.call('registers.export', {
          register: 'outgoing',
          from: '2026-03-01',
          to: '2026-03-31',
          format: 'pdf',
        })
      ).base64,
    );
    expect(pdf).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(pdf).toContain('Quyết định: Về việc thành lập Ban chỉ đạo');
    expect(pdf).toContain('Trang 1/1');
  });

  it('writes an empty register for a period without documents', async () => {
    const office = await openTestOffice();
    const result = await office.call('registers.export', {
      register: 'outgoing',
      from: '2020-01-01',
      to: '2020-12-31',
      format: 'xlsx',
    });
    expect(result.rows).toBe(0);
    expect([...sheetXml(result.base64).sheet.matchAll(/<row /g)]).toHaveLength(4);
    expect(
      pdfText(
        (
          await office.call('registers.export', {
            register: 'outgoing',
            from: '2020-01-01',
            to: '2020-12-31',
            format: 'pdf',
          })
        ).base64,
      ),
    ).toContain('Trang 1/1');
  });
});

describe('export limits', () => {
  it('refuses a period of more than 100,000 documents and says to export it in parts', async () => {
    const office = await openTestOffice();
    // A year of a very busy register, written straight into the store: the API would take minutes.
    office.core.db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001)
      INSERT INTO documents (id, direction, state, doc_type, subject, urgency, secrecy, register_id, register_year, register_number,
                             arrived_on, issued_on, issuer_name, notation, created_on, created_at, updated_at)
      SELECT printf('bulk-%06d', i), 'incoming', 'registered', 'CV', 'Văn bản ' || i, 'thuong', 'thuong', 'incoming', 2025, i,
             date('2025-01-01', '+' || (i % 365) || ' days'), '2025-01-01', 'UBND huyện', i || '/UBND', '2025-01-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
        FROM n`);
    const error = await rejection(
      office.call('registers.export', { register: 'incoming', from: '2025-01-01', to: '2025-12-31', format: 'xlsx' }),
    );
    expect(error.code).toBe('EXPORT_TOO_LARGE');
    expect(error.message).toContain('khoảng ngày ngắn hơn');
    expect(error.fields?.to).toContain('100.001');
  });

  it('refuses a period that ends before it starts, an impossible date and an unknown format', async () => {
    const office = await openTestOffice();
    const refused = await rejection(
      office.call('registers.export', { register: 'incoming', from: '2026-03-31', to: '2026-01-01', format: 'pdf' }),
    );
    expect(refused.code).toBe('INPUT_INVALID');
    expect(refused.fields?.to).toContain('Ngày bắt đầu');
    expect(
      (
        await rejection(
          office.call('registers.export', {
            register: 'incoming',
            from: '2026-02-30',
            to: '2026-03-01',
            format: 'pdf',
          }),
        )
      ).code,
    ).toBe('INPUT_INVALID');
    expect(
      (
        await rejection(
          office.call('registers.export', {
            register: 'incoming',
            from: '2026-01-01',
            to: '2026-03-01',
            format: 'docx' as 'pdf',
          }),
        )
      ).code,
    ).toBe('INPUT_INVALID');
    expect(
      (
        await rejection(
          office.call('registers.export', {
            register: 'secret' as 'incoming',
            from: '2026-01-01',
            to: '2026-03-01',
            format: 'pdf',
          }),
        )
      ).code,
    ).toBe('INPUT_INVALID');
  });
});
