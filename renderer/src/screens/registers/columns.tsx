// The columns of each register, in the order of Decree 30 Appendix IV, as
// plain text cells: a row must cost no more than a few spans to draw. Widths
// are pixels sized for a 1366×768 screen; the trích yếu takes what is left.
import type { ReactNode } from 'react';
import type { RegisterRowView } from '../../../../shared/api.ts';
import type { HandlingState } from '../../../../shared/handling.ts';
import type { RegisterView } from '../../app/router.ts';
import { formatDate } from '../../components/dates.ts';
import { subjectNamesType, typeAndSubject } from '../../components/type-and-subject.ts';
import type registersText from '../../i18n/vi/registers.json';

/** Words the cells show, translated once per language rather than per cell. */
export interface CellLabels {
  urgency: Record<RegisterRowView['urgency'], string>;
  secrecy: Record<RegisterRowView['secrecy'], string>;
  overdue: string;
  /** Where the handling stands, in a few words. */
  handlingState: Record<HandlingState, string>;
}

// Ký nhận (who signed for the paper copy) is a Decree 30 column core's row view may not carry yet.
type Row = RegisterRowView & { handedReceipt?: string | null };

export type ColumnTitle = `columns.${keyof typeof registersText.columns}`;

export interface RegisterColumn {
  key: string;
  title: ColumnTitle;
  /** Width in CSS pixels before the clerk resizes it. */
  width: number;
  /** Takes the width the other columns leave (the trích yếu): its width is then a minimum. */
  grow?: boolean;
  /** Not shown until the clerk adds it from the column list. */
  hidden?: boolean;
  className?: string;
  /** The cell's text, also what says whether a column is empty. */
  text: (row: Row) => string;
  /** A cell that is more than its text (the trích yếu with its stamps). */
  render?: (row: Row, labels: CellLabels) => ReactNode;
}

/** How narrow a column with nothing in it gets: its title still fits on two short lines. */
export const EMPTY_COLUMN_WIDTH = 64;
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 900;

// Stamps and type are separate words: spaces between them, so the text reads
// (and copies, and shows in the hover tip) as "Khẩn Kế hoạch Phòng, chống…".
function Subject({ row, labels, withType }: { row: Row; labels: CellLabels; withType: boolean }) {
  return (
    <div className="cell-clamp">
      {row.urgency !== 'thuong' && (
        <>
          <span className={`stamp stamp-${row.urgency}`}>{labels.urgency[row.urgency]}</span>{' '}
        </>
      )}
      {row.secrecy !== 'thuong' && (
        <>
          <span className="stamp stamp-secret">{labels.secrecy[row.secrecy]}</span>{' '}
        </>
      )}
      {row.overdue && (
        <>
          <span className="stamp stamp-overdue">{labels.overdue}</span>{' '}
        </>
      )}
      {withType && !subjectNamesType(row) && (
        <>
          <span className="cell-type">{row.typeName}</span>{' '}
        </>
      )}
      {row.subject}
    </div>
  );
}

const text = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

const subjectWithType: RegisterColumn = {
  key: 'subject',
  title: 'columns.typeAndSubject',
  width: 280,
  grow: true,
  className: 'cell-subject-column',
  text: (row) => typeAndSubject(row),
  render: (row, labels) => <Subject row={row} labels={labels} withType />,
};

// Trạng thái xử lý, người xử lý chính, hạn xử lý: not Decree 30 columns, so
// offered in the column list; at 1366×768 the incoming register's own columns
// already take the width (the trích yếu keeps its 280 px), so they start hidden there.
const handlingState = (hidden: boolean, width = 110): RegisterColumn => ({
  key: 'handlingState',
  title: 'columns.handlingState',
  width,
  hidden,
  className: 'cell-handling-state',
  text: (row) => row.handlingState ?? '',
  render: (row, labels) => (row.handlingState ? labels.handlingState[row.handlingState] : ''),
});

const mainHandler: RegisterColumn = {
  key: 'mainHandler',
  title: 'columns.mainHandler',
  width: 130,
  hidden: true,
  text: (row) => text(row.mainHandler),
};

const handlingDueOn: RegisterColumn = {
  key: 'handlingDueOn',
  title: 'columns.handlingDueOn',
  width: 92,
  hidden: true,
  className: 'cell-due',
  text: (row) => formatDate(row.handlingDueOn),
};

const notes: RegisterColumn = { key: 'notes', title: 'columns.notes', width: 100, text: (row) => text(row.notes) };

export const registerColumns: Record<RegisterView, readonly RegisterColumn[]> = {
  incoming: [
    {
      key: 'registerNumber',
      title: 'columns.arrivalNumber',
      width: 56,
      className: 'cell-number',
      text: (row) => text(row.registerNumber),
    },
    { key: 'arrivedOn', title: 'columns.arrivedOn', width: 92, text: (row) => formatDate(row.arrivedOn) },
    { key: 'issuerName', title: 'columns.issuer', width: 160, text: (row) => text(row.issuerName) },
    {
      key: 'notation',
      title: 'columns.notation',
      width: 112,
      className: 'cell-notation',
      text: (row) => text(row.notation),
    },
    { key: 'issuedOn', title: 'columns.issuedOn', width: 92, text: (row) => formatDate(row.issuedOn) },
    subjectWithType,
    { key: 'recipientUnit', title: 'columns.recipientUnit', width: 130, text: (row) => text(row.recipientUnit) },
    { key: 'handedOn', title: 'columns.handedOn', width: 92, hidden: true, text: (row) => formatDate(row.handedOn) },
    {
      key: 'handedReceipt',
      title: 'columns.handedReceipt',
      width: 110,
      hidden: true,
      text: (row) => text(row.handedReceipt),
    },
    { key: 'dueOn', title: 'columns.dueOn', width: 92, className: 'cell-due', text: (row) => formatDate(row.dueOn) },
    handlingState(true),
    mainHandler,
    handlingDueOn,
    notes,
  ],
  outgoing: [
    {
      key: 'notation',
      title: 'columns.notation',
      width: 120,
      className: 'cell-notation',
      text: (row) => text(row.notation),
    },
    { key: 'issuedOn', title: 'columns.issuedOn', width: 92, text: (row) => formatDate(row.issuedOn) },
    subjectWithType,
    { key: 'signerName', title: 'columns.signer', width: 130, text: (row) => text(row.signerName) },
    // Nơi nhận, bản lưu and số bản are short or clipped: the trích yếu needs the room more.
    { key: 'recipients', title: 'columns.recipients', width: 150, text: (row) => text(row.recipients) },
    { key: 'archiveUnit', title: 'columns.archiveUnit', width: 100, text: (row) => text(row.archiveUnit) },
    { key: 'copies', title: 'columns.copies', width: 52, className: 'cell-number', text: (row) => text(row.copies) },
    notes,
  ],
  drafts: [
    { key: 'filedOn', title: 'columns.createdOn', width: 92, text: (row) => formatDate(row.filedOn) },
    { key: 'typeName', title: 'columns.type', width: 110, text: (row) => row.typeName },
    {
      key: 'subject',
      title: 'columns.subject',
      width: 280,
      grow: true,
      className: 'cell-subject-column',
      text: (row) => row.subject,
      render: (row, labels) => <Subject row={row} labels={labels} withType={false} />,
    },
    { key: 'recipients', title: 'columns.recipients', width: 170, text: (row) => text(row.recipients) },
    { key: 'signerName', title: 'columns.signer', width: 130, text: (row) => text(row.signerName) },
    // The drafts have the room: whether each is with the leader, returned or approved shows at once.
    handlingState(false, 130),
  ],
};

export const CHECK_COLUMN_WIDTH = 32;

/** The grid tracks of the shown columns at their widths: a checkbox column first where rows can be picked for signing. */
export function gridTemplate(
  columns: readonly RegisterColumn[],
  widths: Readonly<Record<string, number>>,
  selectable: boolean,
): string {
  const tracks = columns.map((column) => {
    const width = widths[column.key] ?? column.width;
    return column.grow ? `minmax(${width}px, 1fr)` : `${width}px`;
  });
  return [...(selectable ? [`${CHECK_COLUMN_WIDTH}px`] : []), ...tracks].join(' ');
}

/** The narrowest the rows may get, so a narrow window scrolls sideways instead of squeezing. */
export function minimumWidth(
  columns: readonly RegisterColumn[],
  widths: Readonly<Record<string, number>>,
  selectable: boolean,
): number {
  return columns.reduce(
    (sum, column) => sum + (widths[column.key] ?? column.width),
    selectable ? CHECK_COLUMN_WIDTH : 0,
  );
}
