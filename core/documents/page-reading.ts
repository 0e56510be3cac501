// One reading of a page, by geometry, for everything that reads a letter: the
// search text, the stored layout that signature placement uses, and header
// reading. The pieces come from pdf.js (one per font switch, so "Lê Văn Đ" +
// "ứ" + "c" on a Chromium or cairo letter) or from OCR (one per word); what
// joins them is where they sit, never the order or the count of the pieces.

/** A piece of text where the page draws it: baseline origin, advance width and font size, in PDF points. */
export interface TextPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface ReadWord {
  text: string;
  x: number;
  width: number;
}

/** One line of one column: the words on one baseline with no column gap between them. */
export interface ReadLine {
  text: string;
  /** Left end and baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size: the line's height above the baseline is about this much. */
  size: number;
  words: ReadWord[];
}

export interface PageReading {
  width: number;
  height: number;
  /** Top to bottom; left to right within a baseline. */
  lines: ReadLine[];
}

// In ems of the font size. Pieces closer than TOUCH are one word cut by a font switch; a gap
// wider than WIDE is a tab stop or a table cell. Between the two, a gap that other lines near it
// leave open at the same place is a column gutter (the Decree 30 header, whose two columns may
// come within a few points of each other on one line); elsewhere it is a space.
const TOUCH = 0.15;
const GUTTER = 0.4;
const OCR_GUTTER = 1.2;
const WIDE = 1.5;
const SAME_BASELINE = 0.35;
/** Rows above and below that are asked whether they leave a gutter open. */
const GUTTER_NEIGHBOURS = 3;
const GUTTER_ROWS = 1;

export interface ReadOptions {
  /**
   * `advance` (a text layer): a gap runs from one piece's advance to the next piece.
   * `ink` (OCR): a gap runs between the ink of two words, so an ordinary space is already a
   * third of an em, and only a much wider one can be a gutter.
   */
  gaps: 'advance' | 'ink';
}

export function readPage(
  pieces: readonly TextPiece[],
  page: { width: number; height: number },
  options: ReadOptions = { gaps: 'advance' },
): PageReading {
  const rows = baselineRows(withoutOverprint(pieces.flatMap(cleanPiece)));
  const gutter = options.gaps === 'ink' ? OCR_GUTTER : GUTTER;
  const lines = rows.flatMap((row, index) => splitColumns(row, rows, index, gutter).map(joinLine));
  return { width: page.width, height: page.height, lines };
}

/** The page as text: one line of the reading a line of text. */
export function readingText(reading: PageReading): string {
  return reading.lines.map((line) => line.text).join('\n');
}

function cleanPiece(piece: TextPiece): TextPiece[] {
  const text = piece.text.normalize('NFC');
  if (text.trim() === '' || !(piece.size > 0) || !Number.isFinite(piece.x + piece.y + piece.width)) return [];
  return [{ ...piece, text }];
}

/**
 * Some producers make bold by drawing the same text twice, a fraction of a point apart:
 * the second copy is dropped, or the line would read every word twice.
 */
function withoutOverprint(pieces: TextPiece[]): TextPiece[] {
  const kept: TextPiece[] = [];
  for (const piece of pieces) {
    const twin = kept.find(
      (other) =>
        other.text === piece.text &&
        Math.abs(other.y - piece.y) < 0.1 * piece.size &&
        Math.abs(other.x - piece.x) < 0.2 * piece.size,
    );
    if (!twin) kept.push(piece);
  }
  return kept;
}

/** Pieces grouped by baseline, top row first, each row in x order. */
function baselineRows(pieces: TextPiece[]): TextPiece[][] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextPiece[][] = [];
  for (const piece of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - piece.y) <= SAME_BASELINE * Math.max(row[0]!.size, piece.size)) row.push(piece);
    else rows.push([piece]);
  }
  // A combining mark drawn where the next letter starts belongs to the letter before it.
  const isMark = (piece: TextPiece) => /^\p{M}+$/u.test(piece.text);
  return rows.map((row) => row.sort((a, b) => a.x - b.x || Number(isMark(b)) - Number(isMark(a))));
}

const rightOf = (piece: TextPiece) => piece.x + piece.width;

/** Splits a row where it crosses a column gutter. */
function splitColumns(row: TextPiece[], rows: TextPiece[][], index: number, gutterEm: number): TextPiece[][] {
  const segments: TextPiece[][] = [[row[0]!]];
  for (let i = 1; i < row.length; i++) {
    const previous = row[i - 1]!;
    const piece = row[i]!;
    const em = Math.max(previous.size, piece.size);
    const gap = piece.x - rightOf(previous);
    const gutter = gutterEm * em;
    const isColumnGap =
      gap > WIDE * em || (gap > gutter && gutterOpenNearby(rows, index, rightOf(previous), piece.x, em, gutter));
    if (isColumnGap) segments.push([piece]);
    else segments.at(-1)!.push(piece);
  }
  return segments;
}

/**
 * Whether the rows right above and right below this one, without a break, have text on both
 * sides of the gap and a gap of their own across it: a gutter runs down a block of lines, where
 * a wide space in one line of prose does not.
 */
function gutterOpenNearby(
  rows: TextPiece[][],
  index: number,
  from: number,
  to: number,
  em: number,
  gutter: number,
): boolean {
  const middle = (from + to) / 2;
  const here = rows[index]![0]!.y;
  const opensAt = (row: TextPiece[] | undefined) => {
    if (!row || Math.abs(row[0]!.y - here) > 6 * em) return false;
    const left = row.filter((piece) => rightOf(piece) <= middle);
    const right = row.filter((piece) => piece.x >= middle);
    if (left.length === 0 || right.length === 0 || left.length + right.length !== row.length) return false;
    return Math.min(...right.map((piece) => piece.x)) - Math.max(...left.map(rightOf)) > gutter;
  };
  let open = 0;
  for (const step of [-1, 1]) {
    for (let other = index + step; Math.abs(other - index) <= GUTTER_NEIGHBOURS && opensAt(rows[other]); other += step)
      open++;
  }
  return open >= GUTTER_ROWS;
}

/** The pieces of one segment as a line: joined with no space where they touch, one space across a gap. */
function joinLine(pieces: TextPiece[]): ReadLine {
  // Where each character starts: a piece's advance shared among its letters (marks take no room).
  const chars: { char: string; x: number; end: number }[] = [];
  pieces.forEach((piece, index) => {
    const previous = pieces[index - 1];
    if (previous) {
      const gap = piece.x - rightOf(previous);
      const spaced = /\s$/u.test(previous.text) || /^\s/u.test(piece.text);
      if (gap >= TOUCH * Math.max(previous.size, piece.size) && !spaced)
        chars.push({ char: ' ', x: rightOf(previous), end: piece.x });
    }
    const letters = [...piece.text];
    const advancing = letters.filter((char) => !/\p{M}/u.test(char)).length || 1;
    const step = piece.width / advancing;
    let x = piece.x;
    for (const char of letters) {
      const mark = /\p{M}/u.test(char);
      chars.push({ char, x: mark ? x - step : x, end: mark ? x : x + step });
      if (!mark) x += step;
    }
  });
  const words: ReadWord[] = [];
  let current: { text: string; x: number; end: number } | null = null;
  for (const { char, x, end } of chars) {
    if (/\s/u.test(char)) {
      if (current) words.push({ text: current.text, x: current.x, width: current.end - current.x });
      current = null;
    } else if (current) {
      current.text += char;
      current.end = Math.max(current.end, end);
    } else {
      current = { text: char, x, end };
    }
  }
  if (current) words.push({ text: current.text, x: current.x, width: current.end - current.x });
  const first = pieces[0]!;
  const right = Math.max(...pieces.map(rightOf));
  return {
    text: words
      .map((word) => word.text)
      .join(' ')
      .normalize('NFC'),
    x: first.x,
    y: first.y,
    width: right - first.x,
    size: Math.max(...pieces.map((piece) => piece.size)),
    words: words.map((word) => ({ ...word, text: word.text.normalize('NFC') })),
  };
}
