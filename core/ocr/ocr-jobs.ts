// The OCR a clerk is waiting on (reading a dropped letter, registering a scan)
// can be stopped from the window: "Dừng" aborts every such job of this core.
// A stopped job leaves its text owed, read later in the background.
import type { Core } from '../context.ts';

const jobs = new WeakMap<Core, Set<AbortController>>();

export async function withOcrCancel<T>(core: Core, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const running = jobs.get(core) ?? new Set<AbortController>();
  jobs.set(core, running);
  running.add(controller);
  try {
    return await run(controller.signal);
  } finally {
    running.delete(controller);
  }
}

/** Stops the OCR the window is waiting on; says how many jobs were stopped. */
export function cancelOcr(core: Core): number {
  const running = jobs.get(core);
  if (!running) return 0;
  for (const controller of running) controller.abort();
  const count = running.size;
  running.clear();
  return count;
}
