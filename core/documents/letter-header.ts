// Reads what an official letter says about itself from where its first page
// puts each line (Decree 30/2020, Appendix I): the issuing agency top left,
// "Số: …" under it, "<place>, ngày … tháng … năm …" at the right on the same
// line, then the type's title with the trích yếu under it, or for a công văn
// "V/v …" under the number. Anything the page does not say plainly stays null.
import { isCalendarDate } from '../../shared/dates.ts';
import { documentTypes, findDocumentType, type DocumentType } from '../../shared/domain.ts';
import { foldedWords, foldVietnamese } from '../../shared/fold.ts';
import { normalizeWrittenNotation } from './notation.ts';
import type { PageText, TextRun } from './pdf-first-page.ts';

export interface LetterHeader {
  notation: string | null;
  issuedOn: string | null;
  /** The issuing agency as the header writes it ("ỦY BAN NHÂN DÂN XÃ QUẢNG NHAM"). */
  issuer: string | null;
  /** Tên cơ quan chủ quản, the line above the issuer, when there is one. */
  parent: string | null;
  type: DocumentType | null;
  subject: string | null;
}

/** One line of one column: runs on the same baseline with no wide gap between them. */
interface Line {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

// The register's own limits (shared/api.ts), so a pre-filled form can be saved as it is.
const MAX_SUBJECT = 2000;
const MAX_ISSUER = 200;
const MAX_NOTATION = 60;

export function readLetterHeader(page: PageText): LetterHeader {
  const lines = columnLines(page.runs);
  const numberLine = lines.find((line) => NUMBER_LINE.test(line.text)) ?? null;
  const notation = numberLine ? notationOf(numberLine.text) : null;
  const title = lines.find((line) => (!numberLine || line.y < numberLine.y) && titleType(line) !== null) ?? null;
  const about =
    lines.find(
      (line) =>
        (!numberLine || line.y < numberLine.y) && line.x + line.width / 2 < page.centreX && ABOUT.test(fold(line.text)),
    ) ?? null;
  // The header ends at the number line; without one, at the date or the title.
  const dateLine =
    lines.find(
      (line) =>
        dateOf(line.text) !== null &&
        (numberLine ? line.y >= numberLine.y - line.size : PLACE_DATE.test(fold(line.text))),
    ) ?? null;
  const headerBottom = numberLine?.y ?? dateLine?.y ?? title?.y ?? null;
  const { issuer, parent } =
    headerBottom === null ? { issuer: null, parent: null } : agencyOf(lines, headerBottom, page.centreX);
  return {
    notation,
    issuedOn: dateLine ? dateOf(dateLine.text) : null,
    issuer,
    parent,
    type:
      (title && titleType(title)) ??
      (about ? findDocumentType('CV')! : null) ??
      (notation ? typeOfNotation(notation) : null),
    subject: title ? subjectUnder(lines, title) : about ? subjectUnder(lines, about, true) : null,
  };
}

// "Số: 15/UBND-VP", "Số:05/QĐ-UBND", "SỐ 7 / KH - UBND".
const NUMBER_LINE = /^số\s*[:.]?\s*\d/iu;
const NOTATION = /^\d+[\p{L}]?\/[\p{L}\p{N}&./-]*[\p{L}\p{N}]/u;
const ABOUT = /^(v\s*\/\s*v|ve viec)\b/;
const PLACE_DATE = /^[^,]+,\s*ngay\s/;
const DATE = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/;
const STOP = /^(can cu|kinh gui|thuc hien|noi nhan)\b/;

function notationOf(text: string): string | null {
  const written = normalizeWrittenNotation(text.replace(/^số\s*[:.]?\s*/iu, ''));
  return NOTATION.exec(written)?.[0].slice(0, MAX_NOTATION) ?? null;
}

function dateOf(text: string): string | null {
  const match = DATE.exec(fold(text));
  if (!match) return null;
  const date = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

/** A line that is exactly a type's name in capitals: "QUYẾT ĐỊNH", "KẾ HOẠCH". */
function titleType(line: Line): DocumentType | null {
  if (line.text !== line.text.toUpperCase()) return null;
  const words = foldedWords(line.text).join(' ');
  return documentTypes.find((type) => foldedWords(type.name).join(' ') === words) ?? null;
}

/**
 * The type written into the ký hiệu ("05/QĐ-UBND" is a quyết định); a
 * notation without a type's abbreviation is a công văn's (Decree 30, Appendix III).
 */
function typeOfNotation(notation: string): DocumentType {
  const symbol = notation.split('/').at(-1)!;
  return findDocumentType(symbol.split('-')[0]!) ?? findDocumentType('CV')!;
}

// The Quốc hiệu and tiêu ngữ share the header's lines but name no agency.
const MOTTO = new Set(['cong hoa xa hoi chu nghia viet nam', 'doc lap tu do hanh phuc']);
// A first line that only says what kind of body it is; the next line says where.
const BARE_INSTITUTION = new Set(['uy ban nhan dan', 'ubnd', 'hoi dong nhan dan', 'hdnd']);

function agencyOf(
  lines: Line[],
  headerBottom: number,
  centreX: number,
): { issuer: string | null; parent: string | null } {
  const column = lines
    .filter((line) => line.y > headerBottom + line.size / 2 && line.x + line.width / 2 < centreX)
    .map((line) => line.text)
    .filter((text) => foldedWords(text).length > 0 && !MOTTO.has(foldedWords(text).join(' ')));
  const names: string[] = [];
  for (let index = 0; index < column.length; index++) {
    const text = column[index]!;
    const next = column[index + 1];
    if (next !== undefined && BARE_INSTITUTION.has(foldedWords(text).join(' '))) {
      names.push(`${text} ${next}`);
      index++;
    } else {
      names.push(text);
    }
  }
  if (names.length === 0) return { issuer: null, parent: null };
  const [first, ...rest] = names.map((name) => name.slice(0, MAX_ISSUER));
  return rest.length === 0
    ? { issuer: first!, parent: null }
    : { issuer: rest.join(' ').slice(0, MAX_ISSUER), parent: first! };
}

/**
 * The lines that continue `first` below it: same column, no paragraph gap, up
 * to the body ("Căn cứ…", "Kính gửi…") or the next line in capitals. The
 * title itself is not part of the trích yếu; the "V/v" line is.
 */
function subjectUnder(lines: Line[], first: Line, includeFirst = false): string | null {
  const centre = first.x + first.width / 2;
  const taken: Line[] = includeFirst ? [first] : [];
  let previous = first;
  for (const line of lines.slice(lines.indexOf(first) + 1)) {
    if (previous.y - line.y > 2.2 * Math.max(previous.size, line.size)) break;
    const lineCentre = line.x + line.width / 2;
    const inColumn = includeFirst
      ? line.x >= first.x - 2 * first.size && line.x + line.width <= first.x + first.width + 2 * first.size
      : Math.abs(lineCentre - centre) <= 6 * first.size;
    if (!inColumn) continue;
    if (STOP.test(fold(line.text)) || (line.text === line.text.toUpperCase() && /\p{L}/u.test(line.text))) break;
    taken.push(line);
    previous = line;
  }
  const subject = taken
    .map((line) => line.text)
    .join(' ')
    .trim();
  return subject === '' ? null : subject.slice(0, MAX_SUBJECT);
}

function fold(text: string): string {
  return foldVietnamese(text).trim();
}

/** Runs grouped into lines by baseline, then split where a wide gap separates the header's two columns. */
function columnLines(runs: readonly TextRun[]): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextRun[][] = [];
  for (const run of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - run.y) <= 0.35 * Math.max(row[0]!.size, run.size)) row.push(run);
    else rows.push([run]);
  }
  return rows.flatMap((row) => {
    const lines: Line[] = [];
    for (const run of row.sort((a, b) => a.x - b.x)) {
      const last = lines.at(-1);
      const gap = last ? run.x - (last.x + last.width) : Infinity;
      if (last && gap <= 1.2 * Math.max(last.size, run.size)) {
        last.text += gap > 0.15 * run.size ? ` ${run.text}` : run.text;
        last.width = Math.max(last.width, run.x + run.width - last.x);
        last.size = Math.max(last.size, run.size);
      } else {
        lines.push({ ...run });
      }
    }
    return lines
      .map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() }))
      .filter((line) => line.text !== '');
  });
}
