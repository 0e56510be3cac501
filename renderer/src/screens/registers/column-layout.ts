// How the clerk arranged a register's columns: their widths and which of the
// optional ones are shown, kept per view in localStorage (which belongs to the
// OS user in both Electron and browser mode, so each clerk keeps their own).
import { useCallback, useMemo, useState } from 'react';
import type { RegisterView } from '../../app/router.ts';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, registerColumns, type RegisterColumn } from './columns.tsx';

interface StoredLayout {
  widths: Record<string, number>;
  /** Columns shown or hidden against their default. */
  shown: Record<string, boolean>;
}

const storageKey = (view: RegisterView) => `vanthu.register.${view}.columns`;

function read(view: RegisterView): StoredLayout {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(view)) ?? '{}') as Partial<StoredLayout>;
    const widths = Object.fromEntries(
      Object.entries(stored.widths ?? {}).filter(
        ([, width]) => typeof width === 'number' && width >= MIN_COLUMN_WIDTH && width <= MAX_COLUMN_WIDTH,
      ),
    );
    const shown = Object.fromEntries(Object.entries(stored.shown ?? {}).filter(([, on]) => typeof on === 'boolean'));
    return { widths, shown };
  } catch {
    // A hand-edited or half-written entry: the defaults, rather than no register.
    return { widths: {}, shown: {} };
  }
}

export interface ColumnLayout {
  /** Every column of the view, shown or not, in register order. */
  all: readonly RegisterColumn[];
  /** The columns on screen. */
  columns: readonly RegisterColumn[];
  /** Widths the clerk set, by column key. */
  widths: Readonly<Record<string, number>>;
  isShown: (column: RegisterColumn) => boolean;
  setWidth: (key: string, width: number | null) => void;
  setShown: (key: string, shown: boolean) => void;
  reset: () => void;
}

function write(view: RegisterView, layout: StoredLayout): void {
  try {
    localStorage.setItem(storageKey(view), JSON.stringify(layout));
  } catch {
    // Storage full or off: the layout holds for this session only.
  }
}

export function useColumnLayout(view: RegisterView): ColumnLayout {
  const [layout, setLayout] = useState(() => read(view));
  const all = registerColumns[view];
  // The same array and functions until something changes: the header and every row are memoized on them.
  const columns = useMemo(
    () => all.filter((column) => layout.shown[column.key] ?? !column.hidden),
    [all, layout.shown],
  );

  const change = useCallback(
    (update: (current: StoredLayout) => StoredLayout) =>
      setLayout((current) => {
        const next = update(current);
        write(view, next);
        return next;
      }),
    [view],
  );
  const setWidth = useCallback(
    (key: string, width: number | null) =>
      change((current) => {
        const widths = { ...current.widths };
        if (width === null) delete widths[key];
        else widths[key] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
        return { ...current, widths };
      }),
    [change],
  );
  const setShown = useCallback(
    (key: string, shown: boolean) => change((current) => ({ ...current, shown: { ...current.shown, [key]: shown } })),
    [change],
  );
  const reset = useCallback(() => change(() => ({ widths: {}, shown: {} })), [change]);

  // One object until the layout changes: the register's buttons are memoized on it.
  return useMemo(
    () => ({
      all,
      columns,
      widths: layout.widths,
      isShown: (column: RegisterColumn) => layout.shown[column.key] ?? !column.hidden,
      setWidth,
      setShown,
      reset,
    }),
    [all, columns, layout, setWidth, setShown, reset],
  );
}
