// Real PDFs for tests and seed data, made with pdf-lib: Vietnamese text needs an embedded
// font with its glyphs (DejaVu Sans, Debian's fonts-dejavu-core).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';
import fontkit from '@pdf-lib/fontkit';

const VIETNAMESE_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
let fontBytes: Buffer | undefined;

/**
 * A PDF whose text layer holds the given lines, diacritics and all. `scanBytes` adds an
 * image of exactly that many random bytes, as a scanned page would: a size a test can
 * count on whatever the font file installed.
 */
export async function vietnamesePdf(lines: string[], options: { scanBytes?: number } = {}): Promise<Buffer> {
  fontBytes ??= fs.readFileSync(VIETNAMESE_FONT);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes, { subset: false });
  const page = doc.addPage();
  lines.forEach((line, index) => page.drawText(line, { x: 50, y: 780 - index * 18, size: 12, font }));
  if (options.scanBytes) page.node.setXObject(PDFName.of('Scan'), scanImage(doc, options.scanBytes));
  return Buffer.from(await doc.save());
}

function scanImage(doc: PDFDocument, bytes: number) {
  const scan = doc.context.stream(randomBytes(bytes), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: 1,
    Height: 1,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  return doc.context.register(scan);
}

/**
 * A small PDF with ASCII text in a standard font: cheap enough to make by the
 * thousand. Long text is wrapped onto lines.
 */
export async function asciiPdf(
  text: string,
  options: { ownerPassword?: string; userPassword?: string } = {},
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  wrap(text, 95).forEach((line, index) => page.drawText(line, { x: 50, y: 780 - index * 16, size: 11, font }));
  if (options.ownerPassword !== undefined) {
    doc.encrypt({ ownerPassword: options.ownerPassword, userPassword: options.userPassword ?? '' });
  }
  return Buffer.from(await doc.save());
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, 45);
}

/**
 * A one-page PDF of about `bytes` bytes: the text, plus an image-like stream
 * of random bytes standing in for a scan (scans do not compress, research §2.1).
 */
export async function scanSizedPdf(text: string, bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  wrap(text, 95).forEach((line, index) => page.drawText(line, { x: 50, y: 780 - index * 16, size: 11, font }));
  const base = Buffer.from(await doc.save({ useObjectStreams: false }));
  page.node.setXObject(PDFName.of('Scan'), scanImage(doc, Math.max(0, bytes - base.length - 64)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
