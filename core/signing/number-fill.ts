// Cấp số on the file itself. A draft is typed before it has a number, so its
// header reads "Số:      /KH-UBND" and "Đông Tiến, ngày      tháng      năm 2026";
// when the draft is issued, the number goes into the blank before the ký hiệu and
// the date into the blanks of the date line, written as Decree 30 Appendix I
// writes them (a number below 10 with a leading 0; a day below 10 and the months
// 1 and 2 with a leading 0).
//
// The text is drawn as FreeText annotations with their own appearance, in an
// incremental update of its own: the page's content and every byte a signer
// signed stay as they were, and a verifier can recognise the update for what it
// is (revision-changes.ts checks its structure, `matchFilledText` here checks
// that what it draws sits in these blanks and reads as a number or a date).
// Where the file has no "Số:" line, no blank on it, or no text layer to find
// them in, nothing is drawn and the outcome says the file does not carry its number.
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from '@cantoo/pdf-lib';
import type { TextSource } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { NumberOnFileView } from '../../shared/api.ts';
import type { NumberMissing } from '../../shared/signing.ts';
import type { LayoutLine } from '../db/attachments.ts';
import { normalizeWrittenNotation } from '../documents/notation.ts';
import { layoutLines, openPdf, readPdfPage } from '../documents/pdf.ts';
import { encodeText, fontMetrics, registerFont, textWidth } from './pades/appearance-resources.ts';
import { addToArray } from './pades/placeholder.ts';
import type { PageBox } from './pades/placement.ts';

/** What a blank is for: the number before a printed ký hiệu, the whole số/ký hiệu, or a part of the date. */
export type BlankKind = 'number' | 'notation' | 'day' | 'month' | 'year';

/** Room on the Số line or the date line where the template left text out, in PDF points. */
export interface Blank {
  kind: BlankKind;
  /** Where the word before it ends and where the word after it starts (or as far as the text may go). */
  from: number;
  to: number;
  /** The baseline and font size of the line it is on. */
  y: number;
  size: number;
}

interface Word {
  text: string;
  x: number;
  right: number;
}

/** The header of page 1 as far as the number and the date go. */
export interface HeaderReading {
  number:
    | { state: 'blank'; blank: Blank; label: string; suffix: string | null }
    | { state: 'printed'; notation: string }
    | { state: 'none'; why: 'no-number-line' | 'no-blank' };
  date:
    | { state: 'found'; blanks: Blank[]; printed: Partial<Record<DatePart, number>>; words: Word[] }
    | { state: 'none'; why: 'no-date-line' | 'no-blank' };
}

type DatePart = 'day' | 'month' | 'year';

/** One piece of text to draw: its left end and baseline, in the size of the line it completes. */
export interface FilledText {
  kind: BlankKind;
  text: string;
  x: number;
  y: number;
  size: number;
}

/** Whether the file shows the number and the date it was issued with, and what it now reads: the document view's own shape. */
export type NumberOnFile = NumberOnFileView;

// Lines on one baseline: the page reading's own tolerance, in ems.
const SAME_ROW = 0.35;
/** The date line is the Số line's row or one a few lines away from it (above or below). */
const DATE_ROWS_FROM_NUMBER = 4;
/** A space's worth of room, in ems, kept between drawn text and the words around it. */
const ROOM = 0.2;
/** A "Số:" with nothing after it takes the whole số/ký hiệu, at most this many ems wide. */
const MAX_NOTATION_EMS = 14;
/** The year after "năm", at most this many ems wide. */
const MAX_YEAR_EMS = 6;
// Print (4) + ReadOnly (64) + Locked (128) + LockedContents (512): part of the record, not a note to edit.
export const FILLED_TEXT_FLAGS = 4 | 64 | 128 | 512;
const INTENT = 'FreeTextTypeWriter';

const lower = (text: string) => text.normalize('NFC').toLocaleLowerCase('vi');

function wordsOf(line: LayoutLine): Word[] {
  const texts = line.text.split(' ');
  if (texts.length * 2 !== line.words.length) return [];
  return texts.map((text, index) => {
    const x = line.words[index * 2]!;
    return { text, x, right: x + line.words[index * 2 + 1]! };
  });
}

interface Row {
  y: number;
  size: number;
  lines: { line: LayoutLine; words: Word[] }[];
}

/** Page 1's lines in its upper half, grouped by baseline, top row first; each row's lines left to right. */
function headerRows(layout: readonly LayoutLine[], page: PageBox): Row[] {
  const lines = layout
    .filter((line) => line.page === 0 && line.y >= page.y + page.height / 2)
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const line of lines) {
    const row = rows.find((other) => Math.abs(other.y - line.y) <= SAME_ROW * Math.max(other.size, line.size));
    if (row) row.lines.push({ line, words: wordsOf(line) });
    else rows.push({ y: line.y, size: line.size, lines: [{ line, words: wordsOf(line) }] });
  }
  for (const row of rows) row.lines.sort((a, b) => a.line.x - b.line.x);
  return rows;
}

/** Finds the "Số:" line and the date line of page 1 and the blanks they leave. */
export function readHeader(layout: readonly LayoutLine[], page: PageBox): HeaderReading {
  const rows = headerRows(layout, page);
  const found = findNumberLine(rows, page);
  if (!found) return { number: { state: 'none', why: 'no-number-line' }, date: { state: 'none', why: 'no-date-line' } };
  const near = rows.filter((row) => Math.abs(row.y - found.row.y) <= DATE_ROWS_FROM_NUMBER * found.row.size);
  return { number: found.number, date: findDateLine(near, page) };
}

function findNumberLine(rows: Row[], page: PageBox): { row: Row; number: HeaderReading['number'] } | null {
  for (const row of rows) {
    for (const [position, { line, words }] of row.lines.entries()) {
      const label = numberLabel(words);
      if (!label) continue;
      const { text, right } = label;
      let after = label.after;
      // Glued to the colon: "Số:27/KH-UBND" printed, or "Số:/KH-UBND" with no room at all.
      if (label.rest !== '')
        return { row, number: printedOrNot([{ text: label.rest, x: right, right }, ...after], line.size) };
      // What follows may be the rest of this line, or the next line of the row when the blank was
      // wide enough for the page reading to take it for a column gap.
      const next = row.lines[position + 1];
      if (after.length === 0 && next?.words[0] && /^[/0-9]/.test(next.words[0].text)) after = next.words;
      const start = after[0];
      if (start && /^[0-9]/.test(start.text)) return { row, number: printedOrNot(after, line.size) };
      if (start?.text.startsWith('/')) {
        const suffix = normalizeWrittenNotation(touching(after, line.size).join(''));
        const blank: Blank = { kind: 'number', from: right, to: start.x, y: line.y, size: line.size };
        return { row, number: { state: 'blank', blank, label: text, suffix } };
      }
      // Anything else typed after "Số:" (dots or underscores for the pen): no blank to write in.
      if (start) return { row, number: { state: 'none', why: 'no-blank' } };
      // Nothing after "Số:" but, maybe, the other column: the whole số/ký hiệu goes there.
      const beyond = row.lines
        .flatMap((other) => other.words)
        .map((word) => word.x)
        .filter((x) => x > right)
        .sort((a, b) => a - b)[0];
      const to = Math.min(
        beyond === undefined ? page.x + page.width : beyond - line.size,
        right + MAX_NOTATION_EMS * line.size,
      );
      const blank: Blank = { kind: 'notation', from: right, to, y: line.y, size: line.size };
      return { row, number: { state: 'blank', blank, label: text, suffix: null } };
    }
  }
  return null;
}

/** "Số:" (or "SỐ:", "Số :") at the start of a line: where it ends, what is glued to it, the words after. */
function numberLabel(words: Word[]): { text: string; right: number; rest: string; after: Word[] } | null {
  const [first, second] = words;
  if (!first) return null;
  const head = lower(first.text);
  if (head.startsWith('số:'))
    return { text: first.text.slice(0, 3), right: first.right, rest: first.text.slice(3), after: words.slice(1) };
  if (head === 'số' && second?.text.startsWith(':'))
    return { text: `${first.text}:`, right: second.right, rest: second.text.slice(1), after: words.slice(2) };
  return null;
}

/** The words after "Số:" when they do not start with a blank: a number printed already, or something else. */
function printedOrNot(words: Word[], size: number): HeaderReading['number'] {
  const first = words[0]!.text;
  if (!/^[0-9]/.test(first)) return { state: 'none', why: 'no-blank' };
  const joined = normalizeWrittenNotation(touching(words, size).join(''));
  return { state: 'printed', notation: /^[0-9]+\/\S+/.exec(joined)?.[0] ?? first };
}

/** The words from the first on, as long as each touches the one before it (a ký hiệu cut by a font switch). */
function touching(words: Word[], size: number): string[] {
  const taken = [words[0]!];
  for (const word of words.slice(1)) {
    if (word.x - taken.at(-1)!.right > 0.15 * size) break;
    taken.push(word);
  }
  return taken.map((word) => word.text);
}

function findDateLine(rows: Row[], page: PageBox): HeaderReading['date'] {
  for (const row of rows) {
    const words = row.lines.flatMap(({ line, words: lineWords }) =>
      lineWords.map((word) => ({ ...word, y: line.y, size: line.size, lineX: line.x })),
    );
    words.sort((a, b) => a.x - b.x);
    const at = (text: string, from: number) =>
      words.findIndex((word, index) => index > from && lower(word.text) === text);
    const day = at('ngày', -1);
    const month = day < 0 ? -1 : at('tháng', day);
    const year = month < 0 ? -1 : at('năm', month);
    if (year < 0) continue;
    const blanks: Blank[] = [];
    const printed: Partial<Record<DatePart, number>> = {};
    const between = (part: 'day' | 'month', from: number, to: number): boolean => {
      const inside = words.slice(from + 1, to);
      const before = words[from]!;
      const after = words[to]!;
      if (inside.length === 0) {
        blanks.push({ kind: part, from: before.right, to: after.x, y: before.y, size: before.size });
        return true;
      }
      if (inside.length === 1 && /^[0-9]{1,2}$/.test(inside[0]!.text)) {
        printed[part] = Number(inside[0]!.text);
        return true;
      }
      return false;
    };
    if (!between('day', day, month) || !between('month', month, year)) return { state: 'none', why: 'no-blank' };
    const nam = words[year]!;
    const next = words[year + 1];
    let last = year;
    if (next && /^[0-9]{4}$/.test(next.text)) {
      printed.year = Number(next.text);
      last = year + 1;
    } else if (next && next.x - nam.right < MAX_YEAR_EMS * nam.size) {
      // "năm 20…" or dots: not a blank this text could fill.
      return { state: 'none', why: 'no-blank' };
    } else {
      const to = Math.min(next?.x ?? page.x + page.width, nam.right + MAX_YEAR_EMS * nam.size);
      blanks.push({ kind: 'year', from: nam.right, to, y: nam.y, size: nam.size });
    }
    // The date line starts where the line holding "ngày" starts: the place name.
    const start = words[day]!.lineX;
    return {
      state: 'found',
      blanks,
      printed,
      words: words.slice(0, last + 1).filter((word) => word.x >= start - 0.01),
    };
  }
  return { state: 'none', why: 'no-date-line' };
}

/** The date as Decree 30 Appendix I writes it: a day below 10 and the months 1 and 2 with a leading 0. */
export function dateParts(issuedOn: string): Record<DatePart, string> {
  const [year, month, day] = issuedOn.split('-').map(Number) as [number, number, number];
  return {
    day: String(day).padStart(2, '0'),
    month: month <= 2 ? String(month).padStart(2, '0') : String(month),
    year: String(year),
  };
}

/** Where `text` goes in `blank`: flush against the ký hiệu, after a space, or centred; null when it does not fit. */
function placeIn(blank: Blank, text: string): FilledText | null {
  const width = textWidth(text, blank.size);
  const room = ROOM * blank.size;
  const space = 0.25 * blank.size;
  let x: number;
  if (blank.kind === 'number') x = blank.to - width;
  else if (blank.kind === 'notation' || blank.kind === 'year') x = blank.from + space;
  else x = blank.from + (blank.to - blank.from - width) / 2;
  if (x < blank.from + (blank.kind === 'day' || blank.kind === 'month' ? room / 2 : room)) return null;
  if (x + width > blank.to - (blank.kind === 'number' ? 0 : room / 2)) return null;
  return { kind: blank.kind, text, x, y: blank.y, size: blank.size };
}

const sameNotation = (a: string, b: string) =>
  normalizeWrittenNotation(a).toLocaleUpperCase('vi').replace(/Ð/g, 'Đ') ===
  normalizeWrittenNotation(b).toLocaleUpperCase('vi').replace(/Ð/g, 'Đ');

/** What to draw on a draft's file for the number and date it is issued with, and what the file will then show. */
export function planNumberFill(
  header: HeaderReading,
  issued: { notation: string; issuedOn: string },
): { pieces: FilledText[]; outcome: NumberOnFile } {
  const refused = (why: NumberMissing): { pieces: FilledText[]; outcome: NumberOnFile } => ({
    pieces: [],
    outcome: { number: 'missing', date: 'missing', why, note: missingNote(why, issued.notation), lines: [] },
  });
  const { number } = header;
  const pieces: FilledText[] = [];
  if (number.state === 'none') return refused(number.why);
  if (number.state === 'printed') {
    // A number printed already is left as it is: the right one carries the file, another one does not.
    if (!sameNotation(number.notation, issued.notation)) return refused('other-number');
  } else {
    const slash = issued.notation.indexOf('/');
    if (number.blank.kind === 'number' && !sameNotation(number.suffix ?? '', issued.notation.slice(slash)))
      return refused('other-notation');
    const piece = placeIn(
      number.blank,
      number.blank.kind === 'number' ? issued.notation.slice(0, slash) : issued.notation,
    );
    if (!piece) return refused('no-blank');
    pieces.push(piece);
  }
  const date = planDate(header.date, issued.issuedOn);
  pieces.push(...date.pieces);
  return {
    pieces,
    outcome: {
      number: number.state === 'printed' ? 'printed' : 'written',
      date: date.state,
      why: date.why,
      note: date.why ? missingNote(date.why, issued.notation) : null,
      lines: filledLines(header, pieces),
    },
  };
}

function planDate(
  date: HeaderReading['date'],
  issuedOn: string,
): { pieces: FilledText[]; state: NumberOnFile['date']; why: NumberMissing | null } {
  if (date.state === 'none')
    return { pieces: [], state: 'missing', why: date.why === 'no-blank' ? 'date-no-blank' : 'no-date-line' };
  const parts = dateParts(issuedOn);
  const { printed, blanks } = date;
  if ((Object.keys(printed) as DatePart[]).some((part) => printed[part] !== Number(parts[part])))
    return { pieces: [], state: 'missing', why: 'other-date' };
  const placed = blanks.map((blank) => placeIn(blank, parts[blank.kind as DatePart]));
  if (placed.some((piece) => piece === null)) return { pieces: [], state: 'missing', why: 'date-no-blank' };
  return { pieces: placed as FilledText[], state: blanks.length > 0 ? 'written' : 'printed', why: null };
}

function missingNote(why: NumberMissing, notation: string): string {
  const number = `số, ký hiệu ${notation}`;
  switch (why) {
    case 'no-file':
      return `Văn bản chưa có tệp, nên ${number} chưa được ghi vào tệp nào.`;
    case 'unreadable-file':
      return `Không ghi được số vào tệp vì phần mềm không sửa được cấu trúc tệp PDF này, nên tệp không thể hiện ${number}.`;
    case 'no-text-layer':
      return `Tệp là bản chụp hoặc bản quét, không có lớp chữ để tìm dòng "Số:", nên tệp không thể hiện ${number}. Hãy ghi số vào bản giấy hoặc tạo lại tệp có số.`;
    case 'no-number-line':
      return `Tệp không có dòng "Số:" nên tệp không thể hiện ${number}.`;
    case 'no-blank':
      return `Dòng "Số:" của tệp không còn chỗ trống để ghi số, nên tệp không thể hiện ${number}.`;
    case 'other-number':
      return `Tệp đã in sẵn một số, ký hiệu khác, không phải ${number} vừa cấp; tệp không thể hiện số vừa cấp.`;
    case 'other-notation':
      return `Ký hiệu in trên dòng "Số:" của tệp khác với ký hiệu vừa cấp, nên số không được ghi vào tệp; tệp không thể hiện ${number}.`;
    case 'no-date-line':
      return `Đã ghi ${number} vào tệp, nhưng tệp không có dòng "…, ngày … tháng … năm …" để ghi ngày ban hành.`;
    case 'date-no-blank':
      return `Đã ghi ${number} vào tệp, nhưng dòng ngày tháng của tệp không còn chỗ trống nên ngày ban hành không được ghi.`;
    case 'other-date':
      return `Đã ghi ${number} vào tệp, nhưng ngày in sẵn trên tệp khác với ngày cấp số nên ngày ban hành không được ghi.`;
  }
}

/** The Số line and the date line with the drawn text in its blanks, as a reader of the page sees them. */
export function filledLines(header: HeaderReading, pieces: readonly FilledText[]): string[] {
  const lines: string[] = [];
  const numberPiece = pieces.find((piece) => piece.kind === 'number' || piece.kind === 'notation');
  if (numberPiece && header.number.state === 'blank')
    lines.push(
      `${header.number.label} ${numberPiece.text}${numberPiece.kind === 'number' ? header.number.suffix : ''}`,
    );
  const dated = pieces.filter((piece) => piece.kind === 'day' || piece.kind === 'month' || piece.kind === 'year');
  if (dated.length > 0 && header.date.state === 'found') {
    const words = [...header.date.words, ...dated.map((piece) => ({ text: piece.text, x: piece.x }))];
    lines.push(
      words
        .sort((a, b) => a.x - b.x)
        .map((word) => word.text)
        .join(' '),
    );
  }
  return lines;
}

const PATTERNS: Record<BlankKind, RegExp> = {
  number: /^[0-9]{1,7}$/,
  notation: /^[0-9]{1,7}\/[\p{L}\p{N}-]+$/u,
  day: /^(0?[1-9]|[12][0-9]|3[01])$/,
  month: /^(0?[1-9]|1[0-2])$/,
  year: /^[0-9]{4}$/,
};

/** Text an update draws on page 1, as its appearance places it. */
export interface DrawnText {
  text: string;
  x: number;
  width: number;
  y: number;
  size: number;
}

/**
 * Whether everything an update draws is a number or a date part sitting in one of the header's
 * blanks, on its line and in its size; then the lines as they now read.
 */
export function matchFilledText(
  header: HeaderReading,
  drawn: readonly DrawnText[],
): { ok: true; lines: string[] } | { ok: false; why: string } {
  const blanks = [
    ...(header.number.state === 'blank' ? [header.number.blank] : []),
    ...(header.date.state === 'found' ? header.date.blanks : []),
  ];
  const used = new Set<Blank>();
  const pieces: FilledText[] = [];
  for (const text of drawn) {
    const blank = blanks.find(
      (candidate) =>
        !used.has(candidate) &&
        text.x >= candidate.from - 1 &&
        text.x + text.width <= candidate.to + 1 &&
        Math.abs(text.y - candidate.y) <= 0.25 * candidate.size &&
        Math.abs(text.size - candidate.size) <= 0.15 * candidate.size,
    );
    if (!blank)
      return { ok: false, why: `the update draws "${text.text}" outside the blanks of the Số and date lines` };
    if (!PATTERNS[blank.kind].test(text.text))
      return { ok: false, why: `the update writes "${text.text}" where the ${blank.kind} goes` };
    used.add(blank);
    pieces.push({ kind: blank.kind, text: text.text, x: text.x, y: text.y, size: text.size });
  }
  if (pieces.length === 0) return { ok: false, why: 'the update draws nothing' };
  return { ok: true, lines: filledLines(header, pieces) };
}

/** Page 1 of a PDF read from its own text layer (never OCR): its lines and its visible box. */
export async function readFirstPage(bytes: Uint8Array): Promise<{ layout: LayoutLine[]; page: PageBox }> {
  const loading = await openPdf(bytes);
  try {
    const pdf = await loading.promise;
    const page = await pdf.getPage(1);
    const [left, bottom, right, top] = page.view as [number, number, number, number];
    const reading = await readPdfPage(page);
    page.cleanup();
    return { layout: layoutLines(0, reading), page: { x: left, y: bottom, width: right - left, height: top - bottom } };
  } finally {
    await loading.destroy();
  }
}

export interface DraftFile {
  bytes: Uint8Array;
  /** The stored layout, and where its text came from; only a text layer is trusted to place text. */
  layout: LayoutLine[] | null;
  textSource: TextSource;
}

/**
 * Writes the issued number and date into a draft's file. Returns the new bytes (the original
 * plus one incremental update), or null when nothing could be drawn, and what the file now shows.
 */
export async function fillNumberOnFile(
  file: DraftFile | null,
  issued: { notation: string; issuedOn: string },
  at: Date,
): Promise<{ bytes: Uint8Array | null; outcome: NumberOnFile }> {
  const none = (why: NumberMissing): { bytes: null; outcome: NumberOnFile } => ({
    bytes: null,
    outcome: { number: 'missing', date: 'missing', why, note: missingNote(why, issued.notation), lines: [] },
  });
  if (!file) return none('no-file');
  // Most letters that cannot take the number have no "Số" line at all: no need to open them.
  const stored = file.textSource === 'pdf' ? file.layout : null;
  if (stored && !stored.some((line) => line.page === 0 && lower(line.text).startsWith('số')))
    return none('no-number-line');
  let doc: PDFDocument;
  try {
    doc = await loadForUpdate(file.bytes);
  } catch {
    // pdf.js read it when it was stored, but it cannot be updated: issuing goes on without it.
    return none('unreadable-file');
  }
  const firstPage = doc.getPages()[0];
  if (!firstPage) return none('no-number-line');
  // OCR read a scan's words, but a verifier reads the text layer only: it must find the same blanks.
  let layout = stored;
  let page: PageBox = firstPage.getCropBox();
  if (!layout) {
    try {
      ({ layout, page } = await readFirstPage(file.bytes));
    } catch {
      layout = [];
    }
  }
  if (!layout.some((line) => line.page === 0)) return none('no-text-layer');
  const { pieces, outcome } = planNumberFill(readHeader(layout, page), issued);
  if (pieces.length === 0) return { bytes: null, outcome };
  return { bytes: await drawFilledText(doc, file.bytes, pieces, at), outcome };
}

/** The pieces drawn on page 1 of `original` as one incremental update. */
export async function writeFilledText(
  original: Uint8Array,
  pieces: readonly FilledText[],
  at: Date,
): Promise<Uint8Array> {
  return drawFilledText(await loadForUpdate(original), original, pieces, at);
}

async function loadForUpdate(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { forIncrementalUpdate: true, updateMetadata: false });
  } catch (error) {
    throw new AppError('PDF_CORRUPT', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** One FreeText annotation per piece, each drawing its text in Liberation Serif with nothing else. */
async function drawFilledText(
  doc: PDFDocument,
  original: Uint8Array,
  pieces: readonly FilledText[],
  at: Date,
): Promise<Uint8Array> {
  const snapshot = doc.takeSnapshot();
  const context = doc.context;
  const font = registerFont(
    context,
    pieces.map((piece) => piece.text),
  );
  const { ascent, descent } = fontMetrics();
  const page = doc.getPage(0);
  const pageRef = page.ref;
  for (const piece of pieces) {
    const width = round(textWidth(piece.text, piece.size));
    const height = round(((ascent - descent) * piece.size) / 1000);
    const left = round(piece.x);
    const bottom = round(piece.y + (descent * piece.size) / 1000);
    const appearance = context.register(
      context.stream(
        [
          'q',
          '0 0 0 rg',
          'BT',
          `/F1 ${piece.size} Tf`,
          `1 0 0 1 0 ${round(piece.y - bottom)} Tm`,
          `${encodeText(piece.text)} Tj`,
          'ET',
          'Q',
        ].join('\n'),
        {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, width, height].map((value) => PDFNumber.of(value)),
          Resources: context.obj({ Font: { F1: font } }),
        },
      ),
    );
    const annotation = context.obj({
      Type: 'Annot',
      Subtype: 'FreeText',
      Rect: [left, bottom, round(left + width), round(bottom + height)].map((value) => PDFNumber.of(value)),
      Contents: PDFHexString.fromText(piece.text),
      NM: PDFString.of(`vanthu-${piece.kind}`),
      M: PDFString.fromDate(at),
      F: FILLED_TEXT_FLAGS,
      P: pageRef,
      DA: PDFString.of(`/TiRo ${piece.size} Tf 0 g`),
      IT: PDFName.of(INTENT),
      BS: { W: 0 },
      AP: { N: appearance },
    });
    addToArray(doc, snapshot, page.node, 'Annots', context.register(annotation), pageRef);
  }
  const increment = await doc.saveIncremental(snapshot, { useObjectStreams: false, objectsPerTick: Infinity });
  const bytes = new Uint8Array(original.length + increment.length);
  bytes.set(original, 0);
  bytes.set(increment, original.length);
  return bytes;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
