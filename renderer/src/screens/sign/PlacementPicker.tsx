// Where the signature goes when the letter leaves no room for it between the
// signer's title and printed name: a page of the main file, drawn small (the
// last page first: the signature block is there), and the clerk clicks the
// spot. The click becomes PDF points from the page's lower-left corner, which
// is where core puts the lower-left corner of the signature's appearance.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Spin, Typography } from 'antd';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlerInput } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { base64ToBytes } from '../../components/files.ts';
import type { PageViewport, PDFDocumentProxy } from '../document/pdfjs.ts';

export type Placement = NonNullable<HandlerInput<'sign.documents'>['placement']>;

/** How wide the page is drawn in the dialog, in CSS pixels. */
const PAGE_WIDTH = 220;
/**
 * The most room a personal signature takes, in points: the image at most
 * 170 × 70 (core's limit) over two lines of 7 pt captions. Drawn as a dashed
 * frame from the click so the clerk sees where the signature will spread, and
 * kept inside the page so core never refuses the spot as off the page.
 */
const MOST_ROOM = { width: 170, height: 90 };

interface DrawnPage {
  number: number;
  viewport: PageViewport;
  /** The page's size in points. */
  width: number;
  height: number;
}

interface Props {
  documentId: string;
  value: Placement | null;
  onPick: (placement: Placement | null) => void;
  disabled: boolean;
}

export function PlacementPicker({ documentId, value, onPick, disabled }: Props) {
  const { t, i18n } = useTranslation('sign');
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [pageNumber, setPageNumber] = useState(0);
  const [drawn, setDrawn] = useState<DrawnPage | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const box = useRef<HTMLDivElement>(null);

  // The main file, through the same pdf.js (and its one worker) as the document viewer, loaded on first use.
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    (async () => {
      const file = await call('attachments.read', { documentId });
      const { openPdf } = await import('../document/pdfjs.ts');
      if (cancelled) return;
      const task = openPdf(base64ToBytes(file.base64));
      destroy = () => task.destroy();
      const opened = await task.promise;
      if (cancelled) return;
      setPdf(opened);
      setPageNumber(opened.numPages);
    })().catch((failure: unknown) => {
      if (!cancelled) setError(asCoreError(failure));
    });
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [documentId]);

  useEffect(() => {
    const element = box.current;
    if (!pdf || !element || pageNumber < 1) return;
    let cancelled = false;
    let cancelRender: (() => void) | null = null;
    (async () => {
      const page = await pdf.getPage(pageNumber);
      if (cancelled) return;
      const natural = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PAGE_WIDTH / natural.width });
      const density = window.devicePixelRatio || 1;
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * density);
      canvas.height = Math.floor(viewport.height * density);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      const task = page.render({
        canvas,
        viewport,
        transform: density === 1 ? undefined : [density, 0, 0, density, 0, 0],
      });
      cancelRender = () => task.cancel();
      await task.promise;
      if (cancelled) return;
      element.replaceChildren(canvas);
      setDrawn({ number: pageNumber, viewport, width: natural.width, height: natural.height });
    })().catch((failure: unknown) => {
      if (!cancelled) setError(asCoreError(failure));
    });
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [pdf, pageNumber]);

  const pick = (event: MouseEvent<HTMLDivElement>) => {
    if (disabled || !drawn || !box.current) return;
    // The canvas's own box: the page's frame (its border) is not part of the page.
    const rect = box.current.getBoundingClientRect();
    const [x, y] = drawn.viewport.convertToPdfPoint(event.clientX - rect.left, event.clientY - rect.top) as [
      number,
      number,
    ];
    // From the page's lower-left corner, whatever its MediaBox starts at.
    const [left = 0, bottom = 0] = drawn.viewport.viewBox;
    onPick({
      page: drawn.number,
      x: round(clamp(x - left, 0, drawn.width - MOST_ROOM.width)),
      y: round(clamp(y - bottom, 0, drawn.height - MOST_ROOM.height)),
    });
  };

  const scale = drawn ? drawn.viewport.scale : 0;
  const marker =
    drawn && value?.page === drawn.number
      ? (drawn.viewport.convertToViewportPoint(
          value.x + (drawn.viewport.viewBox[0] ?? 0),
          value.y + (drawn.viewport.viewBox[1] ?? 0),
        ) as [number, number])
      : null;
  const pageCount = pdf?.numPages ?? 0;

  return (
    <div className="placement" data-testid="placement-picker">
      <div
        className={`placement-page${disabled ? ' placement-page-disabled' : ''}`}
        data-testid="placement-page"
        data-state={drawn ? 'rendered' : 'loading'}
        style={{ width: PAGE_WIDTH }}
        onClick={pick}
        role="presentation"
      >
        <div ref={box} />
        {!drawn && !error && (
          <div className="placement-loading">
            <Spin size="small" />
          </div>
        )}
        {marker && (
          <div
            className="placement-frame"
            data-testid="placement-marker"
            style={{
              left: marker[0],
              top: marker[1] - MOST_ROOM.height * scale,
              width: MOST_ROOM.width * scale,
              height: MOST_ROOM.height * scale,
            }}
          />
        )}
      </div>
      <div className="placement-side">
        <Typography.Text strong>{t('placement.title')}</Typography.Text>
        <Typography.Text type="secondary">{t('placement.help')}</Typography.Text>
        {pageCount > 1 && (
          <div className="placement-pages">
            <Button
              size="small"
              icon={<LeftOutlined />}
              aria-label={t('placement.previous')}
              disabled={pageNumber <= 1}
              onClick={() => setPageNumber((page) => page - 1)}
            />
            <span>{t('placement.page', { page: pageNumber, count: pageCount })}</span>
            <Button
              size="small"
              icon={<RightOutlined />}
              aria-label={t('placement.next')}
              disabled={pageNumber >= pageCount}
              onClick={() => setPageNumber((page) => page + 1)}
            />
          </div>
        )}
        {value && (
          <Typography.Text data-testid="placement-chosen">
            {t('placement.chosen', {
              page: value.page,
              left: centimetres(value.x, i18n.language),
              bottom: centimetres(value.y, i18n.language),
            })}{' '}
            <Button size="small" type="link" disabled={disabled} onClick={() => onPick(null)}>
              {t('placement.clear')}
            </Button>
          </Typography.Text>
        )}
        <ErrorNotice error={error} />
      </div>
    </div>
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Points as the clerk measures paper: centimetres, to the millimetre. */
function centimetres(points: number, language: string): string {
  return ((points / 72) * 2.54).toLocaleString(language, { maximumFractionDigits: 1 });
}
