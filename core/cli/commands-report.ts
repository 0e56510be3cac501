// Reports on the command line: `vanthu report handling` prints the handling
// report as a table, or saves it as a spreadsheet or a PDF to print.
import path from 'node:path';
import type { HandlerInput, Outputs } from '../../shared/api.ts';
import { dayMonthYear } from '../../shared/dates.ts';
import type { HandlingReportRow } from '../../shared/handling-report.ts';
import { command, noExtra, required, str, type Command } from './args.ts';
import { UsageError } from './usage-error.ts';

type ReportInput = HandlerInput<'report.handling'>;

const HEADERS = ['STT', '', 'Tổng số', 'Đã GQ trong hạn', 'Đã GQ quá hạn', 'Chưa GQ trong hạn', 'Chưa GQ quá hạn'];

/** The report as a plain-text table: names left, figures right, the total last. */
function handlingTable(output: Outputs['report.handling']): string {
  const period = `Từ ngày ${dayMonthYear(output.from)} đến ngày ${dayMonthYear(output.to)}`;
  const lines = [
    'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT VĂN BẢN ĐẾN',
    output.asOf < output.to ? `${period} (số liệu tính đến ngày ${dayMonthYear(output.asOf)})` : period,
  ];
  if (output.savedTo !== null) lines.push(`Đã lưu ${output.savedTo}`);
  if (output.rows.length === 0)
    return [...lines, 'Không có văn bản đến nào được giao xử lý trong khoảng này.'].join('\n');
  const cells = (stt: string, row: HandlingReportRow) => [
    stt,
    row.name,
    ...[row.received, row.completedOnTime, row.completedLate, row.inProgress, row.overdue].map(String),
  ];
  const table = [
    HEADERS.map((header, index) => (index === 1 ? (output.by === 'person' ? 'Tên cán bộ' : 'Đơn vị') : header)),
    ...output.rows.map((row, index) => cells(String(index + 1), row)),
    cells('', output.total),
  ];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [...lines, '', ...table.map(line)].join('\n');
}

export const reportCommands: Record<string, Command> = {
  'report handling': command({
    usage: 'report handling --from <yyyy-mm-dd> --to <yyyy-mm-dd> [--by person|unit] [--format xlsx|pdf --out <tệp>]',
    summary: 'Báo cáo tình hình giải quyết văn bản đến theo cán bộ hoặc đơn vị; in ra màn hình hoặc lưu tệp Excel, PDF',
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      by: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    handler: 'report.handling',
    input: (v, p) => {
      noExtra(p, 0);
      const format = str(v, 'format');
      const out = str(v, 'out');
      if ((format === undefined) !== (out === undefined)) throw new UsageError('--format và --out đi cùng nhau');
      return {
        from: required(v, 'from'),
        to: required(v, 'to'),
        by: str(v, 'by') as ReportInput['by'],
        // The schema names the formats it accepts; the path is resolved here, against the directory typed in.
        ...(format === undefined ? {} : { format: format as ReportInput['format'], out: path.resolve(out!) }),
      };
    },
    text: handlingTable,
  }),
};
