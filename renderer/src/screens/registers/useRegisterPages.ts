// A register view's page cache for as long as its query stays the same; a
// new query (other filters, or a reload after signing) starts a fresh one.
import { useReducer, useState } from 'react';
import { call } from '../../api/client.ts';
import { takeFirstPage } from './prefetch.ts';
import type { RegisterQuery } from './query.ts';
import { RegisterPages } from './register-pages.ts';

function createPages(key: string, onChange: () => void): RegisterPages {
  const query = JSON.parse(key) as RegisterQuery;
  const load = (offset: number, limit: number) => call('documents.list', { ...query, offset, limit });
  const prefetched = takeFirstPage(key);
  if (prefetched && 'arrived' in prefetched) return new RegisterPages(load, onChange, prefetched.arrived);
  // Still on its way: the first ask for page 0 takes it (and asks itself if it failed).
  let pending = prefetched?.pending ?? null;
  return new RegisterPages((offset, limit) => {
    const first = offset === 0 ? pending : null;
    pending = null;
    return first ? first.catch(() => load(offset, limit)) : load(offset, limit);
  }, onChange);
}

export function useRegisterPages(query: RegisterQuery, reloadToken: number): { pages: RegisterPages; version: number } {
  const key = JSON.stringify(query);
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const [state, setState] = useState(() => ({ key, reloadToken, pages: createPages(key, bump) }));
  // Made during render (not in an effect) so the first render already has the prefetched rows.
  if (state.key !== key || state.reloadToken !== reloadToken) {
    const next = { key, reloadToken, pages: createPages(key, bump) };
    setState(next);
    return { pages: next.pages, version };
  }
  return { pages: state.pages, version };
}
