// The font and images a signature appearance draws with, prepared once per
// process and copied into each signed PDF as ready-made streams. Subsetting a
// font and re-encoding a PNG for every document cost more than signing it.
//
// The font is Liberation Serif (Times New Roman metrics, as Decree 30 asks),
// cut down to the glyphs of Vietnamese and Western text: a Type0 font with
// Identity-H encoding whose CIDs are the subset's glyph ids, so any signer
// or agency name renders, and text extraction works through ToUnicode.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import fontkit from '@cantoo/fontkit';
import { type PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFString, type PDFContext } from '@cantoo/pdf-lib';
import { AppError } from '../../../shared/errors.ts';

const FONT_PATH = path.join(import.meta.dirname, '../../../assets/fonts/LiberationSerif-Regular.ttf');
const FONT_NAME = 'VNTHUA+LiberationSerif';

// Basic Latin, Latin-1, Latin Extended-A, ơ ư Ơ Ư, Vietnamese precomposed letters, common punctuation.
const CHARACTER_RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x100, 0x17f],
  [0x1a0, 0x1b0],
  [0x1ea0, 0x1ef9],
  [0x2010, 0x2026],
];

interface FontFace {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; path: { toSVG(): string } } | null;
  createSubset(): { includeGlyph(glyph: number): number; encode(): Uint8Array };
}

interface AppearanceFont {
  face: FontFace;
  /** Unicode code point → CID and advance width in 1/1000 em. */
  glyphs: Map<number, { cid: number; width: number }>;
  fontFile: { deflated: Buffer; length: number };
  toUnicode: Buffer;
  widths: number[];
  descriptor: { bbox: [number, number, number, number]; ascent: number; descent: number; capHeight: number };
}

let font: AppearanceFont | null = null;

function appearanceFont(): AppearanceFont {
  if (font) return font;
  const face = fontkit.create(fs.readFileSync(FONT_PATH)) as unknown as FontFace;
  const scale = 1000 / face.unitsPerEm;
  const subset = face.createSubset();
  const glyphs = new Map<number, { cid: number; width: number }>();
  const widths: number[] = [0];
  for (const [from, to] of CHARACTER_RANGES) {
    for (let codePoint = from; codePoint <= to; codePoint++) {
      const glyph = face.glyphForCodePoint(codePoint);
      if (!glyph || glyph.id === 0) continue;
      const cid = subset.includeGlyph(glyph.id);
      const width = Math.round(glyph.advanceWidth * scale);
      widths[cid] = width;
      glyphs.set(codePoint, { cid, width });
    }
  }
  const ttf = Buffer.from(subset.encode());
  font = {
    face,
    glyphs,
    fontFile: { deflated: deflateSync(ttf), length: ttf.length },
    toUnicode: deflateSync(toUnicodeCMap(glyphs)),
    widths: Array.from(widths, (width) => width ?? 0),
    descriptor: {
      bbox: [face.bbox.minX, face.bbox.minY, face.bbox.maxX, face.bbox.maxY].map((value) =>
        Math.round(value * scale),
      ) as [number, number, number, number],
      ascent: Math.round(face.ascent * scale),
      descent: Math.round(face.descent * scale),
      capHeight: Math.round(face.capHeight * scale),
    },
  };
  return font;
}

/** Text as the hex string of its CIDs, for `Tj`; characters outside the font become the missing glyph. */
export function encodeText(text: string): string {
  const glyphs = appearanceFont().glyphs;
  let hex = '';
  for (const char of text.normalize('NFC'))
    hex += (glyphs.get(char.codePointAt(0)!)?.cid ?? 0).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

export function textWidth(text: string, size: number): number {
  const glyphs = appearanceFont().glyphs;
  let width = 0;
  for (const char of text.normalize('NFC')) width += glyphs.get(char.codePointAt(0)!)?.width ?? 0;
  return (width * size) / 1000;
}

/** Ascent and descent (negative) of the font, in 1/1000 em: how far text reaches above and below its baseline. */
export function fontMetrics(): { ascent: number; descent: number } {
  const { ascent, descent } = appearanceFont().descriptor;
  return { ascent, descent };
}

/**
 * How Liberation Serif draws a character: its outline (as SVG path data, in font units) and its
 * advance in 1/1000 em; null for a character it lacks. What a verifier compares an embedded
 * glyph with, whichever subset of the font a file carries.
 */
export function referenceGlyph(codePoint: number): { outline: string; width: number } | null {
  const { face } = appearanceFont();
  const glyph = face.glyphForCodePoint(codePoint);
  if (!glyph || glyph.id === 0) return null;
  return { outline: glyph.path.toSVG(), width: Math.round((glyph.advanceWidth * 1000) / face.unitsPerEm) };
}

/** The font's em in font units: what its outlines are measured in. */
export function referenceUnitsPerEm(): number {
  return appearanceFont().face.unitsPerEm;
}

/** Adds the font to the document (fresh objects, shared bytes) and returns its reference; widths only for what `texts` uses. */
export function registerFont(context: PDFContext, texts: string[]): PDFRef {
  const prepared = appearanceFont();
  const used = new Set<number>();
  for (const text of texts)
    for (const char of text.normalize('NFC')) used.add(prepared.glyphs.get(char.codePointAt(0)!)?.cid ?? 0);
  const widths = [...used].sort((a, b) => a - b).flatMap((cid) => [cid, [prepared.widths[cid] ?? 0]]);
  const fontFile = context.register(
    PDFRawStream.of(
      context.obj({
        Filter: 'FlateDecode',
        Length1: prepared.fontFile.length,
        Length: prepared.fontFile.deflated.length,
      }),
      prepared.fontFile.deflated,
    ),
  );
  const toUnicode = context.register(
    PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length: prepared.toUnicode.length }), prepared.toUnicode),
  );
  const { bbox, ascent, descent, capHeight } = prepared.descriptor;
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: FONT_NAME,
      // Serif (2) + Nonsymbolic (32).
      Flags: 34,
      FontBBox: bbox,
      ItalicAngle: 0,
      Ascent: ascent,
      Descent: descent,
      CapHeight: capHeight,
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  const descendant = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: FONT_NAME,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: widths,
      CIDToGIDMap: 'Identity',
    }),
  );
  return context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: FONT_NAME,
      Encoding: 'Identity-H',
      DescendantFonts: [descendant],
      ToUnicode: toUnicode,
    }),
  );
}

function toUnicodeCMap(glyphs: Map<number, { cid: number }>): Buffer {
  const entries = [...glyphs].map(
    ([codePoint, { cid }]) => `<${cid.toString(16).padStart(4, '0')}> <${codePoint.toString(16).padStart(4, '0')}>`,
  );
  const chunks: string[] = [];
  // A bfchar block holds at most 100 entries (Adobe technical note 5411).
  for (let start = 0; start < entries.length; start += 100) {
    const block = entries.slice(start, start + 100);
    chunks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return Buffer.from(
    [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <ffff>',
      'endcodespacerange',
      ...chunks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n'),
    'latin1',
  );
}

export interface PreparedImage {
  width: number;
  height: number;
  image: { dict: Record<string, unknown>; bytes: Uint8Array };
  mask: { dict: Record<string, unknown>; bytes: Uint8Array } | null;
}

const images = new Map<string, Promise<PreparedImage>>();

/** Decodes a PNG once (by content) into the image and soft-mask streams PDF needs. */
export function preparePng(png: Uint8Array): Promise<PreparedImage> {
  const key = createHash('sha256').update(png).digest('hex');
  let prepared = images.get(key);
  if (!prepared) {
    prepared = decodePng(png);
    images.set(key, prepared);
    prepared.catch(() => images.delete(key));
  }
  return prepared;
}

async function decodePng(png: Uint8Array): Promise<PreparedImage> {
  const scratch = await PDFDocument.create({ updateMetadata: false });
  let embedded;
  try {
    embedded = await scratch.embedPng(png);
    await embedded.embed();
  } catch (error) {
    throw new AppError('SIGN_IMAGE_INVALID', error instanceof Error ? error.message : String(error), { cause: error });
  }
  const rawStream = (ref: PDFRef): PDFRawStream => {
    const object = scratch.context.lookup(ref);
    if (!(object instanceof PDFRawStream))
      throw new AppError('SIGN_IMAGE_INVALID', 'the image did not encode to a stream');
    return object;
  };
  const stream = rawStream(embedded.ref);
  const copy = (raw: PDFRawStream) => {
    const dict: Record<string, unknown> = {};
    for (const [name, value] of raw.dict.entries())
      if (name.asString() !== '/SMask' && name.asString() !== '/Length') dict[name.asString().slice(1)] = value;
    return { dict, bytes: raw.getContents() };
  };
  const maskRef = stream.dict.get(PDFName.of('SMask'));
  const mask = maskRef instanceof PDFRef ? copy(rawStream(maskRef)) : null;
  return { width: embedded.width, height: embedded.height, image: copy(stream), mask };
}

/** Adds a prepared image (and its soft mask) to the document; returns the image's reference. */
export function registerImage(context: PDFContext, prepared: PreparedImage): PDFRef {
  const stream = (part: { dict: Record<string, unknown>; bytes: Uint8Array }, extra: Record<string, unknown> = {}) =>
    context.register(
      PDFRawStream.of(
        context.obj({ ...part.dict, ...extra, Length: part.bytes.length } as never) as unknown as PDFDict,
        part.bytes,
      ),
    );
  const mask = prepared.mask ? stream(prepared.mask) : null;
  return stream(prepared.image, mask ? { SMask: mask } : {});
}
