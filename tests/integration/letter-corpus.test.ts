// The letter corpus checked with poppler's own tools, not with the reading code it exists to test:
// if a producer changes what it writes, this suite says so before the reading tests do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, corpusLetter, type CorpusPdf, type CorpusProducer } from '../../scripts/lib/letter-corpus.ts';

const MAKERS: Record<CorpusProducer, RegExp> = {
  chromium: /^Producer:\s+Skia\/PDF/m,
  'chromium-fallback': /^Producer:\s+Skia\/PDF/m,
  'cairo-fallback': /^Producer:\s+cairo/m,
  'libreoffice-table': /^Producer:\s+LibreOffice/m,
  'libreoffice-tabs': /^Producer:\s+LibreOffice/m,
  cairo: /^Producer:\s+cairo/m,
  ghostscript: /^Producer:\s+GPL Ghostscript/m,
  nfd: /^Producer:\s+LibreOffice/m,
  // qpdf keeps the document information of the PDF it strips.
  'no-tounicode': /^Producer:\s+Skia\/PDF/m,
  'scan-300': /^Creator:\s+pdftoppm 300 dpi/m,
  'scan-200-noisy': /^Creator:\s+pdftoppm 200 dpi/m,
};
const PRODUCERS = Object.keys(MAKERS) as CorpusProducer[];
const TEXT_PRODUCERS: CorpusProducer[] = [
  'chromium',
  'chromium-fallback',
  'cairo-fallback',
  'libreoffice-table',
  'libreoffice-tabs',
  'cairo',
  'ghostscript',
  'nfd',
];
// A4 is 210 × 297 mm; a scan's page is its pixels at its resolution, a pixel either way.
const SCANS = [
  { producer: 'scan-300', dpi: 300, width: 2480, height: 3508 },
  { producer: 'scan-200-noisy', dpi: 200, width: 1654, height: 2339 },
] as const;

let dir: string;
let corpus: CorpusPdf[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-letter-corpus-'));
  corpus = await buildCorpus(dir);
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const tool = (command: string, ...args: string[]) => execFileSync(command, [...args], { encoding: 'utf8' });
const fileOf = (producer: CorpusProducer) => path.join(dir, `${producer}.pdf`);
// On the fallback letters poppler's layout analysis parts a word's Type 3 glyphs from its TrueType ones
// (their boxes differ); in content-stream order (-raw) it reads them as drawn.
const RAW_ORDER: CorpusProducer[] = ['chromium-fallback', 'cairo-fallback'];
const textOf = (producer: CorpusProducer) =>
  tool('pdftotext', ...(RAW_ORDER.includes(producer) ? ['-raw'] : []), fileOf(producer), '-');
// What a person reading the page sees: composed letters, and a line break is a space.
const readingOf = (producer: CorpusProducer) => textOf(producer).normalize('NFC').replace(/\s+/g, ' ');

interface FontRow {
  name: string;
  toUnicode: boolean;
}

// pdffonts prints a two-line heading, then one font a line; the type may hold a space ("CID TrueType"),
// so the columns are counted from the right: … emb sub uni object ID.
function fontsOf(producer: CorpusProducer): FontRow[] {
  return tool('pdffonts', fileOf(producer))
    .trim()
    .split('\n')
    .slice(2)
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      return { name: columns[0] ?? '', toUnicode: columns[columns.length - 3] === 'yes' };
    });
}

interface ImageRow {
  type: string;
  width: number;
  height: number;
  color: string;
  components: number;
  bitsPerComponent: number;
  xPpi: number;
}

// pdfimages -list: page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio.
function imagesOf(producer: CorpusProducer): ImageRow[] {
  return tool('pdfimages', '-list', fileOf(producer))
    .trim()
    .split('\n')
    .slice(2)
    .map((line) => {
      const [, , type = '', width, height, color = '', components, bitsPerComponent, , , , , xPpi] = line
        .trim()
        .split(/\s+/);
      return {
        type,
        width: Number(width),
        height: Number(height),
        color,
        components: Number(components),
        bitsPerComponent: Number(bitsPerComponent),
        xPpi: Number(xPpi),
      };
    });
}

describe('the letter corpus', () => {
  it('holds every producer once, each also written where the tools can read it', () => {
    expect(corpus.map((entry) => entry.producer)).toEqual(PRODUCERS);
    for (const entry of corpus) {
      expect(entry.file).toBe(fileOf(entry.producer));
      expect(fs.readFileSync(entry.file).equals(entry.pdf)).toBe(true);
    }
  });

  it.each(PRODUCERS)('%s gives one A4 page and names the tool that made it', (producer) => {
    const info = tool('pdfinfo', fileOf(producer));
    expect(info).toMatch(/^Pages:\s+1$/m);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
    expect(Math.abs(Number(size?.[1]) - 595.28)).toBeLessThan(1);
    expect(Math.abs(Number(size?.[2]) - 841.89)).toBeLessThan(1);
    expect(info).toMatch(MAKERS[producer]);
  });

  it('says which letters have a text layer that reads', () => {
    const withText = corpus.filter((entry) => entry.textLayer === 'pdf').map((entry) => entry.producer);
    expect(withText).toEqual(TEXT_PRODUCERS);
  });

  it.each(TEXT_PRODUCERS)(
    '%s: pdftotext reads the number, the subject, the body, the officer and the signer',
    (producer) => {
      const reading = readingOf(producer);
      expect(reading).toContain(corpusLetter.notation);
      expect(reading).toContain(corpusLetter.subject);
      expect(reading).toContain(corpusLetter.bodyPhrase);
      expect(reading).toContain(corpusLetter.officer);
      for (const line of corpusLetter.signerTitle) expect(reading).toContain(line);
      expect(reading).toContain(corpusLetter.signerName);
    },
  );

  it('nfd: the text layer holds the letters decomposed, base letter then combining marks', () => {
    const text = textOf('nfd');
    expect(text).toMatch(/[\u0300-\u036f]/);
    expect(text).toBe(text.normalize('NFD'));
    expect(text).not.toContain(corpusLetter.signerName);
    expect(text).toContain(corpusLetter.signerName.normalize('NFD'));
  });

  it('chromium-fallback: the words are drawn in two kinds of font, their Vietnamese letters from the fallback', () => {
    for (const producer of ['chromium-fallback', 'cairo-fallback'] as const) {
      const names = fontsOf(producer).map((font) => font.name);
      // Nimbus Roman's glyphs come out as Type 3 fonts with no name; the letters it lacks, from Liberation Serif.
      expect(names.some((name) => name.includes('LiberationSerif'))).toBe(true);
      expect(names.some((name) => !name.includes('LiberationSerif'))).toBe(true);
    }
  });

  it('no-tounicode: the glyphs are there, but no font maps them back to text', () => {
    const fonts = fontsOf('no-tounicode');
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => font.toUnicode)).toEqual([]);
    const reading = readingOf('no-tounicode');
    expect(reading.trim()).not.toBe('');
    expect(reading).not.toContain(corpusLetter.signerName);
    expect(reading).not.toContain(corpusLetter.notation);
    expect(reading).not.toContain(corpusLetter.bodyPhrase);
  });

  it.each(SCANS)(
    '$producer: one grey picture of the page at $dpi dpi and no font',
    ({ producer, dpi, width, height }) => {
      const images = imagesOf(producer);
      expect(images).toHaveLength(1);
      const [image] = images;
      expect(image).toMatchObject({ type: 'image', color: 'gray', components: 1, bitsPerComponent: 8 });
      expect(Math.abs((image?.width ?? 0) - width)).toBeLessThanOrEqual(1);
      expect(Math.abs((image?.height ?? 0) - height)).toBeLessThanOrEqual(1);
      expect(image?.xPpi).toBeCloseTo(dpi, 0);
      expect(fontsOf(producer)).toEqual([]);
      expect(textOf(producer).trim()).toBe('');
    },
  );
});
