// Cấp số puts the number on the file: a draft typed with blanks ("Số:      /KH-UBND",
// "Đông Tiến, ngày      tháng      năm 2026") by Chromium and by LibreOffice is signed by
// the chairman, then issued; the number and the date appear in the blanks, poppler and
// vanthu still call the chairman's signature valid and vanthu names what was filled in,
// then the commune signs and both hold. A file with nowhere to write the number is left
// as it is, and the issue records, for the clerk, that the file does not carry its number.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentView } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { readLayout } from '../../core/documents/pdf.ts';
import { readHeader, type Blank, type NumberOnFile } from '../../core/signing/number-fill.ts';
import { numberOnFileOf } from '../../core/signing/number-on-file.ts';
import {
  chromiumLetter,
  corpusLetter,
  draftNumberAndDate,
  libreOfficeTableLetter,
  libreOfficeTabsLetter,
  scannedLetter,
} from '../../scripts/lib/letter-corpus.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { tempDir, type TestOffice } from '../helpers/office.ts';
import { certificateOf, pdfsig, qpdfCheck, signingOffice, useTokenLab } from '../helpers/signing.ts';

const lab = useTokenLab();

const PRODUCERS = ['chromium', 'libreoffice-table', 'libreoffice-tabs'] as const;
type Producer = (typeof PRODUCERS)[number];
/** Drafts dated in 2026, issued on 5 March 2026. */
const drafts = {} as Record<Producer, Buffer>;
/** A Chromium draft of this year, for the commune's signature, which issues with today's date. */
let thisYearDraft: Buffer;
let today: string;

beforeAll(() => {
  const blanks = draftNumberAndDate(2026);
  drafts.chromium = chromiumLetter('Liberation Serif', blanks);
  drafts['libreoffice-table'] = libreOfficeTableLetter(blanks);
  drafts['libreoffice-tabs'] = libreOfficeTabsLetter(blanks);
  today = localDate(new Date());
  thisYearDraft = chromiumLetter('Liberation Serif', draftNumberAndDate(Number(today.slice(0, 4))));
}, 120_000);

async function draftWith(
  office: TestOffice,
  pdf: Uint8Array,
  dir: string,
  ocr: 'wait' | 'later' = 'wait',
): Promise<string> {
  const file = path.join(dir, 'ke-hoach.pdf');
  fs.writeFileSync(file, pdf);
  const draft = await office.call('outgoing.draft', {
    file: { path: file },
    ocr,
    type: 'KH',
    subject: corpusLetter.subject,
    signerName: corpusLetter.signerName,
    signerTitle: 'Chủ tịch',
  });
  return draft.id;
}

async function sign(office: TestOffice, id: string, as: 'personal' | 'organization') {
  const certificate = await certificateOf(office, lab(), as);
  const result = await office.call('sign.documents', {
    ids: [id],
    certId: certificate.id,
    as,
    pin: lab().tokens.tokens[as].pin,
    modules: [lab().tokens.module],
  });
  expect(result.stoppedAt).toBeNull();
  return result;
}

async function exported(office: TestOffice, id: string, out: string): Promise<Buffer> {
  await office.call('attachments.export', { documentId: id, out });
  return fs.readFileSync(out);
}

/** The text of page 1 as poppler reads it, runs of spaces made one. */
function pageText(file: string): string {
  return execFileSync('pdftotext', ['-l', '1', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
}

interface Raster {
  width: number;
  height: number;
  pixels: Buffer;
}

const DPI = 100;

function render(file: string): Raster {
  const ppm = execFileSync('pdftoppm', ['-r', String(DPI), '-f', '1', '-l', '1', file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PPM image');
  return { width: Number(header[1]), height: Number(header[2]), pixels: ppm.subarray(header[0].length) };
}

/** Where the update drew: pixels clearly darker than before, and how many fall in each blank's box. */
function newInk(before: Raster, after: Raster, blanks: Blank[], pageHeight: number) {
  const scale = DPI / 72;
  // A blank's box: between the words around it, from below the baseline to a capital's height above it.
  const boxes = blanks.map((blank) => ({
    left: Math.floor(blank.from * scale) - 1,
    right: Math.ceil(blank.to * scale) + 1,
    top: Math.floor((pageHeight - blank.y - 0.8 * blank.size) * scale) - 1,
    bottom: Math.ceil((pageHeight - blank.y + 0.3 * blank.size) * scale) + 1,
  }));
  const inBlank = boxes.map(() => 0);
  let outside = 0;
  for (let y = 0; y < after.height; y++)
    for (let x = 0; x < after.width; x++) {
      const offset = (y * after.width + x) * 3;
      const darker = [0, 1, 2].some(
        (channel) => before.pixels[offset + channel]! - after.pixels[offset + channel]! > 60,
      );
      if (!darker) continue;
      const box = boxes.findIndex((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom);
      if (box < 0) outside++;
      else inBlank[box]!++;
    }
  return { inBlank, outside };
}

function versionsOf(office: TestOffice, attachmentId: string) {
  return office.core.db
    .prepare(
      'SELECT sha256, replaced_by AS replacedBy FROM attachment_versions WHERE attachment_id = ? ORDER BY version',
    )
    .all(attachmentId) as { sha256: string; replacedBy: string }[];
}

describe.each(PRODUCERS)('a draft typed in %s', (producer) => {
  it('takes its number and date into the blanks when issued after the chairman signed, his signature still valid', async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    const id = await draftWith(office, drafts[producer], dir);
    await sign(office, id, 'personal');
    const signedPath = path.join(dir, 'chu-tich-da-ky.pdf');
    const signed = await exported(office, id, signedPath);

    // The issue's result carries what was found on the file (DocumentView does not name it yet).
    const issued = (await office.call('outgoing.issue', { id, issuedOn: '2026-03-05' })) as DocumentView & {
      numberOnFile: NumberOnFile;
    };
    expect(issued.notation).toBe('01/KH-UBND');
    const lines = ['Số: 01/KH-UBND', 'Đông Tiến, ngày 05 tháng 3 năm 2026'];
    expect(issued.numberOnFile).toEqual({ number: 'written', date: 'written', why: null, note: null, lines });

    const issuedPath = path.join(dir, 'da-cap-so.pdf');
    const filled = await exported(office, id, issuedPath);
    // One more incremental update: the chairman's bytes are untouched.
    expect(filled.subarray(0, signed.length).equals(signed)).toBe(true);
    expect(qpdfCheck(issuedPath).ok).toBe(true);
    expect(pageText(issuedPath)).toContain('Số: 01/KH-UBND');
    expect(pageText(issuedPath)).toContain('Đông Tiến, ngày 05 tháng 3 năm 2026');

    // The new ink is in the blanks, all of it, and each blank got some.
    const layout = await readLayout(drafts[producer]);
    const header = readHeader(layout, { x: 0, y: 0, width: 595, height: 842 });
    const blanks = [
      ...(header.number.state === 'blank' ? [header.number.blank] : []),
      ...(header.date.state === 'found' ? header.date.blanks : []),
    ];
    expect(blanks.map((blank) => blank.kind)).toEqual(['number', 'day', 'month']);
    const ink = newInk(render(signedPath), render(issuedPath), blanks, 842);
    expect(ink.outside).toBe(0);
    for (const count of ink.inBlank) expect(count).toBeGreaterThan(20);

    const poppler = pdfsig(issuedPath, lab().nssDir);
    expect(poppler.map((signature) => [signature.valid, signature.totalDocument])).toEqual([[true, false]]);
    const verdict = await office.call('verify', { path: issuedPath, online: false });
    expect(verdict.signatures.map((signature) => signature.status)).toEqual(['valid']);
    expect(verdict.signatures[0]!.changesAfter).toEqual({
      bytesAppended: filled.length - signed.length,
      laterSignatures: 0,
      otherRevisions: 0,
      numberFilledIn: lines,
    });
    expect(verdict.signatures[0]!.reason).toContain(
      'Sau chữ ký này, tệp chỉ được ghi thêm số, ký hiệu và ngày ban hành vào chỗ để trống khi cấp số (“Số: 01/KH-UBND”; “Đông Tiến, ngày 05 tháng 3 năm 2026”)',
    );

    // The draft and the chairman's version are kept; the store reads the number off the file.
    const main = (await office.call('documents.get', { id })).attachments[0]!;
    expect(versionsOf(office, main.id).map((version) => version.replacedBy.startsWith('number:'))).toEqual([
      false,
      true,
    ]);
    expect(office.core.blobs.read(versionsOf(office, main.id)[1]!.sha256).equals(signed)).toBe(true);
    expect(numberOnFileOf(office.core.db, id)).toMatchObject({
      number: 'written',
      attachmentId: main.id,
      sha256After: main.sha256,
    });
    expect((await office.call('documents.search', { query: '01/KH-UBND' })).results.map((r) => r.id)).toEqual([id]);

    // The commune signs last: both signatures hold, the number stays.
    const sealed = await sign(office, id, 'organization');
    expect(sealed.signed[0]!.notation).toBe('01/KH-UBND');
    expect(sealed.warnings).toEqual([]);
    const finalPath = path.join(dir, 'ban-hanh.pdf');
    await exported(office, id, finalPath);
    expect(pdfsig(finalPath, lab().nssDir).map((signature) => [signature.valid, signature.totalDocument])).toEqual([
      [true, false],
      [true, true],
    ]);
    const both = await office.call('verify', { path: finalPath, online: false });
    expect(both.signatures.map((signature) => signature.status)).toEqual(['valid', 'valid']);
    expect(both.signatures[0]!.changesAfter).toMatchObject({
      laterSignatures: 1,
      otherRevisions: 0,
      numberFilledIn: lines,
    });
    expect(both.signatures[0]!.reason).toContain('và bổ sung thêm chữ ký khác');
    expect(pageText(finalPath)).toContain('Số: 01/KH-UBND');
  });
});

describe("the commune's signature on a draft", () => {
  it('writes the number it issues onto the file before the seal covers it', async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    const id = await draftWith(office, thisYearDraft, dir);
    await sign(office, id, 'personal');
    const sealed = await sign(office, id, 'organization');
    expect(sealed.signed[0]!.notation).toBe('01/KH-UBND');
    expect(sealed.warnings).toEqual([]);

    const out = path.join(dir, 'ban-hanh.pdf');
    await exported(office, id, out);
    const [year, month, day] = today.split('-').map(Number) as [number, number, number];
    const date = `Đông Tiến, ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? `0${month}` : month} năm ${year}`;
    expect(pageText(out)).toContain('Số: 01/KH-UBND');
    expect(pageText(out)).toContain(date);
    expect(pdfsig(out, lab().nssDir).map((signature) => [signature.valid, signature.totalDocument])).toEqual([
      [true, false],
      [true, true],
    ]);
    const verdict = await office.call('verify', { id, online: false });
    expect(verdict.signatures.map((signature) => signature.status)).toEqual(['valid', 'valid']);
    expect(verdict.signatures[0]!.changesAfter).toMatchObject({
      laterSignatures: 1,
      otherRevisions: 0,
      numberFilledIn: ['Số: 01/KH-UBND', date],
    });
    const main = (await office.call('documents.get', { id })).attachments[0]!;
    expect(numberOnFileOf(office.core.db, id)).toMatchObject({
      number: 'written',
      date: 'written',
      sha256After: main.sha256,
    });
    // The versions are the draft and the chairman's file; the filled file before the seal is inside the sealed one.
    expect(versionsOf(office, main.id)).toHaveLength(2);
  });

  it('issues a draft with no "Số:" line and says the file does not carry the number', async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    const id = await draftWith(
      office,
      await vietnamesePdf([
        'KẾ HOẠCH',
        corpusLetter.subject,
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
        '',
        '',
        corpusLetter.signerName,
      ]),
      dir,
    );
    await sign(office, id, 'personal');
    const sealed = await sign(office, id, 'organization');
    expect(sealed.warnings).toEqual([
      `01/KH-UBND: Tệp không có dòng "Số:" nên tệp không thể hiện số, ký hiệu 01/KH-UBND.`,
    ]);
    expect(numberOnFileOf(office.core.db, id)).toMatchObject({ number: 'missing', why: 'no-number-line' });
    const verdict = await office.call('verify', { id, online: false });
    expect(verdict.signatures.map((signature) => signature.status)).toEqual(['valid', 'valid']);
    expect(verdict.signatures[0]!.changesAfter).not.toHaveProperty('numberFilledIn');
  });
});

describe('issuing a draft whose file has nowhere to write the number', () => {
  it.each([
    {
      file: 'a letter without a "Số:" line',
      pdf: () => vietnamesePdf(['KẾ HOẠCH', corpusLetter.subject, 'Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;']),
      why: 'no-number-line',
      note: 'Tệp không có dòng "Số:" nên tệp không thể hiện số, ký hiệu 01/KH-UBND.',
    },
    {
      file: 'a scan of the draft, its text not read yet',
      pdf: () => scannedLetter(drafts.chromium, 150),
      why: 'no-text-layer',
      note: 'Tệp là bản chụp hoặc bản quét, không có lớp chữ để tìm dòng "Số:", nên tệp không thể hiện số, ký hiệu 01/KH-UBND. Hãy ghi số vào bản giấy hoặc tạo lại tệp có số.',
    },
    {
      file: 'a letter that printed another number already',
      pdf: () => Promise.resolve(chromiumLetter()),
      why: 'other-number',
      note: 'Tệp đã in sẵn một số, ký hiệu khác, không phải số, ký hiệu 01/KH-UBND vừa cấp; tệp không thể hiện số vừa cấp.',
    },
  ])('leaves $file as it is and records that it does not carry its number', async ({ pdf, why, note }) => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    // A scan is stored at once, its OCR left for later: the number must not wait for it.
    const id = await draftWith(office, await pdf(), dir, 'later');
    const before = (await office.call('documents.get', { id })).attachments[0]!;
    const issued = (await office.call('outgoing.issue', { id, issuedOn: '2026-03-05' })) as DocumentView & {
      numberOnFile: NumberOnFile;
    };
    expect(issued.state).toBe('issued');
    expect(issued.numberOnFile).toEqual({ number: 'missing', date: 'missing', why, note, lines: [] });
    const after = (await office.call('documents.get', { id })).attachments[0]!;
    expect(after.sha256).toBe(before.sha256);
    expect(versionsOf(office, after.id)).toEqual([]);
    expect(numberOnFileOf(office.core.db, id)).toEqual({
      number: 'missing',
      date: 'missing',
      why,
      note,
      lines: [],
      attachmentId: after.id,
      sha256Before: before.sha256,
      sha256After: before.sha256,
    });
  });

  it('records a draft with no file at all', async () => {
    const office = await signingOffice(lab());
    const draft = await office.call('outgoing.draft', { type: 'TB', subject: 'Thông báo lịch tiếp công dân' });
    await office.call('outgoing.issue', { id: draft.id, issuedOn: '2026-03-05' });
    expect(numberOnFileOf(office.core.db, draft.id)).toMatchObject({
      number: 'missing',
      why: 'no-file',
      attachmentId: null,
      note: 'Văn bản chưa có tệp, nên số, ký hiệu 01/TB-UBND chưa được ghi vào tệp nào.',
    });
  });
});
