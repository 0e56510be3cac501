// The columns of each register, in the order of Decree 30 Appendix IV, as
// plain text cells: a row must cost no more than a few spans to draw.
import type { ReactNode } from 'react';
import type { RegisterRowView } from '../../../../shared/api.ts';
import type { RegisterView } from '../../app/router.ts';
import { formatDate } from '../../components/dates.ts';

/** Words the cells show, translated once per language rather than per cell. */
export interface CellLabels {
  urgency: Record<RegisterRowView['urgency'], string>;
  secrecy: Record<RegisterRowView['secrecy'], string>;
  overdue: string;
}

// The outgoing register's "bản lưu" column; core's row view may not carry it yet.
type Row = RegisterRowView;

export interface RegisterColumn {
  key: string;
  /** i18n key in the registers namespace. */
  title: string;
  /** A CSS grid track. */
  width: string;
  className?: string;
  render: (row: Row, labels: CellLabels) => ReactNode;
}

function Subject({ row, labels, withType }: { row: Row; labels: CellLabels; withType: boolean }) {
  return (
    <>
      {row.urgency !== 'thuong' && <span className={`stamp stamp-${row.urgency}`}>{labels.urgency[row.urgency]}</span>}
      {row.secrecy !== 'thuong' && <span className="stamp stamp-secret">{labels.secrecy[row.secrecy]}</span>}
      {row.overdue && <span className="stamp stamp-overdue">{labels.overdue}</span>}
      {withType && <span className="cell-type">{row.typeName}</span>}
      <span className="cell-subject">{row.subject}</span>
    </>
  );
}

const text = (value: string | number | null | undefined) => value ?? '';

const subjectWithType: RegisterColumn = {
  key: 'subject',
  title: 'columns.typeAndSubject',
  width: 'minmax(320px, 4fr)',
  className: 'cell-subject-column',
  render: (row, labels) => <Subject row={row} labels={labels} withType />,
};

export const registerColumns: Record<RegisterView, RegisterColumn[]> = {
  incoming: [
    {
      key: 'registerNumber',
      title: 'columns.arrivalNumber',
      width: '64px',
      className: 'cell-number',
      render: (row) => text(row.registerNumber),
    },
    { key: 'arrivedOn', title: 'columns.arrivedOn', width: '88px', render: (row) => formatDate(row.arrivedOn) },
    {
      key: 'issuerName',
      title: 'columns.issuer',
      width: 'minmax(160px, 1.6fr)',
      render: (row) => text(row.issuerName),
    },
    {
      key: 'notation',
      title: 'columns.notation',
      width: 'minmax(110px, 1fr)',
      className: 'cell-notation',
      render: (row) => text(row.notation),
    },
    { key: 'issuedOn', title: 'columns.issuedOn', width: '96px', render: (row) => formatDate(row.issuedOn) },
    subjectWithType,
    {
      key: 'recipientUnit',
      title: 'columns.recipientUnit',
      width: 'minmax(120px, 1.2fr)',
      render: (row) => text(row.recipientUnit),
    },
    {
      key: 'dueOn',
      title: 'columns.dueOn',
      width: '92px',
      className: 'cell-due',
      render: (row) => formatDate(row.dueOn),
    },
    { key: 'notes', title: 'columns.notes', width: 'minmax(100px, 1fr)', render: (row) => text(row.notes) },
  ],
  outgoing: [
    {
      key: 'notation',
      title: 'columns.notation',
      width: 'minmax(120px, 1fr)',
      className: 'cell-notation',
      render: (row) => text(row.notation),
    },
    { key: 'issuedOn', title: 'columns.issuedOn', width: '96px', render: (row) => formatDate(row.issuedOn) },
    subjectWithType,
    { key: 'signerName', title: 'columns.signer', width: 'minmax(120px, 1fr)', render: (row) => text(row.signerName) },
    {
      key: 'recipients',
      title: 'columns.recipients',
      width: 'minmax(160px, 1.6fr)',
      render: (row) => text(row.recipients),
    },
    {
      key: 'archiveUnit',
      title: 'columns.archiveUnit',
      width: 'minmax(110px, 1fr)',
      render: (row) => text(row.archiveUnit),
    },
    {
      key: 'copies',
      title: 'columns.copies',
      width: '64px',
      className: 'cell-number',
      render: (row) => text(row.copies),
    },
    { key: 'notes', title: 'columns.notes', width: 'minmax(100px, 1fr)', render: (row) => text(row.notes) },
  ],
  drafts: [
    { key: 'filedOn', title: 'columns.createdOn', width: '92px', render: (row) => formatDate(row.filedOn) },
    { key: 'typeName', title: 'columns.type', width: 'minmax(100px, 0.8fr)', render: (row) => row.typeName },
    {
      key: 'subject',
      title: 'columns.subject',
      width: 'minmax(320px, 4fr)',
      className: 'cell-subject-column',
      render: (row, labels) => <Subject row={row} labels={labels} withType={false} />,
    },
    {
      key: 'recipients',
      title: 'columns.recipients',
      width: 'minmax(160px, 1.6fr)',
      render: (row) => text(row.recipients),
    },
    { key: 'signerName', title: 'columns.signer', width: 'minmax(120px, 1fr)', render: (row) => text(row.signerName) },
  ],
};

const CHECK_COLUMN = '32px';

/** The grid tracks of a view: a checkbox column first where rows can be picked for signing. */
export function gridTemplate(columns: readonly RegisterColumn[], selectable: boolean): string {
  return [...(selectable ? [CHECK_COLUMN] : []), ...columns.map((column) => column.width)].join(' ');
}

/** The narrowest the rows may get (each track's minimum), so a narrow window scrolls sideways instead of squeezing. */
export function minimumWidth(columns: readonly RegisterColumn[], selectable: boolean): number {
  const tracks = [...(selectable ? [CHECK_COLUMN] : []), ...columns.map((column) => column.width)];
  return tracks.reduce((sum, track) => sum + Number(/(\d+)px/.exec(track)?.[1] ?? 0), 0);
}
