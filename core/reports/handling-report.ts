// Báo cáo tình hình giải quyết văn bản đến (Decree 30 Appendix VI V.2) per
// official or per unit, laid out as deployed systems print it (domain §8.4):
// STT | Tên cán bộ (Đơn vị) | Tổng số văn bản | Đã giải quyết: Trong hạn, Quá hạn
// | Chưa giải quyết: Trong hạn, Quá hạn, and a "Tổng số" row.
//
// What is counted, and as of when, is the contract written in
// shared/handling-report.ts. Two consequences worth knowing: the deadline is
// the current one, so an extension granted after the period moves a document
// from overdue to in progress in a report printed later; and a document
// completed after the period counts as open in that period's report.
import type { Outputs, ValidInput } from '../../shared/api.ts';
import { dayMonthYear, localDate } from '../../shared/dates.ts';
import {
  NO_UNIT,
  type HandlingReportFigure,
  type HandlingReportOutputs,
  type HandlingReportRow,
} from '../../shared/handling-report.ts';
import type { Core } from '../context.ts';
import { documentsAssignedIn, type HandledDocumentRow } from '../db/handling-report.ts';
import { exportFile } from '../documents/blob-store.ts';
import { requireOffice } from '../office/office.ts';
import type { CellValue, SheetColumn } from './xlsx.ts';

type CountedFigure = Exclude<HandlingReportFigure, 'received'>;

/** Where one document stands at the end of the period. */
export function figureOf(row: Pick<HandledDocumentRow, 'dueOn' | 'completedOn'>, asOf: string): CountedFigure {
  if (row.completedOn !== null && row.completedOn <= asOf)
    return row.dueOn === null || row.completedOn <= row.dueOn ? 'completedOnTime' : 'completedLate';
  return row.dueOn === null || row.dueOn >= asOf ? 'inProgress' : 'overdue';
}

/** The day the figures stand at: the period's end, or today while the period is still running. */
export function reportAsOf(core: Core, to: string): string {
  const today = localDate(core.now());
  return to < today ? to : today;
}

/** The row a document counts under. */
export function rowKeyOf(row: HandledDocumentRow, by: 'person' | 'unit'): string {
  return by === 'person' ? row.personId : (row.personUnit ?? NO_UNIT);
}

const collator = new Intl.Collator('vi');

function emptyRow(key: string, name: string, unit: string | null): HandlingReportRow {
  return { key, name, unit, received: 0, completedOnTime: 0, completedLate: 0, inProgress: 0, overdue: 0 };
}

/** The table's rows, officials grouped by unit and then by name, "Chưa có đơn vị" last; and the total. */
export function handlingFigures(
  documents: HandledDocumentRow[],
  by: 'person' | 'unit',
  asOf: string,
): { rows: HandlingReportRow[]; total: HandlingReportRow } {
  const rows = new Map<string, HandlingReportRow>();
  const total = emptyRow('', 'Tổng số', null);
  for (const document of documents) {
    const key = rowKeyOf(document, by);
    let row = rows.get(key);
    if (!row) {
      row =
        by === 'person'
          ? emptyRow(key, document.personName, document.personUnit)
          : emptyRow(key, key, document.personUnit);
      rows.set(key, row);
    }
    const figure = figureOf(document, asOf);
    for (const counted of [row, total]) {
      counted.received++;
      counted[figure]++;
    }
  }
  const unitOrder = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : collator.compare(a, b);
  const sorted = [...rows.values()].sort(
    (a, b) => unitOrder(a.unit, b.unit) || collator.compare(a.name, b.name) || a.key.localeCompare(b.key),
  );
  return { rows: sorted, total };
}

const mimes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export const HANDLING_REPORT_TITLE = 'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN';

export async function handlingReport(
  core: Core,
  input: ValidInput<'report.handling'>,
): Promise<Outputs['report.handling']> {
  const asOf = reportAsOf(core, input.to);
  const { rows, total } = handlingFigures(documentsAssignedIn(core.db, input.from, input.to), input.by, asOf);
  const report = { from: input.from, to: input.to, asOf, by: input.by, rows, total };
  if (input.format === 'json') return { ...report, file: null, savedTo: null };
  const bytes = await reportFile(core, report, input.format);
  const file = {
    filename: `bao-cao-giai-quyet-van-ban-den_${input.by === 'person' ? 'theo-can-bo' : 'theo-don-vi'}_${input.from}_${input.to}.${input.format}`,
    mime: mimes[input.format],
    base64: Buffer.from(bytes).toString('base64'),
  };
  if (input.out !== undefined) exportFile(input.out, bytes);
  return { ...report, file, savedTo: input.out ?? null };
}

type ReportFigures = Omit<HandlingReportOutputs['report.handling'], 'file' | 'savedTo'>;

/** The table as a spreadsheet or a printable A4 page, with the same title lines and columns. */
async function reportFile(core: Core, report: ReportFigures, format: 'xlsx' | 'pdf'): Promise<Uint8Array> {
  const office = requireOffice(core.db);
  const subtitle = [
    office.name,
    `Từ ngày ${dayMonthYear(report.from)} đến ngày ${dayMonthYear(report.to)}`,
    ...(report.asOf < report.to ? [`Số liệu tính đến ngày ${dayMonthYear(report.asOf)}`] : []),
  ];
  // One header row: the two groups of Decree 30 practice are written into each column's header.
  const columns: SheetColumn[] = [
    { header: 'STT', width: 6 },
    { header: report.by === 'person' ? 'Tên cán bộ' : 'Đơn vị', width: 34 },
    { header: 'Tổng số văn bản', width: 12 },
    { header: 'Đã giải quyết\nTrong hạn', width: 13 },
    { header: 'Đã giải quyết\nQuá hạn', width: 13 },
    { header: 'Chưa giải quyết\nTrong hạn', width: 13 },
    { header: 'Chưa giải quyết\nQuá hạn', width: 13 },
  ];
  const cells = (stt: number | null, row: HandlingReportRow): CellValue[] => [
    stt,
    row.name,
    row.received,
    row.completedOnTime,
    row.completedLate,
    row.inProgress,
    row.overdue,
  ];
  const rows = [...report.rows.map((row, index) => cells(index + 1, row)), cells(null, report.total)];
  if (format === 'xlsx') {
    // Loaded here so the dashboard's figures never pull in the file writers.
    const { buildXlsx } = await import('./xlsx.ts');
    return buildXlsx({ name: 'Báo cáo giải quyết VB đến', title: [HANDLING_REPORT_TITLE, ...subtitle], columns, rows });
  }
  const { buildRegisterPdf } = await import('./register-pdf.ts');
  return buildRegisterPdf({ title: HANDLING_REPORT_TITLE, subtitle, columns, rows });
}
