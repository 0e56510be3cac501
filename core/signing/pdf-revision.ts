// The objects of one revision of a PDF as a viewer finds them: through the
// cross-reference sections (ISO 32000-1 §7.5.4 tables, §7.5.8 streams),
// newest first along /Prev. pdf-lib's loader reads every object in file
// order instead, which is not what a viewer shows once an update re-points
// the cross-reference, and is slow: a signed file with an embedded font
// costs it some 70 ms, where judging an update needs a handful of objects.
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from '@cantoo/pdf-lib';

export type XrefEntry =
  | { kind: 'free' }
  | { kind: 'direct'; offset: number; generation: number }
  | { kind: 'compressed'; stream: number; index: number };

interface XrefSection {
  entries: Map<number, XrefEntry>;
  trailer: PDFDict;
  prev: number | null;
  /** A hybrid file's cross-reference stream (/XRefStm), read after the table. */
  streamOffset: number | null;
}

export interface PdfIndirectObject {
  generation: number;
  object: PDFObject;
}

interface ParsedObject extends PdfIndirectObject {
  number: number;
}

const HEADER = /^[ \t\r\n\f\0]*(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]+obj/;
const ANY_HEADER = /(?<![0-9])(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]+obj(?![A-Za-z0-9])/g;
// Real files chain a few dozen sections at most; the bound stops a /Prev loop.
const MAX_SECTIONS = 1000;
const MAX_REFERENCE_DEPTH = 8;
// Cross-reference and object streams are small; a stream inflating past this is a bomb, not a PDF.
const MAX_DECODED_BYTES = 64 * 1024 * 1024;
const name = (key: string) => PDFName.of(key);

/** One file, read lazily; each revision is the file up to one of its ends. */
export class PdfFile {
  private readonly bytes: Uint8Array;
  private readonly context = PDFContext.create();
  private readonly sections = new Map<number, XrefSection>();
  private readonly parsed = new Map<string, ParsedObject>();
  private readonly objectStreams = new Map<number, { decoded: Uint8Array; first: number; index: [number, number][] }>();

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** The revision that ends at `end`: the file as it was when its last update was written. */
  revision(end: number): PdfRevision {
    const text = latin1(this.bytes.subarray(Math.max(0, end - 1024), end));
    const match = /startxref[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]*(?:%%EOF[ \t\r\n\f\0]*)?$/.exec(text);
    if (!match) throw new Error(`no startxref before offset ${end}`);
    return new PdfRevision(this, Number(match[1]), end);
  }

  section(offset: number): XrefSection {
    let section = this.sections.get(offset);
    if (!section) {
      section = /^[ \t\r\n\f\0]*xref/.test(latin1(this.bytes.subarray(offset, offset + 32)))
        ? this.readTable(offset)
        : this.readStream(offset);
      this.sections.set(offset, section);
    }
    return section;
  }

  /**
   * Every "N G obj" header between two offsets, found by scanning the bytes
   * as a viewer does when it rebuilds a broken cross-reference.
   */
  objectHeaders(from: number, to: number): { number: number; generation: number; offset: number }[] {
    return [...latin1(this.bytes.subarray(from, to)).matchAll(ANY_HEADER)].map((match) => ({
      number: Number(match[1]),
      generation: Number(match[2]),
      offset: from + match.index,
    }));
  }

  /** Whether only whitespace lies between two offsets. */
  blankBetween(from: number, to: number): boolean {
    return from <= to && /^[ \t\r\n\f\0]*$/.test(latin1(this.bytes.subarray(from, to)));
  }

  /** The indirect object whose "N G obj" header is at `offset`. */
  objectAt(offset: number): ParsedObject {
    return this.cached(`d${offset}`, () => {
      const header = HEADER.exec(latin1(this.bytes.subarray(offset, offset + 48)));
      if (!header) throw new Error(`no object at offset ${offset}`);
      const parser = PDFObjectParser.forBytes(this.bytes.subarray(offset + header[0].length), this.context);
      return { number: Number(header[1]), generation: Number(header[2]), object: parser.parseObject() };
    });
  }

  /** Object `index` of the object stream stored at `streamOffset` (§7.5.7). */
  objectInStream(streamOffset: number, stream: PDFRawStream, index: number): ParsedObject {
    return this.cached(`c${streamOffset}:${index}`, () => {
      const { decoded, first, index: offsets } = this.objectStream(streamOffset, stream);
      const entry = offsets[index];
      if (!entry) throw new Error(`object stream at ${streamOffset} has no object ${index}`);
      const parser = PDFObjectParser.forBytes(decoded.subarray(first + entry[1]), this.context);
      return { number: entry[0], generation: 0, object: parser.parseObject() };
    });
  }

  private objectStream(offset: number, stream: PDFRawStream) {
    let read = this.objectStreams.get(offset);
    if (!read) {
      const count = directNumber(stream.dict, 'N');
      const first = directNumber(stream.dict, 'First');
      const decoded = decodeStream(stream);
      const numbers = latin1(decoded.subarray(0, first))
        .trim()
        .split(/[ \t\r\n\f\0]+/)
        .map(Number);
      if (numbers.length < count * 2 || numbers.some((value) => !Number.isInteger(value)))
        throw new Error(`unreadable object stream at ${offset}`);
      const index = Array.from({ length: count }, (_, at): [number, number] => [
        numbers[at * 2]!,
        numbers[at * 2 + 1]!,
      ]);
      read = { decoded, first, index };
      this.objectStreams.set(offset, read);
    }
    return read;
  }

  private cached(key: string, parse: () => ParsedObject): ParsedObject {
    let found = this.parsed.get(key);
    if (!found) {
      found = parse();
      this.parsed.set(key, found);
    }
    return found;
  }

  private readTable(offset: number): XrefSection {
    const trailerAt = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length).indexOf(
      'trailer',
      offset,
      'latin1',
    );
    if (trailerAt === -1) throw new Error(`cross-reference table at ${offset} without a trailer`);
    const tokens = latin1(this.bytes.subarray(offset, trailerAt))
      .trim()
      .split(/[ \t\r\n\f\0]+/)
      .slice(1);
    const entries = new Map<number, XrefEntry>();
    for (let at = 0; at < tokens.length;) {
      const first = integer(tokens[at++]);
      const count = integer(tokens[at++]);
      for (let number = first; number < first + count; number++, at += 3) {
        const [position, generation, kind] = [integer(tokens[at]), integer(tokens[at + 1]), tokens[at + 2]];
        if (kind !== 'n' && kind !== 'f') throw new Error(`cross-reference entry of kind "${kind}" at ${offset}`);
        addEntry(entries, number, kind === 'n' ? { kind: 'direct', offset: position, generation } : { kind: 'free' });
      }
    }
    const trailer = PDFObjectParser.forBytes(
      this.bytes.subarray(trailerAt + 'trailer'.length),
      this.context,
    ).parseObject();
    if (!(trailer instanceof PDFDict)) throw new Error(`trailer at ${trailerAt} is not a dictionary`);
    const streamOffset = optionalNumber(trailer, 'XRefStm');
    if (streamOffset !== null) {
      // Hybrid file (§7.5.8.4): the table's own entries come first.
      for (const [number, entry] of this.readStream(streamOffset).entries)
        if (!entries.has(number)) entries.set(number, entry);
    }
    return { entries, trailer, prev: optionalNumber(trailer, 'Prev'), streamOffset };
  }

  private readStream(offset: number): XrefSection {
    const { object } = this.objectAt(offset);
    if (!(object instanceof PDFRawStream) || object.dict.get(name('Type')) !== name('XRef'))
      throw new Error(`no cross-reference at offset ${offset}`);
    const widths = directArray(object.dict, 'W').map((value) => integer(value));
    if (widths.length !== 3 || widths.some((width) => width < 0 || width > 8))
      throw new Error(`cross-reference stream at ${offset} with /W ${widths.join(' ')}`);
    const index = object.dict.has(name('Index'))
      ? directArray(object.dict, 'Index').map((value) => integer(value))
      : [0, directNumber(object.dict, 'Size')];
    const data = decodeStream(object);
    const rowLength = widths[0]! + widths[1]! + widths[2]!;
    if (rowLength === 0) throw new Error(`cross-reference stream at ${offset} with empty rows`);
    const entries = new Map<number, XrefEntry>();
    let row = 0;
    for (let pair = 0; pair + 1 < index.length; pair += 2) {
      for (let number = index[pair]!; number < index[pair]! + index[pair + 1]!; number++, row++) {
        if ((row + 1) * rowLength > data.length)
          throw new Error(`cross-reference stream at ${offset} is shorter than its /Index`);
        const field = (which: number, fallback: number) => {
          if (widths[which] === 0) return fallback;
          let start = row * rowLength;
          for (let before = 0; before < which; before++) start += widths[before]!;
          let value = 0;
          for (let at = start; at < start + widths[which]!; at++) value = value * 256 + data[at]!;
          return value;
        };
        const type = field(0, 1);
        // §7.5.8.3: any other type is a reference to the null object, as a free entry is.
        const entry: XrefEntry =
          type === 1
            ? { kind: 'direct', offset: field(1, 0), generation: field(2, 0) }
            : type === 2
              ? { kind: 'compressed', stream: field(1, 0), index: field(2, 0) }
              : { kind: 'free' };
        addEntry(entries, number, entry);
      }
    }
    return { entries, trailer: object.dict, prev: optionalNumber(object.dict, 'Prev'), streamOffset: null };
  }
}

export class PdfRevision {
  readonly file: PdfFile;
  readonly startxref: number;
  readonly end: number;

  constructor(file: PdfFile, startxref: number, end: number) {
    this.file = file;
    this.startxref = startxref;
    this.end = end;
  }

  get trailer(): PDFDict {
    return this.file.section(this.startxref).trailer;
  }

  /**
   * The entries written by the updates after `older`: the sections from
   * this revision's newest back to where `older` starts, all of which must
   * lie in the bytes added since. The newest entry for each object wins.
   * Also where those sections are, since a cross-reference stream is an
   * object the update defines.
   */
  entriesSince(older: PdfRevision): { entries: Map<number, XrefEntry>; sectionOffsets: number[] } {
    const entries = new Map<number, XrefEntry>();
    const sectionOffsets: number[] = [];
    const inUpdate = (offset: number) => offset >= older.end && offset < this.end;
    let offset: number | null = this.startxref;
    for (let count = 0; offset !== older.startxref; count++) {
      if (offset === null || count > MAX_SECTIONS)
        throw new Error("the update's cross-reference does not lead back to the previous revision");
      if (!inUpdate(offset))
        throw new Error(`the update's cross-reference uses a section at ${offset}, outside the update`);
      const section = this.file.section(offset);
      if (section.streamOffset !== null && !inUpdate(section.streamOffset))
        throw new Error(`the update's cross-reference stream at ${section.streamOffset} is outside the update`);
      for (const [number, entry] of section.entries) if (!entries.has(number)) entries.set(number, entry);
      sectionOffsets.push(offset, ...(section.streamOffset === null ? [] : [section.streamOffset]));
      offset = section.prev;
    }
    return { entries, sectionOffsets };
  }

  /** Object `number` as this revision's cross-reference finds it, or null when it does not exist. */
  object(number: number): PdfIndirectObject | null {
    const entry = this.entry(number);
    if (entry === null || entry.kind === 'free') return null;
    if (entry.kind === 'direct') {
      const found = this.file.objectAt(entry.offset);
      if (found.number !== number || found.generation !== entry.generation)
        throw new Error(`the cross-reference points object ${number} at object ${found.number}`);
      return { generation: found.generation, object: found.object };
    }
    const streamEntry = this.entry(entry.stream);
    // Checked before reading it: an object stream said to be inside itself would recurse forever.
    const stream = streamEntry?.kind === 'direct' ? this.object(entry.stream)?.object : undefined;
    if (
      streamEntry?.kind !== 'direct' ||
      !(stream instanceof PDFRawStream) ||
      stream.dict.get(name('Type')) !== name('ObjStm')
    ) {
      throw new Error(`object ${number} is said to be in object ${entry.stream}, which is not an object stream`);
    }
    const found = this.file.objectInStream(streamEntry.offset, stream, entry.index);
    if (found.number !== number)
      throw new Error(`object stream ${entry.stream} holds object ${found.number} where ${number} should be`);
    return { generation: 0, object: found.object };
  }

  /** A value with references followed; a reference to a missing object (or another generation) is the null object. */
  resolve(value: PDFObject | undefined): PDFObject | undefined {
    for (let depth = 0; value instanceof PDFRef; depth++) {
      if (depth > MAX_REFERENCE_DEPTH) throw new Error('reference loop');
      const found = this.object(value.objectNumber);
      value = found?.generation === value.generationNumber ? found.object : undefined;
    }
    return value;
  }

  /** The newest cross-reference entry for object `number`, or null when no section lists it. */
  entry(number: number): XrefEntry | null {
    let offset: number | null = this.startxref;
    for (let count = 0; offset !== null; count++) {
      if (count > MAX_SECTIONS) throw new Error('cross-reference sections form a loop');
      const section = this.file.section(offset);
      const entry = section.entries.get(number);
      if (entry) return entry;
      offset = section.prev;
    }
    return null;
  }
}

/** The decoded data of a stream the reader needs: unfiltered or Flate, with the PNG predictors (§7.4.4.4). */
export function decodeStream(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(name('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter === undefined ? [] : [filter];
  if (filters.length === 0) return stream.contents;
  if (filters.length > 1 || filters[0] !== name('FlateDecode'))
    throw new Error(`stream filter ${filters.join(' ')} is not supported here`);
  const inflated = new Uint8Array(inflateSync(stream.contents, { maxOutputLength: MAX_DECODED_BYTES }));
  const rawParameters = stream.dict.get(name('DecodeParms'));
  const parameters = rawParameters instanceof PDFArray ? rawParameters.get(0) : rawParameters;
  if (!(parameters instanceof PDFDict)) return inflated;
  const predictor = optionalNumber(parameters, 'Predictor') ?? 1;
  if (predictor === 1) return inflated;
  if (predictor < 10) throw new Error(`predictor ${predictor} is not supported here`);
  return unpredictPng(inflated, optionalNumber(parameters, 'Columns') ?? 1);
}

/** Reverses PNG row filters for one 8-bit component per column, as cross-reference and object streams use. */
function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rows = Math.floor(data.length / (columns + 1));
  const out = new Uint8Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    const filter = data[row * (columns + 1)];
    const source = row * (columns + 1) + 1;
    const target = row * columns;
    for (let column = 0; column < columns; column++) {
      const raw = data[source + column]!;
      const left = column > 0 ? out[target + column - 1]! : 0;
      const up = row > 0 ? out[target - columns + column]! : 0;
      const upLeft = row > 0 && column > 0 ? out[target - columns + column - 1]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      else if (filter !== 0) throw new Error(`PNG row filter ${filter}`);
      out[target + column] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
}

// An object listed twice in one section is read differently by different viewers.
function addEntry(entries: Map<number, XrefEntry>, number: number, entry: XrefEntry): void {
  if (entries.has(number)) throw new Error(`object ${number} appears twice in one cross-reference section`);
  entries.set(number, entry);
}

function integer(value: string | PDFObject | undefined): number {
  const number = value instanceof PDFNumber ? value.asNumber() : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 0)
    throw new Error(`"${String(value)}" where a cross-reference needs a whole number`);
  return number;
}

// Cross-reference and object stream dictionaries cannot use indirect values (§7.5.8.2): the reader needs them to find objects.
function directNumber(dict: PDFDict, key: string): number {
  return integer(dict.get(name(key)));
}

function optionalNumber(dict: PDFDict, key: string): number | null {
  return dict.has(name(key)) ? directNumber(dict, key) : null;
}

function directArray(dict: PDFDict, key: string): PDFObject[] {
  const value = dict.get(name(key));
  if (!(value instanceof PDFArray)) throw new Error(`/${key} is not a direct array`);
  return value.asArray();
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
