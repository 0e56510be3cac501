// The whole text of a register cell cut short (an ellipsis, a trích yếu past
// its two lines), shown when the pointer rests on it. One tip for the whole
// table, found from the pointer's target when it moves onto a cell: no
// tooltip component and no measurement per row, only for the cell pointed at.
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';

const SHOW_AFTER_MS = 400;

export interface CellTip {
  text: string;
  left: number;
  top: number;
  /** Below the cell, or above it near the bottom of the window. */
  above: boolean;
}

/** Whether the cell (or its two-line text) hides some of what it holds. */
function isCut(cell: HTMLElement): boolean {
  const clamp = cell.querySelector<HTMLElement>('.cell-clamp');
  const box = clamp ?? cell;
  return box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
}

export function useCellTip(): {
  tip: CellTip | null;
  onMouseOver: (event: MouseEvent<HTMLElement>) => void;
  hide: () => void;
} {
  const [tip, setTip] = useState<CellTip | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const current = useRef<HTMLElement | null>(null);

  const hide = useCallback(() => {
    window.clearTimeout(timer.current);
    current.current = null;
    setTip(null);
  }, []);

  const onMouseOver = useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const cell = (event.target as HTMLElement).closest<HTMLElement>('.register-row .register-cell');
      if (cell === current.current) return;
      hide();
      if (!cell) return;
      current.current = cell;
      timer.current = window.setTimeout(() => {
        if (current.current !== cell || !cell.isConnected || !isCut(cell)) return;
        const text = cell.textContent?.trim() ?? '';
        if (!text) return;
        const box = cell.getBoundingClientRect();
        const above = box.bottom > window.innerHeight * 0.7;
        setTip({ text, left: box.left, top: above ? box.top - 4 : box.bottom + 4, above });
      }, SHOW_AFTER_MS);
    },
    [hide],
  );

  useEffect(() => () => window.clearTimeout(timer.current), []);
  return { tip, onMouseOver, hide };
}
