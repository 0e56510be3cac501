// The register's first rows are drawn before the rest of the shell: the
// header's search, background reading, sync light and language switch, and
// the register's filters and buttons render (and load their code) once the
// rows are on screen. Each of those, an Ant Design component or several,
// costs more to draw the first time than all the rows together.
import { useSyncExternalStore } from 'react';

let shown = false;
// The UI benchmark reads the first register rows' time from this mark.
let marked = false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The first screen is up (or there is none to wait for): the rest of the shell may draw. Once per app. */
export function firstScreenShown(): void {
  if (shown) return;
  shown = true;
  for (const listener of listeners) listener();
}

/**
 * Called in the frame the first rows are drawn: the rest follows in the next
 * task, after that frame is painted, not in the same frame.
 */
export function firstRowsDrawn(): void {
  if (marked) return;
  marked = true;
  performance.mark('vanthu:first-rows');
  setTimeout(firstScreenShown, 0);
}

export function useFirstScreenShown(): boolean {
  return useSyncExternalStore(subscribe, () => shown);
}
