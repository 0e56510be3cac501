// Which rows of a fixed-height list are in sight. Rows are all the same
// height, so the window is arithmetic on scrollTop: no per-row measurements
// (a general virtualizer keeps an array as long as the register, 100,000
// entries), and a re-render only when the first or last row in sight changes.
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  first: number;
  last: number;
  /**
   * How many rows the window holds when it is full. A row keyed by its index
   * modulo this keeps its elements while the window slides: the row scrolled
   * out becomes the row scrolled in, and only its text and position change
   * (new elements would each have their styles matched again).
   */
  slots: number;
  /** The height of all rows plus what sits above them. */
  totalHeight: number;
  /** Scrolls the least needed to show the row below the header. */
  scrollToRow(index: number): void;
}

interface Options {
  count: number;
  rowHeight: number;
  /** Space above the first row inside the scroller (the sticky header). */
  offset: number;
  /** Rows kept drawn beyond each edge, so a small scroll shows rows already laid out. */
  overscan: number;
}

/** The window's first and last row and its size when full (always the same for one table height). */
function rangeFor(
  element: HTMLElement | null,
  { count, rowHeight, offset, overscan }: Options,
): [number, number, number] {
  // Before the first layout, assume a window-high table: the first rows show in the first paint.
  const top = element?.scrollTop ?? 0;
  const height = element && element.clientHeight > 0 ? element.clientHeight : window.innerHeight;
  const slots = Math.ceil(height / rowHeight) + 1 + 2 * overscan;
  if (count === 0) return [0, -1, slots];
  const first = Math.max(0, Math.min(count - slots, Math.floor((top - offset) / rowHeight) - overscan));
  return [first, Math.min(count - 1, first + slots - 1), slots];
}

// `…Ref` tells the React Compiler this is a ref, whose element scrollToRow may scroll.
export function useRowWindow(scrollerRef: RefObject<HTMLElement | null>, options: Options): RowWindow {
  const [range, setRange] = useState<[number, number, number]>(() => rangeFor(null, options));
  const { count, rowHeight, offset, overscan } = options;

  useLayoutEffect(() => {
    const element = scrollerRef.current;
    const update = () => {
      const next = rangeFor(element, { count, rowHeight, offset, overscan });
      setRange((current) =>
        current[0] === next[0] && current[1] === next[1] && current[2] === next[2] ? current : next,
      );
    };
    update();
    if (!element) return;
    element.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, [scrollerRef, count, rowHeight, offset, overscan]);

  const scrollToRow = useCallback(
    (index: number) => {
      const element = scrollerRef.current;
      if (!element) return;
      const rowTop = offset + index * rowHeight;
      const visibleTop = element.scrollTop + offset;
      const visibleBottom = element.scrollTop + element.clientHeight;
      if (rowTop < visibleTop) element.scrollTop = rowTop - offset;
      else if (rowTop + rowHeight > visibleBottom) element.scrollTop = rowTop + rowHeight - element.clientHeight;
    },
    [scrollerRef, offset, rowHeight],
  );

  return {
    first: range[0],
    last: Math.min(range[1], count - 1),
    slots: range[2],
    totalHeight: offset + count * rowHeight,
    scrollToRow,
  };
}
