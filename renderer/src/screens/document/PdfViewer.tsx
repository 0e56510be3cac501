// A PDF, page by page: page 1 first, the others as they scroll into sight
// (and let go again far out of sight, so a 200-page scan does not hold 200
// canvases). Zoom in/out or fit the width. The same viewer shows a stored
// document's file and, on the incoming form, the letter just dropped.
import { DownloadOutlined, ExpandOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Spin, Tooltip } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessages } from '../../../../shared/errors.ts';
import { asCoreError, call, CoreError } from '../../api/client.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { base64ToBytes, downloadBase64, fileToBase64 } from '../../components/files.ts';
import type { PDFDocumentProxy, RenderTask } from './pdfjs.ts';

const ZOOMS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
const PAGE_GAP = 12;
// Past this a canvas costs too much memory; the page is drawn at a lower pixel density instead.
const MAX_CANVAS_PIXELS = 16_777_216;

type ViewerState = { state: 'loading' } | { state: 'rendered' } | { state: 'error'; error: CoreError };
interface PdfFile {
  base64: string;
  filename: string;
  mime: string;
}

interface Loaded {
  pdf: PDFDocumentProxy;
  firstPage: { width: number; height: number };
  file: PdfFile;
}

// What pdf.js throws (rebuilt by name when it comes from its worker) about the file itself.
const badFileErrors = new Set([
  'InvalidPDFException',
  'MissingPDFException',
  'UnknownErrorException',
  'FormatError',
  'PasswordException',
]);

/** pdf.js's failures about the file, told the way core tells them; anything else as usual. */
function pdfError(error: unknown): CoreError {
  if (!(error instanceof Error) || !badFileErrors.has(error.name)) return asCoreError(error);
  const code = error.name === 'PasswordException' ? 'PDF_ENCRYPTED' : 'PDF_CORRUPT';
  return new CoreError({ code, message: errorMessages[code], detail: `${error.name}: ${error.message}` });
}

/** A stored document's file. The caller keys it by file and bytes: each viewer shows one file. */
export function PdfViewer({ documentId, attachmentId }: { documentId: string; attachmentId: string }) {
  const load = useCallback(() => call('attachments.read', { documentId, attachmentId }), [documentId, attachmentId]);
  return <PdfView load={load} />;
}

/** A file picked on this PC, before core has it (the incoming form's preview); read only if it is a PDF. */
export function PdfFileViewer({ file, bytes }: { file: File; bytes?: Promise<string> }) {
  const load = useMemo(() => {
    const base64 = bytes ?? fileToBase64(file);
    return async (): Promise<PdfFile> => ({ base64: await base64, filename: file.name, mime: 'application/pdf' });
  }, [file, bytes]);
  return <PdfView load={load} />;
}

function PdfView({ load }: { load: () => Promise<PdfFile> }) {
  const { t } = useTranslation('document');
  const scroller = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [viewer, setViewer] = useState<ViewerState>({ state: 'loading' });
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [width, setWidth] = useState(0);

  // Callers key the viewer by its file: each viewer loads one file, starting in 'loading'.
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    (async () => {
      const file = await load();
      const { openPdf } = await import('./pdfjs.ts');
      if (cancelled) return;
      const task = openPdf(base64ToBytes(file.base64));
      destroy = () => task.destroy();
      const pdf = await task.promise;
      const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
      if (!cancelled) setLoaded({ pdf, firstPage: { width: first.width, height: first.height }, file });
    })().catch((error: unknown) => {
      if (!cancelled) setViewer({ state: 'error', error: pdfError(error) });
    });
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [load]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fitScale = loaded && width > 0 ? Math.max(0.25, (width - 2 * PAGE_GAP) / loaded.firstPage.width) : 1;
  const scale = zoom === 'fit' ? fitScale : zoom;
  const stepZoom = (direction: 1 | -1) => {
    const next =
      direction > 0 ? ZOOMS.find((z) => z > scale + 0.001) : [...ZOOMS].reverse().find((z) => z < scale - 0.001);
    if (next !== undefined) setZoom(next);
  };

  const onRendered = useCallback((page: number) => {
    if (page === 1) setViewer((current) => (current.state === 'loading' ? { state: 'rendered' } : current));
  }, []);
  const onError = useCallback((error: unknown) => setViewer({ state: 'error', error: pdfError(error) }), []);

  return (
    <div className="pdf-viewer" data-testid="pdf-viewer" data-state={viewer.state}>
      <div className="pdf-toolbar">
        <Tooltip title={t('pdf.zoomOut')}>
          <Button
            size="small"
            icon={<ZoomOutOutlined />}
            onClick={() => stepZoom(-1)}
            disabled={!loaded}
            aria-label={t('pdf.zoomOut')}
          />
        </Tooltip>
        <span className="pdf-zoom">{Math.round(scale * 100)}%</span>
        <Tooltip title={t('pdf.zoomIn')}>
          <Button
            size="small"
            icon={<ZoomInOutlined />}
            onClick={() => stepZoom(1)}
            disabled={!loaded}
            aria-label={t('pdf.zoomIn')}
          />
        </Tooltip>
        <Button
          size="small"
          icon={<ExpandOutlined />}
          type={zoom === 'fit' ? 'primary' : 'default'}
          ghost={zoom === 'fit'}
          onClick={() => setZoom('fit')}
          disabled={!loaded}
        >
          {t('pdf.fitWidth')}
        </Button>
        <span className="pdf-pages">{loaded ? t('pdf.pages', { count: loaded.pdf.numPages }) : ''}</span>
        {loaded && (
          <Tooltip title={t('pdf.download')}>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              aria-label={t('pdf.download')}
              onClick={() => downloadBase64(loaded.file.base64, loaded.file.filename, loaded.file.mime)}
            />
          </Tooltip>
        )}
      </div>
      <div ref={scroller} className="pdf-scroll">
        {viewer.state === 'error' ? (
          <div className="pdf-error">
            <ErrorNotice error={viewer.error} />
          </div>
        ) : loaded ? (
          Array.from({ length: loaded.pdf.numPages }, (_, i) => (
            <PdfPage
              key={i + 1}
              pdf={loaded.pdf}
              number={i + 1}
              scale={scale}
              estimate={loaded.firstPage}
              scroller={scroller}
              onRendered={onRendered}
              onError={onError}
            />
          ))
        ) : (
          <div className="pdf-loading">
            <Spin />
          </div>
        )}
      </div>
    </div>
  );
}

interface PdfPageProps {
  pdf: PDFDocumentProxy;
  number: number;
  scale: number;
  /** Page 1's size, used for the pages not yet opened. */
  estimate: { width: number; height: number };
  scroller: RefObject<HTMLDivElement | null>;
  onRendered: (page: number) => void;
  onError: (error: unknown) => void;
}

function PdfPage({ pdf, number, scale, estimate, scroller, onRendered, onError }: PdfPageProps) {
  const { t } = useTranslation('document');
  const box = useRef<HTMLDivElement>(null);
  const [inSight, setInSight] = useState(number === 1);
  const [size, setSize] = useState(estimate);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setInSight(entry?.isIntersecting ?? false), {
      root: scroller.current,
      rootMargin: '150% 0px',
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [scroller]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    if (!inSight) {
      element.replaceChildren();
      return;
    }
    let cancelled = false;
    let task: RenderTask | null = null;
    (async () => {
      const { RenderingCancelledException } = await import('./pdfjs.ts');
      try {
        const page = await pdf.getPage(number);
        if (cancelled) return;
        const natural = page.getViewport({ scale: 1 });
        setSize({ width: natural.width, height: natural.height });
        const viewport = page.getViewport({ scale });
        const density = Math.min(
          window.devicePixelRatio || 1,
          Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)),
        );
        // Drawn off-screen and swapped in, so zooming never shows a blank page.
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width * density);
        canvas.height = Math.floor(viewport.height * density);
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        canvas.setAttribute('aria-label', t('pdf.pageLabel', { page: number }));
        task = page.render({ canvas, viewport, transform: density === 1 ? undefined : [density, 0, 0, density, 0, 0] });
        await task.promise;
        if (cancelled) return;
        element.replaceChildren(canvas);
        onRendered(number);
      } catch (error) {
        if (!cancelled && !(error instanceof RenderingCancelledException)) onError(error);
      }
    })().catch((error: unknown) => {
      // Outside the try above: pdf.js's module itself could not be loaded.
      if (!cancelled) onError(error);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [inSight, pdf, number, scale, onRendered, onError, t]);

  return (
    <div
      ref={box}
      className="pdf-page"
      data-page={number}
      style={{ width: Math.floor(size.width * scale), height: Math.floor(size.height * scale) }}
    />
  );
}
