// A store upgraded from a version before the page reading: its letters were
// indexed by joining pdf.js's pieces with spaces ("Lê Văn Đ ứ c"), so searching
// "Le Van Duc" found nothing. After the upgrade the app reads them again in
// the background, with progress, and they become findable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/bridge.ts';
import { getBlobLayout } from '../../core/db/attachments.ts';
import { openPdf } from '../../core/documents/pdf.ts';
import { READING_VERSION } from '../../core/documents/pdf-text.ts';
import { openAppHost } from '../../core/host/app-host.ts';
import { chromiumLetter, corpusLetter } from '../../scripts/lib/letter-corpus.ts';
import { openTestOffice, tempDir } from '../helpers/office.ts';

let letter: Buffer;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-upgrade-'));
  // A Times-like font without Vietnamese letters: Chromium breaks the words at each letter it takes elsewhere.
  letter = chromiumLetter('Nimbus Roman');
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What the version before the page reading stored for a PDF: pdf.js's pieces joined by spaces. */
async function oldText(bytes: Buffer): Promise<string> {
  const loading = await openPdf(bytes);
  try {
    const pdf = await loading.promise;
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return pages.join('\n').normalize('NFC');
  } finally {
    await loading.destroy();
  }
}

describe('a store from before the page reading', () => {
  it('reads its letters again in the background after the upgrade, and they become findable', async () => {
    const dataDir = tempDir();
    // After the letter's own date (12/03/2026): the clerk registers it when it arrives.
    const office = await openTestOffice({ dataDir, now: '2026-03-16T09:00:00+07:00' });
    const file = path.join(dir, 'ke-hoach.pdf');
    fs.writeFileSync(file, letter);
    const registered = await office.call('incoming.register', {
      file: { path: file },
      issuerName: corpusLetter.issuer,
      notation: '72/KH-UBND',
      issuedOn: corpusLetter.issuedOn,
      type: 'KH',
      subject: 'Kế hoạch năm 2026',
    });
    // The store as the previous version left it: old text, old layout, no reading version, nothing printed noted.
    const sha256 = registered.attachments[0]!.sha256;
    const stale = await oldText(letter);
    expect(stale).toContain('Đ ứ c');
    office.core.db
      .prepare(
        `UPDATE blobs SET text = ?, reading = 0, text_source = 'pdf', printed_notation = NULL,
           layout = '[{"page":0,"text":"le van d","x":300,"y":100,"width":50,"height":13}]' WHERE sha256 = ?`,
      )
      .run(stale, sha256);
    const seq = (office.core.db.prepare('SELECT seq FROM documents WHERE id = ?').get(registered.id) as { seq: number })
      .seq;
    office.core.db.prepare('UPDATE documents_fts SET body = ?, code = ? WHERE rowid = ?').run(stale, '72 kh ubnd', seq);
    expect((await office.call('documents.search', { query: 'Le Van Duc' })).results).toEqual([]);
    // Signing before the re-read must not place a signature from the old layout's shape: it reads the PDF itself.
    expect(getBlobLayout(office.core.db, sha256, READING_VERSION)).toBeNull();
    office.core.close();

    // The app starts on the upgraded store.
    const events: AppEvent[] = [];
    const host = openAppHost({ dataDir, actor: 'van-thu' });
    host.subscribe((event) => events.push(event));
    try {
      const deadline = Date.now() + 60_000;
      const finished = () =>
        events.some((event) => event.type === 'reading.progress' && event.total > 0 && event.done === event.total);
      while (!finished() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(events.filter((event) => event.type === 'reading.progress')).toEqual([
        { type: 'reading.progress', done: 0, total: 1 },
        { type: 'reading.progress', done: 1, total: 1 },
      ]);
      for (const query of ['Le Van Duc', 'ho so dia chinh', corpusLetter.notation]) {
        const found = await host.call('documents.search', { query });
        expect(found).toMatchObject({ ok: true, value: { results: [{ id: registered.id }] } });
      }
    } finally {
      await host.close();
    }
  });
});
