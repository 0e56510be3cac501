// A one-sheet Office Open XML workbook (ECMA-376), written by hand: a few
// fixed parts, then the sheet with inline strings, so no shared-string table
// has to be kept in memory and every cell stands on its own.
import { strToU8, zipSync } from 'fflate';

export type CellValue = string | number | null;

export interface SheetColumn {
  header: string;
  /** In characters of the default font, as Excel measures column widths. */
  width: number;
}

export interface SheetContent {
  /** The tab's name; Excel allows 31 characters and none of []:*?/\ */
  name: string;
  /** Lines above the table, each merged across every column: the register's title, the agency, the period. */
  title: string[];
  columns: SheetColumn[];
  rows: Iterable<CellValue[]>;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Indexes into cellXfs of the stylesheet below.
const STYLE = { title: 1, subtitle: 2, header: 3, body: 4 } as const;

export function buildXlsx(sheet: SheetContent): Uint8Array {
  const name = sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  const headerRow = sheet.title.length + 2;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(contentTypes()),
      '_rels/.rels': strToU8(rootRelationships()),
      'xl/workbook.xml': strToU8(workbook(name, headerRow)),
      'xl/_rels/workbook.xml.rels': strToU8(workbookRelationships()),
      'xl/styles.xml': strToU8(styles()),
      'xl/worksheets/sheet1.xml': strToU8(worksheet(sheet, headerRow)),
    },
    { level: 6 },
  );
}

function contentTypes(): string {
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>`;
}

function rootRelationships(): string {
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>\
</Relationships>`;
}

function workbookRelationships(): string {
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>\
</Relationships>`;
}

/** The column header row is repeated at the top of every printed page. */
function workbook(name: string, headerRow: number): string {
  const quoted = `'${name.replace(/'/g, "''")}'`;
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">\
<sheets><sheet name="${escapeXml(name)}" sheetId="1" r:id="rId1"/></sheets>\
<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">${escapeXml(`${quoted}!$${headerRow}:$${headerRow}`)}</definedName></definedNames>\
</workbook>`;
}

// Times New Roman, as Decree 30 writes its registers; a thin border round every table cell.
function styles(): string {
  const border = (side: string) => `<${side} style="thin"><color auto="1"/></${side}>`;
  return `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">\
<fonts count="3">\
<font><sz val="12"/><name val="Times New Roman"/><family val="1"/></font>\
<font><b/><sz val="12"/><name val="Times New Roman"/><family val="1"/></font>\
<font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/></font>\
</fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
<border>${border('left')}${border('right')}${border('top')}${border('bottom')}<diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="5">\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
</cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>`;
}

function worksheet(sheet: SheetContent, headerRow: number): string {
  const lastColumn = columnName(sheet.columns.length - 1);
  const parts: string[] = [];
  const widths = sheet.columns.map((column) => column.width);
  sheet.title.forEach((line, index) => parts.push(row(index + 1, [line], index === 0 ? STYLE.title : STYLE.subtitle)));
  parts.push(
    row(
      headerRow,
      sheet.columns.map((column) => column.header),
      STYLE.header,
      widths,
    ),
  );
  let lastRow = headerRow;
  for (const values of sheet.rows) parts.push(row(++lastRow, values, STYLE.body, widths));
  const cols = sheet.columns
    .map((column, index) => `<col min="${index + 1}" max="${index + 1}" width="${column.width}" customWidth="1"/>`)
    .join('');
  const merges = sheet.title.map((_, index) => `<mergeCell ref="A${index + 1}:${lastColumn}${index + 1}"/>`).join('');
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">\
<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>\
<dimension ref="A1:${lastColumn}${lastRow}"/>\
<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight="15.75"/>\
<cols>${cols}</cols>\
<sheetData>${parts.join('')}</sheetData>\
${merges ? `<mergeCells count="${sheet.title.length}">${merges}</mergeCells>` : ''}\
<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>\
<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>\
<headerFooter><oddFooter>${escapeXml('&CTrang &P/&N')}</oddFooter></headerFooter>\
</worksheet>`;
}

// Points per line of 12 pt Times New Roman, as Excel spaces them; Excel refuses rows taller than 409 pt.
const LINE_HEIGHT = 15.75;
const MAX_ROW_HEIGHT = 409;

/**
 * Neither Excel nor LibreOffice grows a row to fit wrapped text when it opens
 * a file, so the height is set here from an estimate of each cell's lines: a
 * column `width` digits wide holds about 1.15 × width letters of Vietnamese
 * text, less what word wrapping leaves at the end of a line.
 */
function rowHeight(values: readonly CellValue[], widths: readonly number[]): number {
  const lines = values.map((value, index) => {
    if (typeof value !== 'string') return 1;
    const perLine = Math.max(1, Math.round((widths[index] ?? 10) * 1.15) - 2);
    return value.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
  });
  return Math.min(MAX_ROW_HEIGHT, Math.max(1, ...lines) * LINE_HEIGHT + 2);
}

function row(number: number, values: readonly CellValue[], style: number, widths?: readonly number[]): string {
  const cells = values
    .map((value, index) => {
      const ref = `${columnName(index)}${number}`;
      if (value === null || value === '') return `<c r="${ref}" s="${style}"/>`;
      if (typeof value === 'number') return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
      return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
    })
    .join('');
  const height = widths ? ` ht="${rowHeight(values, widths)}" customHeight="1"` : '';
  return `<row r="${number}"${height}>${cells}</row>`;
}

/** A, B, … Z, AA, AB… */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// XML 1.0 allows tab, line feed, carriage return and these ranges; anything else
// (control bytes pasted from old TCVN3 documents, lone surrogates) makes Excel refuse the file.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
