// One line of a register. Memoized and made of plain elements: with 100,000
// rows the table redraws only the few dozen in sight, each as cheaply as it can.
import { memo, useMemo, type ChangeEvent, type MouseEvent } from 'react';
import type { RegisterRowView } from '../../../../shared/api.ts';
import type { CellLabels, RegisterColumn } from './columns.tsx';

export interface RegisterRowProps {
  index: number;
  /** Where the row sits in the scrolled content: fixed for its index, so a scroll only paints the rows it brings in. */
  top: number;
  row: RegisterRowView | undefined;
  columns: readonly RegisterColumn[];
  labels: CellLabels;
  selected: boolean;
  selectable: boolean;
  checked: boolean;
  /** Both read the row's index from data-index, so one handler serves every row. */
  onOpen: (event: MouseEvent<HTMLDivElement>) => void;
  onCheck: (event: ChangeEvent<HTMLInputElement>) => void;
}

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

export const RegisterRow = memo(function RegisterRow({
  index,
  top,
  row,
  columns,
  labels,
  selected,
  selectable,
  checked,
  onOpen,
  onCheck,
}: RegisterRowProps) {
  // Made once per row shown: the row re-renders only when its own data or state changes.
  const position = useMemo(() => ({ transform: `translateY(${top}px)` }), [top]);
  if (!row) {
    return (
      <div
        className="register-row register-row-loading"
        role="row"
        aria-busy="true"
        aria-rowindex={index + 2}
        style={position}
      >
        <span className="register-placeholder" />
      </div>
    );
  }
  let className = 'register-row';
  if (selected) className += ' register-row-selected';
  if (row.overdue) className += ' register-row-overdue';
  if (checked) className += ' register-row-checked';
  return (
    <div
      className={className}
      role="row"
      aria-selected={selected}
      // The DOM holds the rows in the order of their slots (RegisterTable): this is their place (the header is 1).
      aria-rowindex={index + 2}
      data-testid="register-row"
      data-id={row.id}
      data-index={index}
      style={position}
      onClick={onOpen}
    >
      {selectable && (
        <div className="register-cell register-check" onClick={stopPropagation}>
          <input
            type="checkbox"
            checked={checked}
            data-index={index}
            onChange={onCheck}
            aria-label={row.notation ?? row.subject}
          />
        </div>
      )}
      {columns.map((column) => (
        <div
          key={column.key}
          className={column.className ? `register-cell ${column.className}` : 'register-cell'}
          role="cell"
        >
          {column.render ? column.render(row, labels) : column.text(row)}
        </div>
      ))}
    </div>
  );
});
