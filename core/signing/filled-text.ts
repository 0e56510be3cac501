// Reads one annotation of a number-fill update (number-fill.ts) the way a
// viewer would draw it, and accepts it only if it is exactly that: a locked,
// printed FreeText whose appearance puts one run of black Liberation Serif
// text on the page, nothing else. What it says is read from the glyphs it
// draws, each checked against the font's own outline, never from its
// /Contents alone: a file whose font draws a 7 for the code of a 1, or whose
// appearance paints a white box over the signed page, is not a number filled in.
import fontkit from '@cantoo/fontkit';
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { FILLED_TEXT_FLAGS, type DrawnText } from './number-fill.ts';
import { referenceGlyph, referenceUnitsPerEm } from './pades/appearance-resources.ts';
import { decodeStream, type PdfRevision } from './pdf-revision.ts';

const name = (key: string) => PDFName.of(key);

const ANNOTATION_KEYS = ['Type', 'Subtype', 'Rect', 'Contents', 'NM', 'M', 'F', 'P', 'DA', 'IT', 'BS', 'AP'];
const FORM_KEYS = ['Type', 'Subtype', 'BBox', 'Resources', 'Length', 'Filter', 'FormType', 'Matrix'];
const TYPE0_KEYS = ['Type', 'Subtype', 'BaseFont', 'Encoding', 'DescendantFonts', 'ToUnicode'];
const CID_FONT_KEYS = ['Type', 'Subtype', 'BaseFont', 'CIDSystemInfo', 'FontDescriptor', 'W', 'DW', 'CIDToGIDMap'];
/** Enough for the few digits of a date; a longer appearance is not one of ours. */
const MAX_APPEARANCE_BYTES = 4096;
const TOLERANCE = 0.05;

export type FilledTextRead = { ok: true; drawn: DrawnText & { rect: Rect } } | { ok: false; why: string };

export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface EmbeddedFont {
  /** CID → the character its ToUnicode map gives. */
  toUnicode: Map<number, string>;
  widths: (cid: number) => number;
  glyphOutline: (cid: number) => string | null;
}

/** The annotation as the text it draws and where, or why it is not a number filled in. */
export function readFilledText(entry: PDFObject, pageNumber: number, next: PdfRevision): FilledTextRead {
  const fail = (why: string): FilledTextRead => ({ ok: false, why: `the update adds an annotation that ${why}` });
  const annotation = next.resolve(entry);
  if (!(annotation instanceof PDFDict)) return fail('is not a dictionary');
  const subtype = annotation.get(name('Subtype'));
  if (subtype !== name('FreeText'))
    return {
      ok: false,
      why: `the update adds a ${subtype instanceof PDFName ? subtype.decodeText() : 'untyped'} annotation`,
    };
  const extra = otherKey(annotation, ANNOTATION_KEYS);
  if (extra) return fail(`has /${extra}`);
  const type = annotation.get(name('Type'));
  if (type !== undefined && type !== name('Annot')) return fail('is not of type /Annot');
  const flags = number(next.resolve(annotation.get(name('F'))));
  // Printed and locked; never hidden, never only on screen or only on paper.
  if (flags === null || (flags & 4) === 0 || (flags & ~FILLED_TEXT_FLAGS) !== 0) return fail('may be hidden or moved');
  const intent = annotation.get(name('IT'));
  if (intent !== undefined && intent !== name('FreeTextTypeWriter')) return fail('is a callout');
  const border = next.resolve(annotation.get(name('BS')));
  if (border !== undefined && !(border instanceof PDFDict && number(border.get(name('W'))) === 0))
    return fail('draws a border');
  const page = annotation.get(name('P'));
  if (page !== undefined && refNumber(page) !== pageNumber) return fail('names another page');
  const rect = rectOf(next.resolve(annotation.get(name('Rect'))), next);
  if (!rect) return fail('has no rectangle');

  const appearances = next.resolve(annotation.get(name('AP')));
  if (!(appearances instanceof PDFDict) || appearances.keys().length !== 1) return fail('has other appearances');
  const form = next.resolve(appearances.get(name('N')));
  if (!(form instanceof PDFRawStream)) return fail('has no normal appearance');
  const formKey = otherKey(form.dict, FORM_KEYS);
  if (formKey) return fail(`has an appearance with /${formKey}`);
  const matrix = next.resolve(form.dict.get(name('Matrix')));
  if (matrix !== undefined && numbers(matrix, next)?.join(' ') !== '1 0 0 1 0 0')
    return fail('transforms its appearance');
  // The appearance is drawn at its own size: its box is the annotation's rectangle, moved, never scaled.
  const box = numbers(next.resolve(form.dict.get(name('BBox'))), next);
  if (
    box?.length !== 4 ||
    box[0] !== 0 ||
    box[1] !== 0 ||
    Math.abs(box[2]! - (rect.x2 - rect.x1)) > TOLERANCE ||
    Math.abs(box[3]! - (rect.y2 - rect.y1)) > TOLERANCE
  ) {
    return fail('scales its appearance');
  }
  const resources = next.resolve(form.dict.get(name('Resources')));
  if (!(resources instanceof PDFDict) || otherKey(resources, ['Font', 'ProcSet']))
    return fail('draws with more than a font');
  const fonts = next.resolve(resources.get(name('Font')));
  if (!(fonts instanceof PDFDict) || fonts.keys().length !== 1) return fail('uses more than one font');
  const [fontName] = fonts.keys();
  const font = embeddedFont(next.resolve(fonts.get(fontName!)), next);
  if (typeof font === 'string') return fail(font);

  let content: Uint8Array;
  try {
    content = decodeStream(form);
  } catch (error) {
    return fail(`has an unreadable appearance (${(error as Error).message})`);
  }
  if (content.length > MAX_APPEARANCE_BYTES) return fail('has a long appearance');
  const shown = showText(Buffer.from(content).toString('latin1'), fontName!.decodeText());
  if (!shown) return fail('draws more than one line of black text');
  const text = decodeText(shown.codes, font);
  if (!text.ok) return fail(text.why);
  const { characters, advance } = text;
  const width = (advance * shown.size) / 1000;
  if (shown.x < -TOLERANCE || shown.x + width > box[2]! + TOLERANCE || shown.y < 0 || shown.y > box[3]!)
    return fail('draws outside its rectangle');
  // A viewer that redraws the text from /DA (after an edit, say) must draw it in this size, in black.
  const defaults = next.resolve(annotation.get(name('DA')));
  const daSize =
    defaults instanceof PDFString || defaults instanceof PDFHexString
      ? /^\s*\/[A-Za-z0-9]+\s+(\d+(?:\.\d+)?)\s+Tf\s+(?:0\s+g|0\s+0\s+0\s+rg)\s*$/.exec(defaults.decodeText())?.[1]
      : undefined;
  if (daSize === undefined || Math.abs(Number(daSize) - shown.size) > TOLERANCE)
    return fail('would be redrawn in another size or colour');
  const contents = next.resolve(annotation.get(name('Contents')));
  if (!(contents instanceof PDFString || contents instanceof PDFHexString) || contents.decodeText() !== characters)
    return fail('says other than it draws');
  return {
    ok: true,
    drawn: { text: characters, x: rect.x1 + shown.x, y: rect.y1 + shown.y, width, size: shown.size, rect },
  };
}

/**
 * The one text the appearance shows: exactly the operators our writer emits
 * (save, black fill, a text object with one font, one position and one string, restore).
 */
function showText(content: string, fontName: string): { size: number; x: number; y: number; codes: number[] } | null {
  const tokens: string[] = [];
  const token =
    /[ \t\r\n\f\0]*(<[0-9A-Fa-f \t\r\n\f\0]*>|\/[^ \t\r\n\f\0/[\]()<>{}%]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z]+)/y;
  let at = 0;
  for (let match = token.exec(content); match; match = token.exec(content)) {
    tokens.push(match[1]!);
    at = token.lastIndex;
  }
  if (!/^[ \t\r\n\f\0]*$/.test(content.slice(at))) return null;
  const shape = tokens.map((item) =>
    item.startsWith('<') ? '<>' : item.startsWith('/') ? '/' : /^[-+.\d]/.test(item) ? '#' : item,
  );
  if (shape.join(' ') !== 'q # # # rg BT / # Tf # # # # # # Tm <> Tj ET Q') return null;
  const value = (index: number) => Number(tokens[index]);
  if ([1, 2, 3].some((index) => value(index) !== 0)) return null;
  if (tokens[6] !== `/${fontName}`) return null;
  if (value(9) !== 1 || value(10) !== 0 || value(11) !== 0 || value(12) !== 1) return null;
  const size = value(7);
  if (!(size > 0)) return null;
  const hex = tokens[16]!.slice(1, -1).replace(/[^0-9A-Fa-f]/g, '');
  if (hex.length === 0 || hex.length % 4 !== 0) return null;
  const codes: number[] = [];
  for (let index = 0; index < hex.length; index += 4) codes.push(parseInt(hex.slice(index, index + 4), 16));
  return { size, x: value(13), y: value(14), codes };
}

/** The characters the codes draw, each glyph checked against Liberation Serif's. */
function decodeText(
  codes: number[],
  font: EmbeddedFont,
): { ok: true; characters: string; advance: number } | { ok: false; why: string } {
  let characters = '';
  let advance = 0;
  for (const cid of codes) {
    const character = font.toUnicode.get(cid);
    const reference = character === undefined ? null : referenceGlyph(character.codePointAt(0)!);
    if (!character || !reference) return { ok: false, why: 'draws a glyph that no character of its font stands for' };
    if (font.glyphOutline(cid) !== reference.outline)
      return { ok: false, why: `draws "${character}" with another glyph` };
    if (Math.abs(font.widths(cid) - reference.width) > 1)
      return { ok: false, why: `spaces "${character}" as another width` };
    characters += character;
    advance += reference.width;
  }
  return { ok: true, characters, advance };
}

/** A composite (Type0) font with Identity-H, its CIDs the glyph ids of an embedded TrueType program. */
function embeddedFont(value: PDFObject | undefined, next: PdfRevision): EmbeddedFont | string {
  if (!(value instanceof PDFDict) || otherKey(value, TYPE0_KEYS)) return 'uses a font of another kind';
  if (value.get(name('Subtype')) !== name('Type0') || value.get(name('Encoding')) !== name('Identity-H'))
    return 'uses a font of another kind';
  const descendants = next.resolve(value.get(name('DescendantFonts')));
  const descendant =
    descendants instanceof PDFArray && descendants.size() === 1 ? next.resolve(descendants.get(0)) : null;
  if (!(descendant instanceof PDFDict) || otherKey(descendant, CID_FONT_KEYS)) return 'uses a font of another kind';
  const cidToGid = descendant.get(name('CIDToGIDMap'));
  if (
    descendant.get(name('Subtype')) !== name('CIDFontType2') ||
    (cidToGid !== undefined && cidToGid !== name('Identity'))
  )
    return 'uses a font of another kind';
  const descriptor = next.resolve(descendant.get(name('FontDescriptor')));
  if (!(descriptor instanceof PDFDict)) return 'has no embedded font';
  const program = next.resolve(descriptor.get(name('FontFile2')));
  if (!(program instanceof PDFRawStream)) return 'has no embedded font';
  if (descriptor.has(name('FontFile')) || descriptor.has(name('FontFile3'))) return 'has two font programs';
  const toUnicodeStream = next.resolve(value.get(name('ToUnicode')));
  if (!(toUnicodeStream instanceof PDFRawStream)) return 'has a font without /ToUnicode';
  let face: { getGlyph(id: number): { path: { toSVG(): string } } | null; numGlyphs: number; unitsPerEm: number };
  let toUnicode: Map<number, string> | null;
  try {
    face = fontkit.create(Buffer.from(decodeStream(program))) as unknown as typeof face;
    toUnicode = readToUnicode(Buffer.from(decodeStream(toUnicodeStream)).toString('latin1'));
  } catch (error) {
    return `has an unreadable font (${(error as Error).message})`;
  }
  if (!toUnicode) return 'has a font whose /ToUnicode is not a plain list';
  // Outlines are compared in font units: the same outline in a bigger em draws smaller.
  if (face.unitsPerEm !== referenceUnitsPerEm()) return 'uses a font of another size';
  const widths = readWidths(next.resolve(descendant.get(name('W'))), next);
  if (!widths) return 'has a font with unreadable widths';
  const defaultWidth = number(next.resolve(descendant.get(name('DW')))) ?? 1000;
  return {
    toUnicode,
    widths: (cid) => widths.get(cid) ?? defaultWidth,
    glyphOutline: (cid) => {
      if (cid >= face.numGlyphs) return null;
      try {
        return face.getGlyph(cid)?.path.toSVG() ?? null;
      } catch {
        return null;
      }
    },
  };
}

/** A ToUnicode CMap made of bfchar entries only, one character each (what the signature font writes). */
function readToUnicode(cmap: string): Map<number, string> | null {
  if (cmap.includes('beginbfrange')) return null;
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    const body = block[1]!;
    const entry = /\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>/y;
    let at = 0;
    for (let match = entry.exec(body); match; match = entry.exec(body)) {
      map.set(parseInt(match[1]!, 16), String.fromCharCode(parseInt(match[2]!, 16)));
      at = entry.lastIndex;
    }
    if (!/^\s*$/.test(body.slice(at))) return null;
  }
  return map;
}

/** A /W array: `c [w1 w2 …]` and `cFirst cLast w` runs. */
function readWidths(value: PDFObject | undefined, next: PdfRevision): Map<number, number> | null {
  const widths = new Map<number, number>();
  if (value === undefined) return widths;
  if (!(value instanceof PDFArray)) return null;
  const items = value.asArray().map((item) => next.resolve(item));
  for (let index = 0; index < items.length;) {
    const first = number(items[index]);
    const second = items[index + 1];
    if (first === null) return null;
    if (second instanceof PDFArray) {
      const run = numbers(second, next);
      if (!run) return null;
      run.forEach((width, offset) => widths.set(first + offset, width));
      index += 2;
    } else {
      const last = number(second);
      const width = number(items[index + 2]);
      if (last === null || width === null || last - first > 65535) return null;
      for (let cid = first; cid <= last; cid++) widths.set(cid, width);
      index += 3;
    }
  }
  return widths;
}

function rectOf(value: PDFObject | undefined, next: PdfRevision): Rect | null {
  const values = numbers(value, next);
  if (values?.length !== 4) return null;
  const [a, b, c, d] = values as [number, number, number, number];
  return { x1: Math.min(a, c), y1: Math.min(b, d), x2: Math.max(a, c), y2: Math.max(b, d) };
}

function numbers(value: PDFObject | undefined, next: PdfRevision): number[] | null {
  if (!(value instanceof PDFArray)) return null;
  const result = value.asArray().map((item) => number(next.resolve(item)));
  return result.every((item): item is number => item !== null) ? result : null;
}

function number(value: PDFObject | undefined): number | null {
  return value instanceof PDFNumber ? value.asNumber() : null;
}

function refNumber(value: PDFObject): number | null {
  return value instanceof PDFRef ? value.objectNumber : null;
}

/** The first key of `dict` not in `allowed`. */
function otherKey(dict: PDFDict, allowed: string[]): string | null {
  return (
    dict
      .keys()
      .map((key) => key.decodeText())
      .find((key) => !allowed.includes(key)) ?? null
  );
}
