// The register's column titles, each with a handle on its right edge to drag
// its width (double-click: back to its usual width). While dragging, only the
// grid's CSS variable changes (`onPreview`), so the rows in sight re-flow
// without React drawing them again; the width is kept when the button is released.
import { memo, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type RegisterColumn } from './columns.tsx';

interface RegisterHeaderProps {
  columns: readonly RegisterColumn[];
  selectable: boolean;
  /** A width while the handle is dragged. */
  onPreview: (key: string, width: number) => void;
  /** The width where the handle was let go; null: the column's usual width. */
  onResize: (key: string, width: number | null) => void;
}

const clampWidth = (width: number) => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));

// Drawn again only when the language, the columns or their widths change, not at every scroll.
export const RegisterHeader = memo(function RegisterHeader({
  columns,
  selectable,
  onPreview,
  onResize,
}: RegisterHeaderProps) {
  const { t } = useTranslation('registers');

  const startResize = (event: PointerEvent<HTMLSpanElement>, key: string) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    const startX = event.clientX;
    const startWidth = handle.parentElement?.getBoundingClientRect().width ?? 0;
    let width = startWidth;
    handle.setPointerCapture(event.pointerId);
    const move = (moved: globalThis.PointerEvent) => {
      width = clampWidth(startWidth + moved.clientX - startX);
      onPreview(key, width);
    };
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      if (width !== startWidth) onResize(key, width);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  return (
    <div className="register-header" role="row">
      {selectable && <div className="register-cell register-check" />}
      {columns.map((column) => (
        <div
          key={column.key}
          className={column.className ? `register-cell ${column.className}` : 'register-cell'}
          role="columnheader"
          data-column={column.key}
        >
          <span className="register-header-title" title={t(column.title)}>
            {t(column.title)}
          </span>
          <span
            className="column-resizer"
            data-testid="column-resizer"
            aria-hidden="true"
            title={t('columnsMenu.resize')}
            onPointerDown={(event) => startResize(event, column.key)}
            onDoubleClick={() => onResize(column.key, null)}
            onClick={(event) => event.stopPropagation()}
          />
        </div>
      ))}
    </div>
  );
});
