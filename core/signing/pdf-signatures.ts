// Finds the signatures in a PDF by reading its bytes, not by parsing it as a
// document: a signature dictionary is never inside an object stream (its
// /Contents must be cut out by /ByteRange), and what a signature covers is a
// fact about byte offsets and incremental updates, which a PDF parser hides.
import { fromBerSized } from './der-reader.ts';
import {
  decodeTextString,
  enclosingObject,
  nameValue,
  pdfDateToIso,
  stringValue,
  textStringValue,
  type PdfObjectBounds,
} from './pdf-syntax.ts';

export interface PdfSignatureField {
  /** 1-based, file order. */
  index: number;
  objectNumber: number | null;
  fieldName: string | null;
  /** e.g. 'ETSI.CAdES.detached', 'adbe.pkcs7.detached'. */
  subFilter: string | null;
  byteRange: [number, number, number, number];
  /** The CMS DER, padding trimmed. */
  contents: Uint8Array;
  /** /M as ISO 8601. */
  claimedTime: string | null;
  name: string | null;
  reason: string | null;
  coversWholeFile: boolean;
  /** Why the field cannot be checked, or null. */
  malformed: string | null;
}

export interface ChangesAfter {
  bytesAppended: number;
  /** Later incremental updates that each end with a signature covering everything before, and add nothing but it. */
  laterSignatures: number;
  /** Later incremental updates (or trailing bytes) that no signature covers, or that change more than a signature needs. */
  otherRevisions: number;
  /**
   * Present when a later update did nothing but write the number and date of the draft into the
   * blanks left for them (number-fill.ts): the Số and date lines as they read after it.
   */
  numberFilledIn?: string[];
}

/** How one later update is judged: only a signature, only the number filled in (and what it reads), or neither. */
export interface UpdateJudge {
  signatureOnly(from: number, to: number): boolean;
  numberFilledIn(from: number, to: number): Promise<string[] | null>;
}

const BYTE_RANGE =
  /\/ByteRange[ \t\r\n\f\0]*\[[ \t\r\n\f\0]*(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]+(\d+)[ \t\r\n\f\0]*\]/y;

/** The signature fields plus what verification needs to judge later updates. */
export interface PdfSignatureStructure {
  fields: PdfSignatureField[];
  /** The file as latin1, so string offsets are byte offsets. */
  text: string;
  revisionEnds: number[];
}

export function findPdfSignatures(pdf: Uint8Array): PdfSignatureField[] {
  return readSignatureStructure(pdf).fields;
}

export function readSignatureStructure(pdf: Uint8Array): PdfSignatureStructure {
  const text = latin1(pdf);
  const found: Omit<PdfSignatureField, 'index' | 'coversWholeFile'>[] = [];
  for (let at = text.indexOf('/ByteRange'); at !== -1; at = text.indexOf('/ByteRange', at + 1)) {
    const field = readField(text, pdf, at);
    // A later update may carry a copy of an earlier signature dictionary; the original
    // (the one inside the bytes it signs) comes first in the file and is the one that counts.
    if (
      field.malformed === null &&
      found.some((other) => other.malformed === null && sameRange(other.byteRange, field.byteRange))
    )
      continue;
    found.push(field);
  }
  const fields = found.map((field, position) => ({
    ...field,
    index: position + 1,
    coversWholeFile: field.malformed === null && coverageEnd(field.byteRange) === pdf.length,
  }));
  return { fields, text, revisionEnds: findRevisionEnds(text) };
}

/**
 * Offsets just after each "%%EOF" (and its end-of-line): where each
 * incremental update of the file ends.
 */
function findRevisionEnds(text: string): number[] {
  const ends: number[] = [];
  for (let at = text.indexOf('%%EOF'); at !== -1; at = text.indexOf('%%EOF', at + 5)) {
    let end = at + 5;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    ends.push(end);
  }
  return ends;
}

/**
 * What the file holds after a signature's covered bytes. Each later update
 * counts as a signature revision when a signature covering everything
 * before it ends there and the judge finds the update (the bytes from
 * `from` to `to`) adds nothing else; an update with no signature counts as
 * the number filled in when the judge finds it writes nothing but that;
 * otherwise it counts as another change. Trailing bytes that are not even an
 * update count as another change too. Whitespace is ignored: some writers add
 * an end-of-line after signing, and a PDF reader never sees it.
 */
export async function changesAfter(
  text: string,
  end: number,
  signatureEnds: number[],
  revisionEnds: number[],
  judge: UpdateJudge,
): Promise<ChangesAfter> {
  const result: ChangesAfter = { bytesAppended: text.length - end, laterSignatures: 0, otherRevisions: 0 };
  const filled: string[] = [];
  let cursor = end;
  for (const revisionEnd of revisionEnds) {
    if (revisionEnd <= cursor) continue;
    // The end-of-line after one update's %%EOF may be the first byte the next update wrote.
    if (isBlank(text, cursor, revisionEnd)) {
      cursor = revisionEnd;
      continue;
    }
    const signed = signatureEnds.some(
      (signatureEnd) =>
        signatureEnd > cursor && signatureEnd <= revisionEnd && isBlank(text, signatureEnd, revisionEnd),
    );
    const lines = signed ? null : await judge.numberFilledIn(cursor, revisionEnd);
    if (signed && judge.signatureOnly(cursor, revisionEnd)) result.laterSignatures++;
    else if (lines) filled.push(...lines);
    else result.otherRevisions++;
    cursor = revisionEnd;
  }
  if (!isBlank(text, cursor, text.length)) result.otherRevisions++;
  if (filled.length > 0) result.numberFilledIn = filled;
  return result;
}

export function coverageEnd(byteRange: [number, number, number, number]): number {
  return byteRange[2] + byteRange[3];
}

function readField(text: string, pdf: Uint8Array, at: number): Omit<PdfSignatureField, 'index' | 'coversWholeFile'> {
  const object = enclosingObject(text, at);
  // Outside any object there is no dictionary to read the keys from; the /ByteRange check below still applies.
  const body = object ? text.slice(object.start, object.end) : '';
  const claimed = stringValue(body, 'M');
  const base = {
    objectNumber: object?.number ?? null,
    fieldName: object ? fieldNameOf(text, object) : null,
    subFilter: nameValue(body, 'SubFilter'),
    claimedTime: claimed === null ? null : pdfDateToIso(decodeTextString(claimed)),
    name: textStringValue(body, 'Name'),
    reason: textStringValue(body, 'Reason'),
  };
  BYTE_RANGE.lastIndex = at;
  const match = BYTE_RANGE.exec(text);
  if (!match)
    return {
      ...base,
      byteRange: [0, 0, 0, 0],
      contents: new Uint8Array(0),
      malformed: '/ByteRange is not an array of four whole numbers',
    };
  const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
  const [start, firstLength, gapEnd, secondLength] = byteRange;
  const gapStart = start + firstLength;
  const problem =
    start !== 0
      ? 'the signed bytes do not start at the beginning of the file'
      : gapStart > gapEnd || gapEnd + secondLength > pdf.length
        ? `/ByteRange [${byteRange.join(' ')}] is outside the file (${pdf.length} bytes)`
        : !/^<[0-9A-Fa-f \t\r\n\f\0]*>$/.test(text.slice(gapStart, gapEnd))
          ? 'the bytes left out of the signature are not exactly one hex string'
          : !/\/Contents[ \t\r\n\f\0]*$/.test(text.slice(Math.max(0, gapStart - 40), gapStart)) ||
              !within(object, gapStart, gapEnd)
            ? "the bytes left out of the signature are not this signature's /Contents"
            : null;
  if (problem) return { ...base, byteRange, contents: new Uint8Array(0), malformed: problem };
  const contents = trimPadding(Buffer.from(text.slice(gapStart + 1, gapEnd - 1).replace(/[^0-9A-Fa-f]/g, ''), 'hex'));
  if (contents.every((byte) => byte === 0))
    return { ...base, byteRange, contents, malformed: 'the signature value is empty (the field was never signed)' };
  return { ...base, byteRange, contents, malformed: null };
}

/** The name (/T) of the field whose value (/V) is this signature dictionary; the latest copy wins. */
function fieldNameOf(text: string, signature: PdfObjectBounds): string | null {
  const reference = new RegExp(
    `/V[ \\t\\r\\n\\f\\0]+${signature.number}[ \\t\\r\\n\\f\\0]+${signature.generation}[ \\t\\r\\n\\f\\0]+R(?![A-Za-z0-9])`,
    'g',
  );
  let name: string | null = null;
  for (const match of text.matchAll(reference)) {
    const field = enclosingObject(text, match.index);
    const title = field ? textStringValue(text.slice(field.start, field.end), 'T') : null;
    if (title !== null) name = title;
  }
  return name;
}

/** The CMS without the zero padding that fills the rest of the placeholder, by its DER length. */
function trimPadding(bytes: Buffer): Buffer {
  // Not a SEQUENCE: keep every byte so the verifier reports the CMS as unreadable.
  if (bytes[0] !== 0x30 || bytes.length < 2) return bytes;
  const first = bytes[1]!;
  if (first === 0x80) {
    // Indefinite length (BER, which some old signers emit): only a parse finds the end.
    const parsed = fromBerSized(bytes);
    return parsed.offset > 0 ? bytes.subarray(0, parsed.offset) : bytes;
  }
  const lengthBytes = first < 0x80 ? 0 : first & 0x7f;
  if (lengthBytes > 4 || 2 + lengthBytes > bytes.length) return bytes;
  const length = first < 0x80 ? first : bytes.readUIntBE(2, lengthBytes);
  const total = 2 + lengthBytes + length;
  return total <= bytes.length ? bytes.subarray(0, total) : bytes;
}

function within(object: PdfObjectBounds | null, from: number, to: number): boolean {
  return object === null || (from > object.start && to <= object.end);
}

function isBlank(text: string, from: number, to: number): boolean {
  return /^[ \t\r\n\f\0]*$/.test(text.slice(from, to));
}

function sameRange(a: readonly number[], b: readonly number[]): boolean {
  return a.every((value, position) => value === b[position]);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
