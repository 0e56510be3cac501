// The contract of the handling report (báo cáo tình hình giải quyết văn bản
// đến, Decree 30 Appendix VI V.2; domain §8.4): per official or per unit, for
// a period, how many documents were received, completed on time or late, are
// in progress within the deadline or overdue, and the documents behind each
// figure. Spread into shared/api.ts beside the other handlers.
//
// The figures, as core counts them (core/reports/handling-report.ts):
// - Counted: incoming documents whose first assignment (giao xử lý) fell in
//   [from, to], each once, under its main handler (xử lý chính) as it is now —
//   a document reassigned counts under the new one — or under that official's
//   unit (officials without one under "Chưa có đơn vị"). Co-handlers and
//   officials informed are not counted.
// - As of the end of the period, asOf = min(to, today):
//   completedOnTime: completed on or before asOf, on or before the deadline (or without one);
//   completedLate:   completed on or before asOf, after the deadline;
//   inProgress:      not completed by asOf, the deadline asOf or later, or none;
//   overdue:         not completed by asOf, the deadline before asOf.
//   received is their sum.
import { z } from 'zod';
import { absolutePath, calendarDate } from './fields.ts';
import type { PersonRefView } from './handling.ts';

export const handlingReportFigures = ['received', 'completedOnTime', 'completedLate', 'inProgress', 'overdue'] as const;
export type HandlingReportFigure = (typeof handlingReportFigures)[number];

/** The row of the officials with no unit, in the per-unit report and as its key. */
export const NO_UNIT = 'Chưa có đơn vị';

const period = { from: calendarDate, to: calendarDate };
const fromBeforeTo = (value: { from: string; to: string }) => value.from <= value.to;
const fromBeforeToMessage = { message: 'Ngày bắt đầu phải trước ngày kết thúc', path: ['to'] };
const by = z.enum(['person', 'unit']).default('person');

export const handlingReportSchemas = {
  'report.handling': z
    .strictObject({
      ...period,
      by,
      format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
      /** Where core saves the file (the CLI's --out), never over an existing one; without it the bytes come back. */
      out: absolutePath.optional(),
    })
    .refine(fromBeforeTo, fromBeforeToMessage)
    .refine((value) => value.out === undefined || value.format !== 'json', {
      message: 'Chọn định dạng xlsx hoặc pdf để lưu ra tệp',
      path: ['format'],
    }),
  /** The documents behind one figure of one row: what the dashboard opens when a figure is clicked. */
  'report.handlingList': z
    .strictObject({
      ...period,
      by,
      /** The row's key: an official's id, or a unit's name (NO_UNIT for none); '' = every row, the "Tổng số". */
      key: z.string().max(200),
      figure: z.enum(handlingReportFigures),
    })
    .refine(fromBeforeTo, fromBeforeToMessage),
};

export interface HandlingReportRow {
  /** An official's id, or a unit's name; '' for the "Tổng số" row. */
  key: string;
  /** The official's or the unit's name as the table prints it. */
  name: string;
  /** The official's unit (by person), the unit itself (by unit); null for none and for the total. */
  unit: string | null;
  received: number;
  completedOnTime: number;
  completedLate: number;
  inProgress: number;
  overdue: number;
}

export interface HandlingReportDocument {
  id: string;
  registerNumber: number | null;
  registerYear: number | null;
  notation: string | null;
  subject: string;
  issuerName: string | null;
  mainHandler: PersonRefView;
  dueOn: string | null;
  /** As it is now: a document completed after the period shows the day, though the report counted it open. */
  completedOn: string | null;
}

export interface HandlingReportOutputs {
  'report.handling': {
    from: string;
    to: string;
    /** The day the figures stand at: the period's end, or today while the period runs. */
    asOf: string;
    by: 'person' | 'unit';
    rows: HandlingReportRow[];
    total: HandlingReportRow;
    /** The report as a file to save, for format xlsx or pdf. */
    file: { filename: string; mime: string; base64: string } | null;
    /** Where core saved it, when `out` was given. */
    savedTo: string | null;
  };
  'report.handlingList': { asOf: string; documents: HandlingReportDocument[] };
}
