// A call that may wait for OCR of a scan (reading a dropped letter,
// registering it) takes seconds per page: the window follows core's
// ocr.progress events while such a call is out, and "Dừng" asks core to stop
// the OCR it waits on (the call then returns without it).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreEvent } from '../../../shared/api.ts';
import { call, useCoreEvent } from '../api/client.ts';

export type OcrProgressEvent = Extract<CoreEvent, { type: 'ocr.progress' }>;

export interface OcrWait {
  /** The latest OCR progress of a followed call; null while none reports any. */
  progress: OcrProgressEvent | null;
  /** "Dừng" was pressed and the calls it stopped have not returned yet. */
  stopping: boolean;
  /** Runs a call that may wait for OCR, following its progress; says whether the clerk stopped its OCR. */
  follow: <T>(work: () => Promise<T>) => Promise<{ value: T; stopped: boolean }>;
  /** Stops the OCR the window waits on, if any runs; resolves once core has stopped it. */
  stop: () => Promise<void>;
}

interface Followed {
  stopped: boolean;
}

export function useOcrWait(): OcrWait {
  const [progress, setProgress] = useState<OcrProgressEvent | null>(null);
  const [stopping, setStopping] = useState(false);
  const out = useRef(new Set<Followed>());
  // OCR reported progress for a call still out: there is something to stop.
  const running = useRef(false);

  // Core reports OCR for whoever waits on it, and background reading reports
  // none: while a call of this window is out, the events are that call's.
  useCoreEvent((event) => {
    if (event.type !== 'ocr.progress' || out.current.size === 0) return;
    running.current = true;
    setProgress(event);
  });

  const follow = useCallback(async <T>(work: () => Promise<T>) => {
    const followed: Followed = { stopped: false };
    out.current.add(followed);
    try {
      const value = await work();
      return { value, stopped: followed.stopped };
    } finally {
      out.current.delete(followed);
      if (out.current.size === 0) {
        running.current = false;
        setProgress(null);
        setStopping(false);
      }
    }
  }, []);

  const stop = useCallback(async () => {
    if (!running.current) return;
    running.current = false;
    const stopped = [...out.current];
    for (const followed of stopped) followed.stopped = true;
    setStopping(true);
    try {
      await call('ocr.cancel', {});
    } catch {
      // Not stopped: those calls go on as they were, and Dừng can be pressed again.
      for (const followed of stopped) followed.stopped = false;
      running.current = out.current.size > 0;
      setStopping(false);
    }
  }, []);

  // Nobody waits for the OCR of a screen the clerk has left: its CPU goes back to the next task.
  useEffect(
    () => () => {
      void stop();
    },
    [stop],
  );

  return { progress, stopping, follow, stop };
}
