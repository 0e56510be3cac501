// The register as a virtualized grid: a fixed row height, only the rows in
// sight in the DOM, pages of rows fetched as they scroll into view. Stays
// smooth at 100,000 entries. Keyboard: ↑/↓ move, Enter opens, PageUp/PageDown
// and Home/End scroll, Space ticks the row for signing.
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { secrecies, urgencies } from '../../../../shared/domain.ts';
import { openDocument, type RegisterView } from '../../app/router.ts';
import { gridTemplate, minimumWidth, registerColumns, type CellLabels, type RegisterColumn } from './columns.tsx';
import type { RegisterPages } from './register-pages.ts';
import { RegisterRow } from './RegisterRow.tsx';
import { useRowWindow } from './use-row-window.ts';

const ROW_HEIGHT = 34;
// Two lines: the Decree 30 column titles are long.
const HEADER_HEIGHT = 42;

// The UI benchmark measures the time to the first register rows on screen after load.
let firstRowsMarked = false;

export interface RegisterTableProps {
  view: RegisterView;
  pages: RegisterPages;
  /** Changes whenever pages received rows, so the table redraws. */
  version: number;
  selectable: boolean;
  checked: ReadonlySet<string>;
  onCheck: (id: string, checked: boolean) => void;
  /** Whether no filter narrows the view (what the empty table says depends on it). */
  unfiltered: boolean;
}

// Drawn again only when the language or the view changes, not at every scroll.
const RegisterHeader = memo(function RegisterHeader({
  columns,
  selectable,
}: {
  columns: readonly RegisterColumn[];
  selectable: boolean;
}) {
  const { t } = useTranslation('registers');
  return (
    <div className="register-header" role="row">
      {selectable && <div className="register-cell register-check" />}
      {columns.map((column) => (
        <div
          key={column.key}
          className={column.className ? `register-cell ${column.className}` : 'register-cell'}
          role="columnheader"
        >
          {t(column.title)}
        </div>
      ))}
    </div>
  );
});

export function RegisterTable({ view, pages, version, selectable, checked, onCheck, unfiltered }: RegisterTableProps) {
  const { t } = useTranslation('registers');
  const scroller = useRef<HTMLDivElement>(null);
  // The selected row belongs to the query it was chosen in; a new query starts at row 0.
  const [selection, setSelection] = useState({ pages, index: 0 });
  const selected = selection.pages === pages ? selection.index : 0;
  const select = useCallback((index: number) => setSelection({ pages, index }), [pages]);
  const total = pages.total ?? 0;
  const columns = registerColumns[view];

  const labels = useMemo<CellLabels>(
    () => ({
      urgency: Object.fromEntries(urgencies.map((u) => [u, t(`common:urgency.${u}`)])) as CellLabels['urgency'],
      secrecy: Object.fromEntries(secrecies.map((s) => [s, t(`common:secrecy.${s}`)])) as CellLabels['secrecy'],
      overdue: t('common:overdue'),
    }),
    [t],
  );
  const gridStyle = useMemo(
    () => ({ '--register-columns': gridTemplate(columns, selectable) }) as CSSProperties,
    [columns, selectable],
  );
  // The left border of a row (the overdue mark) takes 3 px.
  const minWidth = useMemo(() => minimumWidth(columns, selectable) + 3, [columns, selectable]);

  const rows = useRowWindow(scroller, { count: total, rowHeight: ROW_HEIGHT, offset: HEADER_HEIGHT, overscan: 4 });
  const { first, last } = rows;

  useEffect(() => {
    pages.ensure(first, last);
  }, [pages, version, first, last]);

  // A new query starts at the top, with the keyboard on the table (↑/↓, Enter).
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    scroller.current?.focus({ preventScroll: true });
  }, [pages]);

  const rowsInSight = last >= first && pages.row(first) !== undefined;
  useEffect(() => {
    if (rowsInSight && !firstRowsMarked) {
      firstRowsMarked = true;
      requestAnimationFrame(() => performance.mark('vanthu:first-rows'));
    }
  }, [rowsInSight]);

  const open = useCallback(
    (index: number) => {
      const row = pages.row(index);
      if (row) openDocument(row.id);
    },
    [pages],
  );
  const onRowClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const index = Number(event.currentTarget.dataset.index);
      select(index);
      open(index);
    },
    [open, select],
  );
  const onRowCheck = useCallback(
    (event: ChangeEvent<HTMLInputElement>) => {
      const row = pages.row(Number(event.currentTarget.dataset.index));
      if (row) onCheck(row.id, event.currentTarget.checked);
    },
    [pages, onCheck],
  );

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    select(clamped);
    rows.scrollToRow(clamped);
  };
  const pageRows = () =>
    Math.max(1, Math.floor(((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // A row's checkbox handles its own keys.
    if (total === 0 || event.target !== event.currentTarget) return;
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveTo(selected + 1),
      ArrowUp: () => moveTo(selected - 1),
      PageDown: () => moveTo(selected + pageRows()),
      PageUp: () => moveTo(selected - pageRows()),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => open(selected),
      ' ': () => {
        const row = pages.row(selected);
        if (selectable && row) onCheck(row.id, !checked.has(row.id));
      },
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    }
  };

  return (
    <div
      ref={scroller}
      className="register-scroll"
      data-testid="register-table"
      role="grid"
      aria-rowcount={total}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={gridStyle}
    >
      <div className="register-canvas" style={{ height: rows.totalHeight, minWidth }}>
        <RegisterHeader columns={columns} selectable={selectable} />
        {pages.total === 0 && <div className="register-empty">{t(unfiltered ? `empty.${view}` : 'emptyFiltered')}</div>}
        <div className="register-rows">
          {rowIndexes(first, last).map((index) => {
            const row = pages.row(index);
            return (
              <RegisterRow
                key={index}
                index={index}
                top={HEADER_HEIGHT + index * ROW_HEIGHT}
                row={row}
                columns={columns}
                labels={labels}
                selected={index === selected}
                selectable={selectable}
                checked={row !== undefined && checked.has(row.id)}
                onOpen={onRowClick}
                onCheck={onRowCheck}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function rowIndexes(first: number, last: number): number[] {
  const indexes: number[] = [];
  for (let index = first; index <= last; index++) indexes.push(index);
  return indexes;
}
