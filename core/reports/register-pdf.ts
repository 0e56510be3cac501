// A register printed as Decree 30 asks of registers kept in software (Art.
// 16.2b, 22.3b): every column on A4 landscape, the column headers again at the
// top of each page, long trích yếu wrapped inside their cells, pages numbered
// "Trang x/y" so a bound register shows a missing sheet.
//
// A year's register runs to thousands of pages, so each page's content stream
// is written directly with the signature appearance's prepared font (Liberation
// Serif, Times New Roman's metrics, every Vietnamese letter, subset once per
// process): no text shaping per cell, and a finished page is compressed at once.
import { PDFDocument, PDFName, type PDFPage } from '@cantoo/pdf-lib';
import { encodeText, registerFont, textWidth } from '../signing/pades/appearance-resources.ts';
import type { CellValue, SheetColumn } from './xlsx.ts';

export interface RegisterTable {
  title: string;
  subtitle: string[];
  /** Widths are relative; the table fills the page width. */
  columns: SheetColumn[];
  rows: Iterable<CellValue[]>;
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const MARGIN = { left: 28, right: 28, top: 30, bottom: 40 };
const SIZE = { title: 14, subtitle: 11, header: 9, body: 9, footer: 9 };
const LINE = 1.22;
const PAD = 3;
const FONT = PDFName.of('F1');

/** One page being drawn: rules and fills, then text, which PDF keeps in separate objects. */
class PageContent {
  readonly graphics: string[] = ['0.5 w 0 G'];
  readonly text: string[] = [];

  line(text: string, x: number, y: number, size: number): void {
    if (text === '') return;
    this.text.push(`/F1 ${size} Tf 1 0 0 1 ${n(x)} ${n(y)} Tm ${encodeText(text)} Tj`);
  }

  cell(x: number, y: number, width: number, height: number, fill: boolean): void {
    const box = `${n(x)} ${n(y)} ${n(width)} ${n(height)} re`;
    this.graphics.push(fill ? `0.9 g ${box} f 0 g ${box} S` : `${box} S`);
  }

  stream(): string {
    return `${this.graphics.join('\n')}\nBT\n${this.text.join('\n')}\nET`;
  }
}

export async function buildRegisterPdf(table: RegisterTable): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const tableWidth = A4_LANDSCAPE[0] - MARGIN.left - MARGIN.right;
  const totalWeight = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = table.columns.map((column) => (column.width / totalWeight) * tableWidth);
  const wrapCell = (text: string, index: number, size: number) => wrapText(text, size, widths[index]! - 2 * PAD);
  const header = table.columns.map((column, index) => wrapCell(column.header, index, SIZE.header));
  // The font's width table lists only the characters this register uses.
  const used = new Set<string>();
  const remember = (lines: string[][]) => {
    for (const cell of lines) for (const line of cell) for (const char of line) used.add(char);
  };
  remember(header);

  const pages: PDFPage[] = [];
  let content: PageContent | null = null;
  let y = 0;
  let rowsOnPage = 0;
  const finishPage = () => {
    if (content) pages.at(-1)!.node.addContentStream(doc.context.register(doc.context.flateStream(content.stream())));
  };
  const newPage = () => {
    finishPage();
    pages.push(doc.addPage(A4_LANDSCAPE));
    content = new PageContent();
    y = A4_LANDSCAPE[1] - MARGIN.top;
    if (pages.length === 1) y = drawTitle(content, table, y, used);
    y = drawRow(content, widths, header, 0, rowHeightLines(header), y, SIZE.header, true);
    rowsOnPage = 0;
  };
  newPage();
  for (const values of table.rows) {
    const cells = values.map((value, index) => wrapCell(value === null ? '' : String(value), index, SIZE.body));
    remember(cells);
    const lines = rowHeightLines(cells);
    const lineHeight = SIZE.body * LINE;
    // A row goes whole onto the next page when it does not fit; only a row taller than a page is split.
    if (rowsOnPage > 0 && y - (lines * lineHeight + 2 * PAD) < MARGIN.bottom) newPage();
    let from = 0;
    while (from < lines) {
      const room = Math.max(1, Math.floor((y - MARGIN.bottom - 2 * PAD) / lineHeight));
      const count = Math.min(room, lines - from);
      y = drawRow(content!, widths, cells, from, count, y, SIZE.body, false);
      rowsOnPage++;
      from += count;
      if (from < lines) newPage();
    }
  }
  finishPage();

  const footers = pages.map((_, index) => `Trang ${index + 1}/${pages.length}`);
  for (const footer of footers) for (const char of footer) used.add(char);
  const font = registerFont(doc.context, [[...used].join('')]);
  pages.forEach((page, index) => {
    const footer = new PageContent();
    const label = footers[index]!;
    footer.line(label, (A4_LANDSCAPE[0] - textWidth(label, SIZE.footer)) / 2, MARGIN.bottom / 2 - 2, SIZE.footer);
    page.node.addContentStream(doc.context.register(doc.context.flateStream(footer.stream())));
    page.node.setFontDictionary(FONT, font);
  });
  return doc.save();
}

function drawTitle(content: PageContent, table: RegisterTable, top: number, used: Set<string>): number {
  let y = top - SIZE.title;
  const centred = (text: string, size: number) => {
    for (const char of text) used.add(char);
    content.line(text, (A4_LANDSCAPE[0] - textWidth(text, size)) / 2, y, size);
  };
  centred(table.title, SIZE.title);
  for (const line of table.subtitle) {
    y -= SIZE.subtitle * 1.5;
    centred(line, SIZE.subtitle);
  }
  return y - SIZE.subtitle;
}

function rowHeightLines(cells: string[][]): number {
  return Math.max(1, ...cells.map((lines) => lines.length));
}

/** Draws lines [from, from + count) of every cell of a row below `top`; returns the row's bottom. */
function drawRow(
  content: PageContent,
  widths: number[],
  cells: string[][],
  from: number,
  count: number,
  top: number,
  size: number,
  fill: boolean,
): number {
  const lineHeight = size * LINE;
  const height = count * lineHeight + 2 * PAD;
  let x = MARGIN.left;
  cells.forEach((lines, index) => {
    const width = widths[index]!;
    content.cell(x, top - height, width, height, fill);
    lines
      .slice(from, from + count)
      .forEach((line, lineIndex) => content.line(line, x + PAD, top - PAD - size * 0.9 - lineIndex * lineHeight, size));
    x += width;
  });
  return top - height;
}

/** Greedy word wrap by the font's advance widths; a word wider than the cell is cut by letters. */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = textWidth(' ', size);
  for (const paragraph of text
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters (bar tab and newline) have no glyph to draw
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .split(/\r?\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = textWidth(word, size);
      if (line && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      if (wordWidth <= width) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      line = '';
      lineWidth = 0;
      for (const letter of word) {
        const letterWidth = textWidth(letter, size);
        if (line && lineWidth + letterWidth > width) {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += letter;
        lineWidth += letterWidth;
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}

/** PDF numbers: two decimals are finer than any printer. */
function n(value: number): string {
  return value.toFixed(2);
}
