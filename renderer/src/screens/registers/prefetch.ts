// The first page of the register the app opens on, asked of core while the
// app is still starting (in parallel with the office check), so the register
// can draw its first rows in its very first render.
import type { Outputs } from '../../../../shared/api.ts';
import { call } from '../../api/client.ts';
import { PAGE_SIZE } from './register-pages.ts';
import type { RegisterQuery } from './query.ts';

type Page = Outputs['documents.list'];

let prefetched: { key: string; page: Promise<Page>; arrived: Page | null } | null = null;

/** Asks for the page; what it returns settles (never fails) once the answer is in. */
export function prefetchFirstPage(query: RegisterQuery): Promise<void> {
  const entry: { key: string; page: Promise<Page>; arrived: Page | null } = {
    key: JSON.stringify(query),
    page: call('documents.list', { ...query, offset: 0, limit: PAGE_SIZE }),
    arrived: null,
  };
  prefetched = entry;
  // A failure (no office yet) is nobody's until the table asks; then it asks again itself.
  return entry.page.then(
    (page) => {
      entry.arrived = page;
    },
    () => undefined,
  );
}

/**
 * The prefetched page, if it is the one for this query: the page itself when it is here, else its
 * promise. The first register drawn takes it or drops it: later, the store may have changed.
 */
export function takeFirstPage(key: string): { arrived: Page } | { pending: Promise<Page> } | null {
  const entry = prefetched;
  prefetched = null;
  if (entry?.key !== key) return null;
  return entry.arrived ? { arrived: entry.arrived } : { pending: entry.page };
}
