import type { Outputs, ValidInput } from '../../shared/api.ts';
import { findDocumentType } from '../../shared/domain.ts';
import { dayMonthYear } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import type { Core } from '../context.ts';
import { registerName } from '../db/documents.ts';
import { countRegisterLines, registerLines, type RegisterLineRow } from '../db/reports.ts';
import { requireOffice } from '../office/office.ts';
import { buildRegisterPdf } from './register-pdf.ts';
import { buildXlsx, type CellValue, type SheetColumn } from './xlsx.ts';

/** One file holds at most this many documents; a longer period is exported in parts. */
export const MAX_EXPORT_ROWS = 100_000;

interface RegisterLayout {
  /** Part of the file name: so-van-ban-den_…, so-van-ban-di_… */
  slug: string;
  columns: SheetColumn[];
  cells(row: RegisterLineRow): CellValue[];
}

// The columns of Decree 30/2020 Appendix IV, in its order.
const layouts: Record<'incoming' | 'outgoing', RegisterLayout> = {
  incoming: {
    slug: 'so-van-ban-den',
    columns: [
      { header: 'Ngày đến', width: 11 },
      { header: 'Số đến', width: 7 },
      { header: 'Tác giả', width: 22 },
      { header: 'Số, ký hiệu', width: 15 },
      { header: 'Ngày tháng văn bản', width: 11 },
      { header: 'Tên loại và trích yếu nội dung', width: 45 },
      { header: 'Đơn vị hoặc người nhận', width: 18 },
      { header: 'Ngày chuyển', width: 11 },
      { header: 'Ký nhận', width: 12 },
      { header: 'Ghi chú', width: 16 },
    ],
    cells: (row) => [
      displayDate(row.arrivedOn),
      // An entry whose ngày đến was corrected into another year keeps the number of the year that gave it.
      row.arrivedOn !== null && Number(row.arrivedOn.slice(0, 4)) !== row.registerYear
        ? `${row.registerNumber}/${row.registerYear}`
        : row.registerNumber,
      row.issuerName,
      row.notation,
      displayDate(row.issuedOn),
      typeAndSubject(row),
      row.recipientUnit,
      displayDate(row.handedOn),
      row.handedReceipt,
      row.notes,
    ],
  },
  outgoing: {
    slug: 'so-van-ban-di',
    columns: [
      { header: 'Số, ký hiệu văn bản', width: 15 },
      { header: 'Ngày tháng văn bản', width: 11 },
      { header: 'Tên loại và trích yếu nội dung', width: 45 },
      { header: 'Người ký', width: 16 },
      { header: 'Nơi nhận văn bản', width: 24 },
      { header: 'Đơn vị, người nhận bản lưu', width: 16 },
      { header: 'Số lượng bản', width: 8 },
      { header: 'Ngày chuyển', width: 11 },
      { header: 'Ký nhận', width: 12 },
      { header: 'Ghi chú', width: 16 },
    ],
    cells: (row) => [
      row.notation,
      displayDate(row.issuedOn),
      typeAndSubject(row),
      row.signerName,
      row.recipients,
      row.archiveUnit,
      row.copies,
      displayDate(row.handedOn),
      row.handedReceipt,
      row.notes,
    ],
  },
};

const mimes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * Sổ đăng ký văn bản đến / đi for a period, to print and bind or to hand on
 * as a spreadsheet. Only the ordinary register: the secret series is a
 * register of its own, kept and printed under the rules for state secrets.
 */
export async function exportRegister(
  core: Core,
  input: ValidInput<'registers.export'>,
): Promise<Outputs['registers.export']> {
  const office = requireOffice(core.db);
  const layout = layouts[input.register];
  const count = countRegisterLines(core.db, input.register, input.from, input.to);
  if (count > MAX_EXPORT_ROWS) {
    throw new AppError(
      'EXPORT_TOO_LARGE',
      `${count} documents from ${input.from} to ${input.to}; at most ${MAX_EXPORT_ROWS} per file`,
      {
        fields: {
          to: `Khoảng này có ${count.toLocaleString('vi-VN')} văn bản, quá ${MAX_EXPORT_ROWS.toLocaleString('vi-VN')}`,
        },
      },
    );
  }
  const rows = registerLines(core.db, input.register, input.from, input.to).map((line) => layout.cells(line));
  const title = registerName(core.db, input.register)!.toLocaleUpperCase('vi');
  const subtitle = [office.name, `Từ ngày ${displayDate(input.from)} đến ngày ${displayDate(input.to)}`];
  const bytes =
    input.format === 'xlsx'
      ? buildXlsx({
          name: registerName(core.db, input.register)!,
          title: [title, ...subtitle],
          columns: layout.columns,
          rows,
        })
      : await buildRegisterPdf({ title, subtitle, columns: layout.columns, rows });
  return {
    filename: `${layout.slug}_${input.from}_${input.to}.${input.format}`,
    mime: mimes[input.format],
    rows: rows.length,
    base64: Buffer.from(bytes).toString('base64'),
  };
}

function typeAndSubject(row: RegisterLineRow): string {
  return `${findDocumentType(row.docType)?.name ?? row.docType}: ${row.subject}`;
}

/** dd/mm/yyyy, as the registers are written by hand. */
function displayDate(date: string | null): string | null {
  return date === null ? null : dayMonthYear(date);
}
