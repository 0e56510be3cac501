// The agency pick list and the PDF viewer's bytes, through the API table.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { upsertAgency } from '../../core/db/sync.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { openTestOffice, type TestOffice } from '../helpers/office.ts';
import { rejection } from '../helpers/signing.ts';

const directory = [
  { code: '000.00.31.H56', name: 'UBND xã Quảng Phú', parentCode: '000.00.20.H56' },
  { code: '000.00.20.H56', name: 'UBND huyện Quảng Xương', parentCode: null },
  { code: '000.07.20.H56', name: 'Ủy ban nhân dân xã Quảng Nham', parentCode: '000.00.20.H56' },
  { code: '000.11.20.H56', name: 'Phòng Tài chính - Kế hoạch huyện Quảng Xương', parentCode: '000.00.20.H56' },
  { code: '000.00.01.H56', name: 'Sở Nội vụ tỉnh Thanh Hóa', parentCode: null },
  { code: '000.00.12.H56', name: 'UBND huyện Đông Sơn', parentCode: null },
  { code: '000.03.12.H56', name: 'Đảng ủy xã Đông Hòa', parentCode: '000.00.12.H56' },
];

async function officeWithDirectory(): Promise<TestOffice> {
  const office = await openTestOffice();
  for (const agency of directory) upsertAgency(office.core.db, agency, '2026-03-01T00:00:00Z');
  return office;
}

async function names(office: TestOffice, query: string): Promise<string[]> {
  return (await office.call('agencies.list', { query })).agencies.map((agency) => agency.name);
}

describe('the agency pick list', () => {
  it('lists the directory by Vietnamese alphabetical order, without the office itself', async () => {
    const office = await officeWithDirectory();
    const { agencies } = await office.call('agencies.list', {});
    expect(agencies.map((agency) => agency.name)).toEqual([
      'Đảng ủy xã Đông Hòa',
      'Phòng Tài chính - Kế hoạch huyện Quảng Xương',
      'Sở Nội vụ tỉnh Thanh Hóa',
      'UBND huyện Đông Sơn',
      'UBND huyện Quảng Xương',
      'Ủy ban nhân dân xã Quảng Nham',
    ]);
    expect(agencies[2]).toEqual({
      code: '000.00.01.H56',
      name: 'Sở Nội vụ tỉnh Thanh Hóa',
      parentCode: null,
      level: null,
    });
    expect(await names(office, 'quang phu')).toEqual([]);
  });

  it('finds agencies typed without diacritics, with d for đ, by the start of words, by "ubnd" and by code', async () => {
    const office = await officeWithDirectory();
    expect(await names(office, 'quang xuong')).toEqual([
      'Phòng Tài chính - Kế hoạch huyện Quảng Xương',
      'UBND huyện Quảng Xương',
    ]);
    expect(await names(office, 'dong')).toEqual(['Đảng ủy xã Đông Hòa', 'UBND huyện Đông Sơn']);
    expect(await names(office, 'ĐÔNG SƠN')).toEqual(['UBND huyện Đông Sơn']);
    expect(await names(office, 'dang uy')).toEqual(['Đảng ủy xã Đông Hòa']);
    expect(await names(office, 'ubnd quang')).toEqual(['UBND huyện Quảng Xương', 'Ủy ban nhân dân xã Quảng Nham']);
    expect(await names(office, 'tai chinh ke')).toEqual(['Phòng Tài chính - Kế hoạch huyện Quảng Xương']);
    expect(await names(office, '000.07')).toEqual(['Ủy ban nhân dân xã Quảng Nham']);
    expect(await names(office, "xuong' OR 1=1 --")).toEqual([]);
  });

  it('returns at most two hundred agencies and refuses an overlong query', async () => {
    const office = await openTestOffice();
    for (let index = 0; index < 250; index++) {
      upsertAgency(
        office.core.db,
        { code: `000.${String(index).padStart(3, '0')}.20.H56`, name: `UBND xã Số ${index}`, parentCode: null },
        '2026-03-01T00:00:00Z',
      );
    }
    const { agencies } = await office.call('agencies.list', { query: 'ubnd xa' });
    expect(agencies).toHaveLength(200);
    // Numbers inside names sort as numbers: "Số 2" before "Số 10".
    expect(agencies.slice(0, 3).map((agency) => agency.name)).toEqual(['UBND xã Số 0', 'UBND xã Số 1', 'UBND xã Số 2']);
    expect((await rejection(office.call('agencies.list', { query: 'x'.repeat(201) }))).code).toBe('INPUT_INVALID');
  });
});

describe("the PDF viewer's bytes", () => {
  async function documentWithFiles(office: TestOffice) {
    const main = await vietnamesePdf(['Công văn số 88/STC-NS', 'V/v hướng dẫn quyết toán ngân sách xã']);
    const appendix = await vietnamesePdf(['Phụ lục: biểu mẫu quyết toán']);
    const document = await office.call('incoming.register', {
      file: { base64: main.toString('base64'), filename: 'cong-van-88.pdf' },
      issuerName: 'Sở Tài chính',
      notation: '88/STC-NS',
      issuedOn: '2026-02-27',
      type: 'CV',
      subject: 'V/v hướng dẫn quyết toán ngân sách xã',
    });
    const withAppendix = await office.call('attachments.add', {
      documentId: document.id,
      file: { base64: appendix.toString('base64'), filename: 'phu-luc.pdf' },
    });
    return { id: document.id, main, appendix, attachments: withAppendix.attachments };
  }

  it('gives the main file, or the one asked for, byte for byte with its name and hash', async () => {
    const office = await openTestOffice();
    const doc = await documentWithFiles(office);
    const main = await office.call('attachments.read', { documentId: doc.id });
    expect(main).toMatchObject({
      attachmentId: doc.attachments[0]!.id,
      filename: 'cong-van-88.pdf',
      mime: 'application/pdf',
      size: doc.main.length,
    });
    expect(Buffer.from(main.base64, 'base64').equals(doc.main)).toBe(true);
    expect(main.sha256).toBe(createHash('sha256').update(doc.main).digest('hex'));
    const appendix = await office.call('attachments.read', {
      documentId: doc.id,
      attachmentId: doc.attachments[1]!.id,
    });
    expect(appendix.filename).toBe('phu-luc.pdf');
    expect(Buffer.from(appendix.base64, 'base64').equals(doc.appendix)).toBe(true);
  });

  it('refuses a file of another document, a document without a file and an unknown document', async () => {
    const office = await openTestOffice();
    const doc = await documentWithFiles(office);
    const bare = await office.call('incoming.register', {
      issuerName: 'UBND huyện',
      notation: '3/UBND',
      issuedOn: '2026-03-01',
      type: 'CV',
      subject: 'Giấy mời họp',
    });
    expect(
      (await rejection(office.call('attachments.read', { documentId: bare.id, attachmentId: doc.attachments[0]!.id })))
        .code,
    ).toBe('ATTACHMENT_NOT_FOUND');
    expect((await rejection(office.call('attachments.read', { documentId: bare.id }))).code).toBe(
      'ATTACHMENT_NOT_FOUND',
    );
    expect(
      (await rejection(office.call('attachments.read', { documentId: '0190c0de-0000-7000-8000-000000000000' }))).code,
    ).toBe('DOCUMENT_NOT_FOUND');
  });

  it('will not show a stored file that changed on disk or went missing', async () => {
    const office = await openTestOffice();
    const doc = await documentWithFiles(office);
    const blob = office.core.blobs.pathOf(doc.attachments[0]!.sha256);
    const damaged = fs.readFileSync(blob);
    damaged[damaged.length - 100] = damaged[damaged.length - 100]! ^ 0xff;
    fs.writeFileSync(blob, damaged);
    expect((await rejection(office.call('attachments.read', { documentId: doc.id }))).code).toBe('BLOB_CORRUPT');
    fs.rmSync(blob);
    expect((await rejection(office.call('attachments.read', { documentId: doc.id }))).code).toBe('BLOB_MISSING');
  });
});
