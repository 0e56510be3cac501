// Which rows of a fixed-height list are in sight. Rows are all the same
// height, so the window is arithmetic on scrollTop: no per-row measurements
// (a general virtualizer keeps an array as long as the register, 100,000
// entries), and a re-render only when the first or last row in sight changes.
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  first: number;
  last: number;
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

function rangeFor(element: HTMLElement | null, { count, rowHeight, offset, overscan }: Options): [number, number] {
  if (count === 0) return [0, -1];
  // Before the first layout, assume a window-high table: the first rows show in the first paint.
  const top = element?.scrollTop ?? 0;
  const height = element && element.clientHeight > 0 ? element.clientHeight : window.innerHeight;
  const first = Math.max(0, Math.floor((top - offset) / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((top + height - offset) / rowHeight) + overscan);
  return [first, last];
}

// `…Ref` tells the React Compiler this is a ref, whose element scrollToRow may scroll.
export function useRowWindow(scrollerRef: RefObject<HTMLElement | null>, options: Options): RowWindow {
  const [range, setRange] = useState<[number, number]>(() => rangeFor(null, options));
  const { count, rowHeight, offset, overscan } = options;

  useLayoutEffect(() => {
    const element = scrollerRef.current;
    const update = () => {
      const [first, last] = rangeFor(element, { count, rowHeight, offset, overscan });
      setRange((current) => (current[0] === first && current[1] === last ? current : [first, last]));
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

  return { first: range[0], last: Math.min(range[1], count - 1), totalHeight: offset + count * rowHeight, scrollToRow };
}
