// The app's few screens as location hashes (#/incoming, #/documents/<id>…):
// works from file:// and app:// alike, survives a reload, needs no library.
// A register's hash may carry its filters (#/incoming?year=2026&overdue=1),
// as the dashboard's figures link to it; the search page its words.
import { useSyncExternalStore } from 'react';

export type RegisterView = 'incoming' | 'outgoing' | 'drafts';

export type Route =
  /** `search`: the filters of a link, as a query string (see screens/registers/query.ts). */
  | { name: RegisterView; search?: string }
  | { name: 'incoming-new' }
  | { name: 'outgoing-new' }
  | { name: 'document'; id: string }
  | { name: 'dashboard' }
  | { name: 'sync' }
  | { name: 'settings' }
  /** Việc của tôi: what waits on the official at the desk. */
  | { name: 'tasks' }
  /** Every document a search finds, past the header's first few. */
  | { name: 'search'; query: string };

const fixed: Record<string, Route> = {
  '/incoming': { name: 'incoming' },
  '/outgoing': { name: 'outgoing' },
  '/drafts': { name: 'drafts' },
  '/incoming/new': { name: 'incoming-new' },
  '/outgoing/new': { name: 'outgoing-new' },
  '/dashboard': { name: 'dashboard' },
  '/sync': { name: 'sync' },
  '/settings': { name: 'settings' },
  '/tasks': { name: 'tasks' },
};

const DOCUMENT = /^\/documents\/([^/]+)$/;

/** Any other hash opens the incoming register, the clerk's usual start. */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = (hash.replace(/^#/, '') || '/incoming').split('?', 2);
  const known = fixed[path];
  if (known && search && (known.name === 'incoming' || known.name === 'outgoing' || known.name === 'drafts')) {
    return { name: known.name, search };
  }
  if (path === '/search') return { name: 'search', query: new URLSearchParams(search).get('q') ?? '' };
  if (known) return known;
  const document = DOCUMENT.exec(path);
  if (document?.[1]) return { name: 'document', id: decodeURIComponent(document[1]) };
  return { name: 'incoming' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'incoming-new':
      return '#/incoming/new';
    case 'outgoing-new':
      return '#/outgoing/new';
    case 'document':
      return `#/documents/${encodeURIComponent(route.id)}`;
    case 'search':
      return `#/search?${new URLSearchParams({ q: route.query }).toString()}`;
    case 'incoming':
    case 'outgoing':
    case 'drafts':
      return route.search ? `#/${route.name}?${route.search}` : `#/${route.name}`;
    case 'dashboard':
    case 'sync':
    case 'settings':
    case 'tasks':
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

export function openDocument(id: string): void {
  navigate({ name: 'document', id });
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current route; the component re-renders when the hash changes. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash));
}
