// Pre-filling the incoming form from the PDF that arrived: what the letter's
// own first page says, read back from real PDFs laid out as Decree 30 prescribes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { upsertAgency } from '../../core/db/sync.ts';
import { asciiPdf, vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { sealPng } from '../../scripts/lib/make-png.ts';
import { officialLetterPdf, scannedLetterPdf, type OfficialLetter } from '../../scripts/lib/official-letter-pdf.ts';
import { filesUnder, openTestOffice, tempDir, type TestOffice } from '../helpers/office.ts';
import { rejection } from '../helpers/signing.ts';

const decision: OfficialLetter = {
  parent: 'UBND HUYỆN QUẢNG XƯƠNG',
  issuer: ['ỦY BAN NHÂN DÂN', 'XÃ QUẢNG NHAM'],
  notation: '05/QĐ-UBND',
  place: 'Quảng Nham',
  issuedOn: { day: 5, month: 3, year: 2026 },
  title: 'QUYẾT ĐỊNH',
  subject: 'Về việc phê duyệt kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026 trên địa bàn xã',
  body: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'Căn cứ Quyết định số 12/QĐ-UBND ngày 10 tháng 01 năm 2026 của UBND huyện;',
  ],
  signer: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Lê Thị Hoa' },
};

const officialLetter: OfficialLetter = {
  issuer: ['UBND HUYỆN QUẢNG XƯƠNG'],
  notation: '15/UBND-VP',
  place: 'Quảng Xương',
  issuedOn: { day: 12, month: 2, year: 2026 },
  subject: 'tăng cường công tác phòng chống dịch bệnh trên đàn gia súc, gia cầm',
  body: [
    'Kính gửi: Ủy ban nhân dân các xã, thị trấn.',
    'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về phòng chống dịch bệnh, Ủy ban nhân dân huyện yêu cầu:',
  ],
  signer: { authority: 'TL. CHỦ TỊCH', title: 'CHÁNH VĂN PHÒNG', name: 'Trần Văn Bình' },
};

function upload(bytes: Uint8Array, filename = 'van-ban.pdf') {
  return { base64: Buffer.from(bytes).toString('base64'), filename };
}

function prefill(office: TestOffice, file: { base64: string; filename: string } | { path: string }) {
  return office.call('incoming.prefill', { file });
}

describe('pre-filling an incoming document from its PDF', () => {
  it('reads a commune decision: số/ký hiệu, date, issuer under its parent agency, type and trích yếu', async () => {
    const office = await openTestOffice();
    const view = await prefill(office, upload(await officialLetterPdf(decision)));
    expect(view).toEqual({
      notation: '05/QĐ-UBND',
      issuedOn: '2026-03-05',
      // As a register writes it: "ỦY BAN NHÂN DÂN / XÃ QUẢNG NHAM" is "UBND xã Quảng Nham".
      issuerName: 'UBND xã Quảng Nham',
      issuerCode: null,
      parentName: 'UBND huyện Quảng Xương',
      type: 'QD',
      subject: 'Về việc phê duyệt kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026 trên địa bàn xã',
      pageCount: 1,
      hasText: true,
      textSource: 'pdf',
      duplicates: [],
    });
    // Reading a PDF stores nothing: the file is stored when the clerk registers it.
    expect(filesUnder(path.join(office.dataDir, 'blobs'))).toEqual([]);
  });

  it('reads a district công văn from a file on disk and takes the agency code and spelling from the directory', async () => {
    const office = await openTestOffice();
    upsertAgency(
      office.core.db,
      { code: '000.00.20.H56', name: 'UBND huyện Quảng Xương', parentCode: null },
      '2026-03-01T00:00:00Z',
    );
    upsertAgency(
      office.core.db,
      { code: '000.00.21.H56', name: 'UBND huyện Quảng Xương mới', parentCode: null },
      '2026-03-01T00:00:00Z',
    );
    const file = path.join(tempDir(), 'cong-van-15.pdf');
    fs.writeFileSync(file, await officialLetterPdf(officialLetter));
    expect(await prefill(office, { path: file })).toMatchObject({
      notation: '15/UBND-VP',
      issuedOn: '2026-02-12',
      issuerName: 'UBND huyện Quảng Xương',
      issuerCode: '000.00.20.H56',
      type: 'CV',
      subject: 'V/v tăng cường công tác phòng chống dịch bệnh trên đàn gia súc, gia cầm',
      hasText: true,
    });
  });

  it("matches a directory name written out in full against the header's two lines", async () => {
    const office = await openTestOffice();
    upsertAgency(
      office.core.db,
      { code: '000.07.20.H56', name: 'Ủy ban nhân dân xã Quảng Nham', parentCode: '000.00.20.H56' },
      '2026-03-01T00:00:00Z',
    );
    const view = await prefill(office, upload(await officialLetterPdf(decision)));
    expect([view.issuerName, view.issuerCode]).toEqual(['Ủy ban nhân dân xã Quảng Nham', '000.07.20.H56']);
  });

  it('tells the type from the title of a plan, a notice and a report, and tidies a số/ký hiệu typed with spaces', async () => {
    const office = await openTestOffice();
    for (const [title, written, notation, type] of [
      ['KẾ HOẠCH', '21/KH-UBND', '21/KH-UBND', 'KH'],
      ['THÔNG BÁO', '07 / TB - UBND', '07/TB-UBND', 'TB'],
      ['BÁO CÁO', '102/BC-UBND', '102/BC-UBND', 'BC'],
    ] as const) {
      const view = await prefill(
        office,
        upload(
          await officialLetterPdf({
            ...decision,
            title,
            notation: written,
            subject: 'Kết quả thực hiện nhiệm vụ quý I năm 2026',
          }),
        ),
      );
      expect([view.type, view.notation, view.subject]).toEqual([
        type,
        notation,
        'Kết quả thực hiện nhiệm vụ quý I năm 2026',
      ]);
    }
  });

  it('falls back on the ký hiệu for the type when a page has neither a title nor a "V/v" line', async () => {
    const office = await openTestOffice();
    const plan = await prefill(
      office,
      upload(await vietnamesePdf(['UBND XÃ QUẢNG PHÚ', 'Số: 12/KH-UBND', 'Kính gửi: các thôn'])),
    );
    expect(plan).toMatchObject({
      issuerName: 'UBND xã Quảng Phú',
      notation: '12/KH-UBND',
      type: 'KH',
      issuedOn: null,
      subject: null,
    });
    // A ký hiệu without a type's abbreviation is a công văn's (Decree 30, Appendix III).
    expect((await prefill(office, upload(await vietnamesePdf(['Số: 3/UBND-VP'])))).type).toBe('CV');
  });

  it('lists the documents already registered under the same issuer, số/ký hiệu and date', async () => {
    const office = await openTestOffice();
    const letter = upload(await officialLetterPdf(officialLetter), 'cv-15.pdf');
    const view = await prefill(office, letter);
    const registered = await office.call('incoming.register', {
      file: letter,
      issuerName: view.issuerName!,
      notation: view.notation!,
      issuedOn: view.issuedOn!,
      type: view.type!,
      subject: view.subject!,
    });
    const again = await prefill(office, letter);
    expect(again.duplicates).toEqual([
      { id: registered.id, registerNumber: 1, registerYear: 2026, arrivedOn: '2026-03-02', subject: view.subject },
    ]);
    // The register refuses the same document for the same reason.
    const refused = await rejection(
      office.call('incoming.register', {
        issuerName: again.issuerName!,
        notation: again.notation!,
        issuedOn: again.issuedOn!,
        type: 'CV',
        subject: 'Bản thứ hai',
      }),
    );
    expect(refused.code).toBe('DOCUMENT_DUPLICATE');
  });

  it('pre-fills nothing from a scan of no words (OCR finds none), and from text that is not a letter', async () => {
    const office = await openTestOffice();
    expect(await prefill(office, upload(await scannedLetterPdf(2)))).toEqual({
      notation: null,
      issuedOn: null,
      issuerName: null,
      issuerCode: null,
      parentName: null,
      type: null,
      subject: null,
      pageCount: 2,
      hasText: false,
      textSource: 'none',
      duplicates: [],
    });
    const list = await prefill(
      office,
      upload(await vietnamesePdf(['Danh sách hộ nghèo năm 2026', 'Thôn Đông: 12 hộ', 'Thôn Tây: 9 hộ'])),
    );
    expect(list).toMatchObject({
      hasText: true,
      notation: null,
      issuedOn: null,
      issuerName: null,
      type: null,
      subject: null,
      duplicates: [],
    });
  });

  it('refuses a damaged PDF, a picture named .pdf, a missing file and a relative path', async () => {
    const office = await openTestOffice();
    const whole = await officialLetterPdf(decision);
    expect((await rejection(prefill(office, upload(whole.subarray(0, Math.floor(whole.length / 2)))))).code).toBe(
      'PDF_CORRUPT',
    );
    expect((await rejection(prefill(office, upload(sealPng(), 'con-dau.pdf')))).code).toBe('PDF_NOT_PDF');
    expect(
      (await rejection(prefill(office, upload(await asciiPdf('secret', { ownerPassword: 'x', userPassword: 'y' })))))
        .code,
    ).toBe('PDF_ENCRYPTED');
    expect((await rejection(prefill(office, { path: path.join(tempDir(), 'khong-co.pdf') }))).code).toBe(
      'FILE_NOT_FOUND',
    );
    expect((await rejection(prefill(office, { path: 'van-ban.pdf' }))).code).toBe('INPUT_INVALID');
  });
});
