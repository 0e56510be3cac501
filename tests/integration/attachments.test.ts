import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, openTestOffice, tempDir, type TestOffice } from '../helpers/office.ts';
import { asciiPdf, vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { matching } from '../helpers/matchers.ts';

const incoming = {
  issuerName: 'Sở Y tế tỉnh Thanh Hóa',
  type: 'KH',
  subject: 'Kế hoạch tiêm chủng mở rộng năm 2026',
  issuedOn: '2026-02-25',
} as const;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Everything that would show a rejected file left a trace. */
function storeFootprint(office: TestOffice) {
  const count = (table: string) =>
    (office.core.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    documents: count('documents'),
    attachments: count('attachments'),
    blobs: count('blobs'),
    audit: count('audit_log'),
    index: count('documents_fts'),
    blobFiles: filesUnder(path.join(office.dataDir, 'blobs')).length,
  };
}

describe('attachments', () => {
  it('stores the PDF by its SHA-256 once, however many documents carry it', async () => {
    const office = await openTestOffice();
    const dir = tempDir();
    const bytes = await asciiPdf('Ke hoach tiem chung');
    fs.writeFileSync(path.join(dir, 'kh.pdf'), bytes);
    const first = await office.call('incoming.register', {
      ...incoming,
      notation: '12/KH-SYT',
      file: { path: path.join(dir, 'kh.pdf') },
    });
    const second = await office.call('incoming.register', {
      ...incoming,
      issuerName: 'Trung tâm Y tế huyện Quảng Xương',
      notation: '3/KH-TTYT',
      file: { base64: bytes.toString('base64'), filename: 'bản sao.pdf' },
    });
    const hash = sha256(bytes);
    expect(first.attachments).toEqual([
      {
        id: matching.any(String),
        role: 'main',
        filename: 'kh.pdf',
        mime: 'application/pdf',
        size: bytes.length,
        sha256: hash,
        textSource: 'pdf',
        textNote: null,
        versions: [],
      },
    ]);
    expect(second.attachments[0]).toMatchObject({ filename: 'bản sao.pdf', sha256: hash });
    expect(filesUnder(path.join(office.dataDir, 'blobs'))).toEqual([path.join(hash.slice(0, 2), hash.slice(2))]);
    expect(first.pageCount).toBe(1);
  });

  it('exports the main PDF exactly as stored, and never over an existing file', async () => {
    const office = await openTestOffice();
    const bytes = await vietnamesePdf(['Kế hoạch tiêm chủng']);
    const doc = await office.call('incoming.register', {
      ...incoming,
      notation: '12/KH-SYT',
      file: { base64: bytes.toString('base64'), filename: 'kh.pdf' },
    });
    const out = path.join(tempDir(), 'xuat.pdf');
    const exported = await office.call('attachments.export', { documentId: doc.id, out });
    expect(exported).toMatchObject({ out, size: bytes.length, sha256: sha256(bytes), filename: 'kh.pdf' });
    expect(sha256(fs.readFileSync(out))).toBe(sha256(bytes));
    await expect(office.call('attachments.export', { documentId: doc.id, out })).rejects.toMatchObject({
      code: 'FILE_EXISTS',
    });
    expect(fs.readdirSync(path.dirname(out))).toEqual(['xuat.pdf']);
  });

  it('notices a stored PDF that was damaged on disk instead of exporting it', async () => {
    const office = await openTestOffice();
    const bytes = await asciiPdf('hop dong');
    const doc = await office.call('incoming.register', {
      ...incoming,
      notation: '12/KH-SYT',
      file: { base64: bytes.toString('base64'), filename: 'a.pdf' },
    });
    const blob = office.core.blobs.pathOf(sha256(bytes));
    fs.writeFileSync(blob, Buffer.concat([bytes.subarray(0, 100), Buffer.from('x'), bytes.subarray(101)]));
    await expect(
      office.call('attachments.export', { documentId: doc.id, out: path.join(tempDir(), 'x.pdf') }),
    ).rejects.toMatchObject({ code: 'BLOB_CORRUPT' });
  });

  it('adds appendices after the main text and indexes their text', async () => {
    const office = await openTestOffice();
    const doc = await office.call('incoming.register', { ...incoming, notation: '12/KH-SYT' });
    expect(doc.attachments).toEqual([]);
    const main = await asciiPdf('Noi dung chinh');
    const appendix = await asciiPdf('Danh sach thon Dong Hai');
    await office.call('attachments.add', {
      documentId: doc.id,
      file: { base64: main.toString('base64'), filename: 'chinh.pdf' },
    });
    const after = await office.call('attachments.add', {
      documentId: doc.id,
      file: { base64: appendix.toString('base64'), filename: 'phu luc.pdf' },
    });
    expect(after.attachments.map((a) => [a.role, a.filename])).toEqual([
      ['main', 'chinh.pdf'],
      ['appendix', 'phu luc.pdf'],
    ]);
    const before = storeFootprint(office);
    const other = await asciiPdf('Mot ban chinh khac');
    await expect(
      office.call('attachments.add', {
        documentId: doc.id,
        role: 'main',
        file: { base64: other.toString('base64'), filename: 'x.pdf' },
      }),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_MAIN_EXISTS' });
    expect(storeFootprint(office)).toEqual(before);
    const found = await office.call('documents.search', { query: 'thon dong hai' });
    expect(found.results.map((d) => d.id)).toEqual([doc.id]);
  });

  it('rejects a text file renamed .pdf and a truncated PDF with a clear reason, leaving no trace', async () => {
    const office = await openTestOffice();
    const dir = tempDir();
    const fake = path.join(dir, 'cong-van.pdf');
    fs.writeFileSync(fake, 'Kính gửi: UBND xã\nĐây là một tệp văn bản, không phải PDF.\n');
    const whole = await asciiPdf('Quyet dinh');
    const truncated = path.join(dir, 'quyet-dinh.pdf');
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const before = storeFootprint(office);

    await expect(
      office.call('incoming.register', { ...incoming, notation: '1/KH', file: { path: fake } }),
    ).rejects.toMatchObject({
      code: 'PDF_NOT_PDF',
      message: matching.stringContaining('không phải là tệp PDF'),
    });
    await expect(
      office.call('incoming.register', { ...incoming, notation: '2/KH', file: { path: truncated } }),
    ).rejects.toMatchObject({
      code: 'PDF_CORRUPT',
      message: matching.stringContaining('bị hỏng hoặc không đầy đủ'),
    });
    expect(storeFootprint(office)).toEqual(before);
  });

  it('rejects a PDF whose body is damaged even when its ends look right', async () => {
    const office = await openTestOffice();
    const whole = await asciiPdf('Quyet dinh');
    const damaged = Buffer.concat([
      whole.subarray(0, 20),
      Buffer.alloc(whole.length - 40, 0x41),
      whole.subarray(whole.length - 20),
    ]);
    const before = storeFootprint(office);
    await expect(
      office.call('incoming.register', {
        ...incoming,
        notation: '2/KH',
        file: { base64: damaged.toString('base64'), filename: 'a.pdf' },
      }),
    ).rejects.toMatchObject({ code: 'PDF_CORRUPT' });
    expect(storeFootprint(office)).toEqual(before);
  });

  it('rejects encrypted PDFs, with or without an open password', async () => {
    const office = await openTestOffice();
    for (const userPassword of ['', 'mo-tep']) {
      const bytes = await asciiPdf('Mat', { ownerPassword: 'chu-so-huu', userPassword });
      await expect(
        office.call('incoming.register', {
          ...incoming,
          notation: '3/KH',
          file: { base64: bytes.toString('base64'), filename: 'mat.pdf' },
        }),
      ).rejects.toMatchObject({ code: 'PDF_ENCRYPTED' });
    }
    expect(storeFootprint(office).documents).toBe(0);
  });

  it('reports a missing file plainly', async () => {
    const office = await openTestOffice();
    await expect(
      office.call('incoming.register', {
        ...incoming,
        notation: '4/KH',
        file: { path: path.join(tempDir(), 'khong-co.pdf') },
      }),
    ).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('sanitizes a hostile attachment name and keeps the bytes inside the data dir', async () => {
    const office = await openTestOffice();
    const outside = path.resolve(office.dataDir, '..', '..', 'x.pdf');
    const existedBefore = fs.existsSync(outside);
    const bytes = await asciiPdf('Bao cao');
    const doc = await office.call('incoming.register', {
      ...incoming,
      notation: '5/KH',
      file: { base64: bytes.toString('base64'), filename: '../../x.pdf' },
    });
    expect(doc.attachments[0]!.filename).toBe('x.pdf');
    expect(fs.existsSync(outside)).toBe(existedBefore);
    const blobPath = office.core.blobs.pathOf(doc.attachments[0]!.sha256);
    expect(path.relative(office.dataDir, blobPath).startsWith('..')).toBe(false);
    expect(fs.existsSync(blobPath)).toBe(true);
  });
});
