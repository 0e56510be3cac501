// The register as a virtualized grid: a fixed row height, only the rows in
// sight in the DOM, pages of rows fetched as they scroll into view. Stays
// smooth at 100,000 entries. Keyboard: ↑/↓ move, Enter opens, PageUp/PageDown
// and Home/End scroll, Space ticks the row for signing.
import {
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
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { secrecies, urgencies } from '../../../../shared/domain.ts';
import { firstRowsDrawn } from '../../app/first-screen.ts';
import { openDocument } from '../../app/router.ts';
import type { ColumnLayout } from './column-layout.ts';
import { registerHandlingStates } from './handling-states.ts';
import { EMPTY_COLUMN_WIDTH, gridTemplate, minimumWidth, type CellLabels } from './columns.tsx';
import type { RegisterPages } from './register-pages.ts';
import { RegisterHeader } from './RegisterHeader.tsx';
import { RegisterRow } from './RegisterRow.tsx';
import { useCellTip } from './use-cell-tip.ts';
import { useRowWindow } from './use-row-window.ts';

// Two lines of trích yếu (18 px each) and room around them.
const ROW_HEIGHT = 44;
// Two lines: the Decree 30 column titles are long.
const HEADER_HEIGHT = 42;
// The left border of a row (the overdue mark).
const ROW_MARK = 3;

export interface RegisterTableProps {
  pages: RegisterPages;
  /** Changes whenever pages received rows, so the table redraws. */
  version: number;
  layout: ColumnLayout;
  selectable: boolean;
  checked: ReadonlySet<string>;
  onCheck: (id: string, checked: boolean) => void;
  /** What an empty table says (it depends on the view and the filters). */
  emptyText: string;
}

export function RegisterTable({ pages, version, layout, selectable, checked, onCheck, emptyText }: RegisterTableProps) {
  const { t } = useTranslation(['registers', 'common']);
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  // The selected row belongs to the query it was chosen in; a new query starts at row 0.
  const [selection, setSelection] = useState({ pages, index: 0 });
  const selected = selection.pages === pages ? selection.index : 0;
  const select = useCallback((index: number) => setSelection({ pages, index }), [pages]);
  const total = pages.total ?? 0;
  const { columns, setWidth } = layout;
  const cellTip = useCellTip();

  const labels = useMemo<CellLabels>(
    () => ({
      urgency: Object.fromEntries(urgencies.map((u) => [u, t(`common:urgency.${u}`)])) as CellLabels['urgency'],
      secrecy: Object.fromEntries(secrecies.map((s) => [s, t(`common:secrecy.${s}`)])) as CellLabels['secrecy'],
      overdue: t('common:overdue'),
      handlingState: Object.fromEntries(
        registerHandlingStates.map((state) => [state, t(`handlingStates.${state}`)]),
      ) as CellLabels['handlingState'],
    }),
    [t],
  );

  // A column nothing in the first page fills (ghi chú, ký nhận…) gives its room to the trích yếu;
  // a width the clerk chose wins. Judged once per first page, never per row drawn.
  const firstPage = pages.firstPage();
  const widths = useMemo(() => {
    const narrow: Record<string, number> = {};
    if (firstPage && firstPage.length > 0) {
      for (const column of columns) {
        if (!column.grow && firstPage.every((row) => column.text(row) === '')) {
          narrow[column.key] = Math.min(column.width, EMPTY_COLUMN_WIDTH);
        }
      }
    }
    return { ...narrow, ...layout.widths };
  }, [firstPage, columns, layout.widths]);

  const gridStyle = useMemo(
    () => ({ '--register-columns': gridTemplate(columns, widths, selectable) }) as CSSProperties,
    [columns, widths, selectable],
  );
  const minWidth = minimumWidth(columns, widths, selectable) + ROW_MARK;

  // While a column's edge is dragged: the grid's variable and the canvas width only, no React render.
  const previewWidth = useCallback(
    (key: string, width: number) => {
      const next = { ...widths, [key]: width };
      scroller.current?.style.setProperty('--register-columns', gridTemplate(columns, next, selectable));
      if (canvas.current) canvas.current.style.minWidth = `${minimumWidth(columns, next, selectable) + ROW_MARK}px`;
    },
    [columns, widths, selectable],
  );

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

  // The first screen is the rows in sight, or the word that there are none, or the error.
  const rowsInSight = last >= first && pages.row(first) !== undefined;
  const settled = rowsInSight || pages.total === 0 || pages.error !== null;
  useEffect(() => {
    if (settled) requestAnimationFrame(firstRowsDrawn);
  }, [settled]);

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

  const { tip } = cellTip;
  return (
    <>
      <div
        ref={scroller}
        className="register-scroll"
        data-testid="register-table"
        role="grid"
        aria-rowcount={total}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onMouseOver={cellTip.onMouseOver}
        onMouseLeave={cellTip.hide}
        onScroll={tip ? cellTip.hide : undefined}
        style={gridStyle}
      >
        <div ref={canvas} className="register-canvas" style={{ height: rows.totalHeight, minWidth }}>
          <RegisterHeader columns={columns} selectable={selectable} onPreview={previewWidth} onResize={setWidth} />
          {pages.total === 0 && <div className="register-empty">{emptyText}</div>}
          <div className="register-rows">
            {slotOrder(first, last, rows.slots).map((index) => {
              const row = pages.row(index);
              return (
                <RegisterRow
                  key={index % rows.slots}
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
      {/* Outside the scroller: its CSS containment would hold a fixed tip inside it. */}
      {tip &&
        createPortal(
          <div
            className={tip.above ? 'cell-tip cell-tip-above' : 'cell-tip'}
            data-testid="register-cell-tip"
            role="tooltip"
            style={{ left: tip.left, top: tip.top }}
          >
            {tip.text}
          </div>,
          document.body,
        )}
    </>
  );
}

/**
 * The window's rows in the order of their slots, not of their indexes: as the
 * window slides, each element stays where it is in the DOM (a moved element
 * has its styles matched again) and only its position changes.
 */
function slotOrder(first: number, last: number, slots: number): number[] {
  const indexes: number[] = [];
  for (let index = first; index <= last; index++) indexes.push(index);
  return indexes.sort((a, b) => (a % slots) - (b % slots));
}
