// Reads what an official letter says about itself from where its first page
// puts each line (Decree 30/2020, Appendix I): the issuing agency top left,
// "Số: …" under it, "<place>, ngày … tháng … năm …" at the right on the same
// line, then the type's title with the trích yếu under it, or for a công văn
// "V/v …" under the number. Anything the page does not say plainly stays null.
import { isCalendarDate } from '../../shared/dates.ts';
import { documentTypes, findDocumentType, type DocumentType } from '../../shared/domain.ts';
import { foldedWords, foldVietnamese } from '../../shared/fold.ts';
import { beginsAgency, registerAgencyName } from './agency-name.ts';
import { normalizeWrittenNotation } from './notation.ts';
import type { PageReading, ReadLine } from './page-reading.ts';

export interface LetterHeader {
  notation: string | null;
  issuedOn: string | null;
  /** The issuing agency as a register writes it: "UBND xã Quảng Nham" for "ỦY BAN NHÂN DÂN / XÃ QUẢNG NHAM". */
  issuer: string | null;
  /** Tên cơ quan chủ quản, the agency above the issuer in the header, when there is one. */
  parent: string | null;
  type: DocumentType | null;
  subject: string | null;
}

type Line = ReadLine;

// The register's own limits (shared/api.ts), so a pre-filled form can be saved as it is.
const MAX_SUBJECT = 2000;
const MAX_ISSUER = 200;
const MAX_NOTATION = 60;

export function readLetterHeader(page: PageReading): LetterHeader {
  const lines = page.lines.filter((line) => /[\p{L}\p{N}]/u.test(line.text));
  const centreX = page.width / 2;
  const numberLine = lines.find((line) => NUMBER_LINE.test(line.text)) ?? null;
  const notation = numberLine ? notationOf(numberLine.text) : null;
  const title = lines.find((line) => (!numberLine || line.y < numberLine.y) && titleType(line) !== null) ?? null;
  const about =
    lines.find(
      (line) =>
        (!numberLine || line.y < numberLine.y) && line.x + line.width / 2 < centreX && ABOUT.test(fold(line.text)),
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
    headerBottom === null ? { issuer: null, parent: null } : agencyOf(lines, headerBottom, centreX);
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
// "ngày 12 tháng 3 năm 2026"; OCR of a scan may misread a letter of "tháng" or "năm".
const DATE = /ngay\s*(\d{1,2})\s*t\w{3,4}\s*(\d{1,2})\s*n\w{1,2}m\s*(\d{4})/;
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

/**
 * The agencies named in the header's left column above its bottom: a line that begins with
 * an institution ("ỦY BAN NHÂN DÂN", "SỞ", "TRUNG TÂM"…) starts one, any other line (a
 * level and a place, or a name wrapped in a narrow column) continues the one above. The
 * last is the issuer, the one before it the parent agency.
 */
function agencyOf(
  lines: Line[],
  headerBottom: number,
  centreX: number,
): { issuer: string | null; parent: string | null } {
  const column = lines
    .filter((line) => line.y > headerBottom + line.size / 2 && line.x + line.width / 2 < centreX)
    .map((line) => line.text)
    .filter((text) => foldedWords(text).length > 0 && !MOTTO.has(foldedWords(text).join(' ')));
  const agencies: string[][] = [];
  for (const text of column) {
    const current = agencies.at(-1);
    if (current && !beginsAgency(text)) current.push(text);
    else agencies.push([text]);
  }
  const names = agencies.map((agency) => registerAgencyName(agency).slice(0, MAX_ISSUER));
  return { issuer: names.at(-1) ?? null, parent: names.at(-2) ?? null };
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
