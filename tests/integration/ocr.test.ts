// Offline Vietnamese OCR of scanned letters: with no network at all, page by page
// with progress, stoppable, and never at the cost of the document: a scan whose
// text cannot be read is still registered, with a note saying so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/api.ts';
import { ocrPages } from '../../core/ocr/ocr-client.ts';
import { readingText } from '../../core/documents/page-reading.ts';
import { corpusLetter, libreOfficeTableLetter, scannedLetter } from '../../scripts/lib/letter-corpus.ts';
import { vanthu } from '../helpers/cli.ts';
import { openTestOffice, tempDir } from '../helpers/office.ts';

/** A few days after the corpus letter's date (12/03/2026): the clerk registers it when it arrives. */
const LETTER_READ_AT = '2026-03-16T09:00:00+07:00';

const ROOT = path.resolve(import.meta.dirname, '../..');
let scan: Buffer;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-ocr-'));
  scan = await scannedLetter(libreOfficeTableLetter(), 300);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The scan's page `times` times over, with `blank` (a page of nothing OCR can read) inserted at `at`. */
async function pages(times: number, blank?: { at: number; page: 'damaged-image' }): Promise<Buffer> {
  const source = await PDFDocument.load(scan);
  const out = await PDFDocument.create();
  for (let index = 0; index < times; index++) {
    if (blank?.at === index) {
      // An image whose data is not what its filter says: pdf.js draws nothing for it.
      const page = out.addPage([595.28, 841.89]);
      const image = out.context.stream(Buffer.from('not flate data'), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: 100,
        Height: 100,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
        Filter: 'FlateDecode',
      });
      page.node.setXObject(PDFName.of('Im'), out.context.register(image));
      page.node.set(
        PDFName.of('Contents'),
        out.context.register(out.context.stream('q 500 0 0 700 50 50 cm /Im Do Q')),
      );
    }
    out.addPage((await out.copyPages(source, [0]))[0]);
  }
  return Buffer.from(await out.save());
}

function file(name: string, bytes: Buffer): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, bytes);
  return target;
}

describe('OCR of a scanned letter', () => {
  it('reads it with no network at all: the Vietnamese data comes from the installed package', () => {
    const script = file(
      'offline.mts',
      Buffer.from(
        [
          `import fs from 'node:fs';`,
          `import { ocrPages } from ${JSON.stringify(path.join(ROOT, 'core/ocr/ocr-client.ts'))};`,
          `import { readingText } from ${JSON.stringify(path.join(ROOT, 'core/documents/page-reading.ts'))};`,
          `const [page] = await ocrPages(fs.readFileSync(process.argv[2]), [0]);`,
          `process.stdout.write(JSON.stringify({ failure: page.failure, text: page.reading && readingText(page.reading) }));`,
        ].join('\n'),
      ),
    );
    // A network namespace of its own with no interface up, not even loopback: any download would fail.
    const run = spawnSync(
      'unshare',
      ['--net', process.execPath, '--import', 'tsx', script, file('offline.pdf', scan)],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { failure: string | null; text: string };
    expect(result.failure).toBeNull();
    expect(result.text.normalize('NFC')).toContain(corpusLetter.signerName);
    expect(result.text).toContain(corpusLetter.notation);
  });

  it('reads page by page, telling how far it has got, and a page that draws nothing does not stop the others', async () => {
    const progress: [number, number][] = [];
    const results = await ocrPages(await pages(3, { at: 1, page: 'damaged-image' }), [0, 1, 2, 3], {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect(results.map((result) => result.page)).toEqual([0, 1, 2, 3]);
    const texts = results.map((result) => (result.reading ? readingText(result.reading) : ''));
    expect(texts[0]).toContain(corpusLetter.notation);
    expect(texts[1]?.trim()).toBe('');
    expect(texts[2]).toContain(corpusLetter.notation);
    expect(texts[3]).toContain(corpusLetter.notation);
  });

  it('gives up a host that never answers, page after page, with the reason', async () => {
    const stuck = file('stuck-host.mjs', Buffer.from('process.on("message", () => {}); setInterval(() => {}, 1000);'));
    const results = await ocrPages(scan, [0], {
      pageTimeoutMs: 2000,
      env: { ...process.env, VANTHU_OCR_HOST: stuck },
    });
    expect(results).toEqual([{ page: 0, reading: null, failure: 'timed out after 2 s' }]);
  });
});

describe('registering a scan', () => {
  it('waits for OCR by default: the letter is found by its words, and says its text came from OCR', async () => {
    const events: CoreEvent[] = [];
    // After the letter's own date: a ngày văn bản later than today would need the clerk's confirmation.
    const office = await openTestOffice({ now: LETTER_READ_AT, onEvent: (event) => events.push(event) });
    const registered = await office.call('incoming.register', {
      file: { path: file('scan.pdf', scan) },
      issuerName: corpusLetter.issuer,
      notation: corpusLetter.notation,
      issuedOn: corpusLetter.issuedOn,
      type: 'KH',
      subject: corpusLetter.subject,
    });
    expect(registered.attachments[0]).toMatchObject({ textSource: 'ocr', textNote: null });
    expect(events.filter((event) => event.type === 'ocr.progress')).toEqual([
      { type: 'ocr.progress', label: 'scan.pdf', done: 0, total: 1 },
      { type: 'ocr.progress', label: 'scan.pdf', done: 1, total: 1 },
    ]);
    const found = await office.call('documents.search', { query: 'trinh thi huong' });
    expect(found.results.map((result) => result.id)).toEqual([registered.id]);
  });

  it('stopped while OCR runs, registers the letter at once and reads its text afterwards', async () => {
    let askedForBackground = 0;
    const office = await openTestOffice({
      now: LETTER_READ_AT,
      onEvent: (event) => {
        // The clerk presses "Dừng" as soon as the first page starts.
        if (event.type === 'ocr.progress' && event.done === 0) void office.call('ocr.cancel', {});
      },
      readOwedInBackground: () => askedForBackground++,
    });
    const registered = await office.call('incoming.register', {
      file: { path: file('scan-3.pdf', await pages(3)) },
      issuerName: corpusLetter.issuer,
      notation: corpusLetter.notation,
      issuedOn: corpusLetter.issuedOn,
      type: 'KH',
      subject: corpusLetter.subject,
    });
    expect(registered.attachments[0]?.textSource).toBe('pending');
    expect(askedForBackground).toBe(1);
    expect((await office.call('documents.search', { query: 'trinh thi huong' })).results).toEqual([]);

    expect(await office.call('documents.reread', { ocr: true })).toMatchObject({
      ocred: 1,
      unreadable: 0,
      remaining: 0,
      busy: false,
    });
    const read = await office.call('documents.get', { id: registered.id });
    expect(read.attachments[0]).toMatchObject({ textSource: 'ocr', textNote: null });
    expect((await office.call('documents.search', { query: 'trinh thi huong' })).results.map((r) => r.id)).toEqual([
      registered.id,
    ]);
  });

  it('keeps a scan OCR cannot read, with a note saying so, and finds it by what the clerk typed', async () => {
    const broken = file('missing-host.mjs', Buffer.from('process.exit(3);'));
    const previous = process.env.VANTHU_OCR_HOST;
    process.env.VANTHU_OCR_HOST = broken;
    try {
      const office = await openTestOffice({ now: LETTER_READ_AT });
      const registered = await office.call('incoming.register', {
        // Two pages: bytes no other test has had read (OCR remembers the pages it has read).
        file: { path: file('unreadable.pdf', await pages(2)) },
        issuerName: corpusLetter.issuer,
        notation: corpusLetter.notation,
        issuedOn: corpusLetter.issuedOn,
        type: 'KH',
        subject: 'Kế hoạch chỉnh lý hồ sơ địa chính',
      });
      expect(registered.attachments[0]?.textSource).toBe('none');
      expect(registered.attachments[0]?.textNote).toMatch(/^Không nhận dạng được chữ trong tệp này \(trang 1, 2\)/);
      expect(fs.existsSync(office.core.blobs.pathOf(registered.attachments[0]!.sha256))).toBe(true);
      const found = await office.call('documents.search', { query: 'chinh ly ho so' });
      expect(found.results.map((result) => result.id)).toEqual([registered.id]);
    } finally {
      if (previous === undefined) delete process.env.VANTHU_OCR_HOST;
      else process.env.VANTHU_OCR_HOST = previous;
    }
  });
});

describe('from the command line', () => {
  it('`incoming read` prints what the UI pre-fills, and where it was read from', () => {
    const data = tempDir();
    expect(vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']).status).toBe(0);
    const scanned = file('doc-ocr.pdf', scan);
    const read = vanthu<{ textSource: string; notation: string; issuerName: string; subject: string }>(data, [
      'incoming',
      'read',
      scanned,
    ]);
    expect(read.status, read.stderr).toBe(0);
    expect(read.json).toMatchObject({
      textSource: 'ocr',
      notation: corpusLetter.notation,
      issuerName: corpusLetter.issuer,
      subject: corpusLetter.subject,
    });
    expect(read.stderr).toContain('Đang nhận dạng chữ (OCR) doc-ocr.pdf: trang 1/1');
    const skipped = vanthu<{ textSource: string; notation: string | null }>(data, [
      'incoming',
      'read',
      scanned,
      '--no-ocr',
    ]);
    expect(skipped.json).toMatchObject({ textSource: 'none', notation: null });
  });

  it('`incoming add --no-ocr` registers at once; the OCR that follows in the background makes the letter findable', async () => {
    const data = tempDir();
    expect(vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']).status).toBe(0);
    const added = vanthu<{ id: string; attachments: { textSource: string }[] }>(data, [
      'incoming',
      'add',
      file('later.pdf', scan),
      '--from',
      corpusLetter.issuer,
      '--number',
      corpusLetter.notation,
      '--issued',
      corpusLetter.issuedOn,
      '--type',
      'KH',
      '--subject',
      corpusLetter.subject,
      '--no-ocr',
    ]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.json.attachments[0]?.textSource).toBe('pending');
    // The detached `vanthu reindex` the command started: wait for it to read the scan (or for a minute).
    const deadline = Date.now() + 60_000;
    let source = 'pending';
    while (source === 'pending' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      source = vanthu<{ attachments: { textSource: string }[] }>(data, ['show', added.json.id]).json.attachments[0]!
        .textSource;
    }
    expect(source).toBe('ocr');
    const found = vanthu<{ results: { id: string }[] }>(data, ['search', 'trinh thi huong']);
    expect(found.json.results.map((result) => result.id)).toEqual([added.json.id]);
  });
});
