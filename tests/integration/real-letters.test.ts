// The same Decree 30 letter as eleven real producers make it (scripts/lib/letter-corpus.ts):
// Chromium (with and without a font that lacks Vietnamese letters), LibreOffice with a table
// header and with tab stops, cairo, Ghostscript, decomposed Unicode, fonts stripped of their
// ToUnicode maps, and grey scans at 300 and 200 dpi. For every one: search finds it without
// diacritics, header reading gets its fields (the scans and the unmapped fonts through OCR),
// and the chairman's and the commune's signatures land where Decree 30 puts them, valid for
// poppler, with no new black on any word of the page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, corpusLetter, type CorpusPdf, type CorpusProducer } from '../../scripts/lib/letter-corpus.ts';
import { tempDir } from '../helpers/office.ts';
import { certificateOf, pdfsig, signingOffice, useTokenLab } from '../helpers/signing.ts';

const lab = useTokenLab();
let corpus: CorpusPdf[];
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-real-letters-'));
  corpus = await buildCorpus(dir);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PRODUCERS: CorpusProducer[] = [
  'chromium',
  'chromium-fallback',
  'cairo-fallback',
  'libreoffice-table',
  'libreoffice-tabs',
  'cairo',
  'ghostscript',
  'nfd',
  'no-tounicode',
  'scan-300',
  'scan-200-noisy',
];
const letter = (producer: CorpusProducer) => corpus.find((entry) => entry.producer === producer)!;

/** A page rendered by poppler at `dpi`, RGB. */
interface Raster {
  width: number;
  height: number;
  pixels: Buffer;
}

function render(file: string, dpi: number): Raster {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PPM image');
  return { width: Number(header[1]), height: Number(header[2]), pixels: ppm.subarray(header[0].length) };
}

const at = (raster: Raster, x: number, y: number) => {
  const offset = (y * raster.width + x) * 3;
  return [raster.pixels[offset]!, raster.pixels[offset + 1]!, raster.pixels[offset + 2]!] as const;
};
// Black or grey: text, captions. The signature is blue and the seal red: colour, not black.
const isDark = ([r, g, b]: readonly [number, number, number]) => Math.max(r, g, b) < 100;
const isBlue = ([r, g, b]: readonly [number, number, number]) => b > 120 && b > r + 40 && b > g + 40;

/**
 * Where the signature went, read off the pixels alone: the blue ink's box; whether the original
 * page had ink right above and right below it in those columns (the title and the name) and
 * none inside it; and how many black pixels are new and sit on (or touch) the original's ink.
 */
function inspectSignedPage(before: Raster, after: Raster) {
  let box = { left: Infinity, top: Infinity, right: -1, bottom: -1 };
  for (let y = 0; y < after.height; y++)
    for (let x = 0; x < after.width; x++) {
      if (!isBlue(at(after, x, y))) continue;
      box = {
        left: Math.min(box.left, x),
        top: Math.min(box.top, y),
        right: Math.max(box.right, x),
        bottom: Math.max(box.bottom, y),
      };
    }
  const inkRows = (from: number, to: number) => {
    const rows: number[] = [];
    for (let y = Math.max(0, from); y < Math.min(before.height, to); y++)
      for (let x = box.left; x <= box.right; x++)
        if (isDark(at(before, x, y))) {
          rows.push(y);
          break;
        }
    return rows;
  };
  const reach = Math.round(before.height * 0.06);
  // What the original page has where a word is: its dark pixels and a pixel around them.
  const onWords = (x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx >= 0 && ny >= 0 && nx < before.width && ny < before.height && isDark(at(before, nx, ny))) return true;
      }
    return false;
  };
  let newDarkOnWords = 0;
  for (let y = 0; y < after.height; y++)
    for (let x = 0; x < after.width; x++)
      if (isDark(at(after, x, y)) && !isDark(at(before, x, y)) && onWords(x, y)) newDarkOnWords++;
  return {
    found: box.right >= 0,
    originalInkInside: inkRows(box.top, box.bottom + 1).length,
    inkAbove: inkRows(box.top - reach, box.top).length > 0,
    inkBelow: inkRows(box.bottom + 1, box.bottom + 1 + reach).length > 0,
    newDarkOnWords,
  };
}

describe.each(PRODUCERS)('a letter made by %s', (producer) => {
  it('is found by the signer, a phrase of its body and its printed số/ký hiệu, typed without diacritics', async () => {
    const office = await signingOffice(lab());
    const registered = await office.call('incoming.register', {
      file: { path: letter(producer).file },
      issuerName: 'UBND xã Đông Tiến',
      // The clerk mistyped the number: the letter's own "Số: 27/KH-UBND" still finds it.
      notation: '72/KH-UBND',
      issuedOn: '2026-03-12',
      type: 'KH',
      subject: 'Kế hoạch năm 2026',
    });
    const main = registered.attachments[0]!;
    expect(main.textSource).toBe(letter(producer).textLayer === 'pdf' ? 'pdf' : 'ocr');
    for (const query of ['Le Van Duc', 'ho so dia chinh', 'trinh thi huong', corpusLetter.notation]) {
      const { results } = await office.call('documents.search', { query });
      expect(
        results.map((result) => result.id),
        query,
      ).toEqual([registered.id]);
    }
  });

  it('reads its header: số/ký hiệu, date, issuer and its parent, type and trích yếu', async () => {
    const office = await signingOffice(lab());
    const view = await office.call('incoming.prefill', { file: { path: letter(producer).file } });
    expect(view).toMatchObject({
      textSource: letter(producer).textLayer === 'pdf' ? 'pdf' : 'ocr',
      notation: corpusLetter.notation,
      issuedOn: corpusLetter.issuedOn,
      issuerName: corpusLetter.issuer,
      type: corpusLetter.typeKey,
      subject: corpusLetter.subject,
    });
  });

  it('takes the chairman’s and the commune’s signatures between the title and the name, valid for poppler', async () => {
    const office = await signingOffice(lab());
    const work = tempDir();
    const source = path.join(work, `${producer}.pdf`);
    fs.copyFileSync(letter(producer).file, source);
    const draft = await office.call('outgoing.draft', {
      file: { path: source },
      type: 'KH',
      subject: corpusLetter.subject,
      signerName: corpusLetter.signerName,
      signerTitle: 'Chủ tịch',
    });
    for (const [as, pin] of [
      ['personal', lab().tokens.tokens.personal.pin],
      ['organization', lab().tokens.tokens.organization.pin],
    ] as const) {
      const certificate = await certificateOf(office, lab(), as);
      const result = await office.call('sign.documents', {
        ids: [draft.id],
        certId: certificate.id,
        as,
        pin,
        modules: [lab().tokens.module],
      });
      expect(result.stoppedAt).toBeNull();
    }
    const signed = path.join(work, 'signed.pdf');
    await office.call('attachments.export', { documentId: draft.id, out: signed });
    expect(pdfsig(signed, lab().nssDir).map((signature) => signature.valid)).toEqual([true, true]);

    const page = inspectSignedPage(render(source, 100), render(signed, 100));
    expect(page.found).toBe(true);
    expect(page.originalInkInside).toBe(0);
    expect(page.inkAbove).toBe(true);
    expect(page.inkBelow).toBe(true);
    expect(page.newDarkOnWords).toBe(0);
  });
});
