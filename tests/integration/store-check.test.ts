import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asciiPdf } from '../../scripts/lib/make-pdf.ts';
import { vanthu } from '../helpers/cli.ts';
import { openTestOffice } from '../helpers/office.ts';

async function officeWithPdfs(count: number) {
  const office = await openTestOffice();
  const hashes: string[] = [];
  for (let i = 0; i < count; i++) {
    const pdf = await asciiPdf(`Cong van so ${i}`);
    const doc = await office.call('incoming.register', {
      issuerName: 'UBND huyện Quảng Xương',
      notation: `${i + 1}/UBND-VP`,
      issuedOn: '2026-03-01',
      type: 'CV',
      subject: `Về việc kiểm tra số ${i}`,
      file: { base64: pdf.toString('base64'), filename: `cv${i}.pdf` },
    });
    hashes.push(doc.attachments[0]!.sha256);
  }
  return { office, hashes };
}

describe('store check', () => {
  it('finds a healthy store healthy', async () => {
    const { office } = await officeWithPdfs(3);
    expect(await office.call('store.check', {})).toEqual({
      ok: true,
      database: { ok: true, problems: [] },
      searchIndex: { ok: true },
      audit: { ok: true, rows: 4, firstBrokenRow: null, reason: null },
      pdfs: { checked: 3, missing: [], corrupt: [], unreferenced: 0 },
      handling: { ok: true, checked: 0, mismatched: [] },
    });
  });

  it('names a PDF gone from the disk and one damaged on it, and exits 1', async () => {
    const { office, hashes } = await officeWithPdfs(3);
    fs.rmSync(office.core.blobs.pathOf(hashes[0]!));
    fs.appendFileSync(office.core.blobs.pathOf(hashes[1]!), 'x');
    const report = await office.call('store.check', {});
    expect(report).toMatchObject({ ok: false, pdfs: { checked: 3, missing: [hashes[0]], corrupt: [hashes[1]] } });
    office.core.close();
    const cli = vanthu(office.dataDir, ['check'], { json: false });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('thiếu 1, hỏng 1');
  });

  it('counts files no document refers to without calling the store broken', async () => {
    const { office } = await officeWithPdfs(1);
    office.core.blobs.put(await asciiPdf('left by an interrupted registration'));
    expect(await office.call('store.check', {})).toMatchObject({ ok: true, pdfs: { unreferenced: 1 } });
  });

  it('notices a search index that no longer matches the registers', async () => {
    const { office } = await officeWithPdfs(2);
    office.core.db.prepare('DELETE FROM documents_fts WHERE rowid = (SELECT MIN(seq) FROM documents)').run();
    expect(await office.call('store.check', {})).toMatchObject({ ok: false, searchIndex: { ok: false } });
  });
});
