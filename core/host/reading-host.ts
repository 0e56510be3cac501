// The text the store owes, read in the background for as long as the app
// runs: at start (a store upgraded from before the page reading, scans left by
// `--no-ocr` or received by sync) and whenever a new one is left for later.
// One reading at a time; a store already being read by another process (a
// `vanthu reindex` in a terminal) is tried again a minute later.
import { toErrorValue } from '../../shared/errors.ts';
import type { Core } from '../context.ts';
import { readOwedPdfs } from '../documents/read-owed.ts';
import { logFailure } from './log.ts';

const RETRY_WHEN_BUSY_MS = 60_000;

export interface HostedReading {
  /** Reads what is owed, now or right after the reading under way. */
  kick(): void;
  /** Stops the reading under way (OCR is cut off; what it had not stored stays owed). */
  stop(): Promise<void>;
}

export function hostReading(core: Core): HostedReading {
  const controller = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;
  let retry: NodeJS.Timeout | undefined;

  const run = async () => {
    do {
      again = false;
      const result = await readOwedPdfs(core, { ocr: true, signal: controller.signal });
      if (result.busy && !controller.signal.aborted) {
        clearTimeout(retry);
        retry = setTimeout(kick, RETRY_WHEN_BUSY_MS);
        retry.unref();
      }
    } while (again && !controller.signal.aborted);
  };

  function kick(): void {
    if (controller.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    // After the caller's transaction: the PDF it just stored is in the store by then.
    running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(run)
      .catch((error: unknown) => logFailure('reading owed text', toErrorValue(error), error))
      .finally(() => {
        running = null;
      });
  }

  return {
    kick,
    async stop() {
      controller.abort();
      clearTimeout(retry);
      await running;
    },
  };
}
