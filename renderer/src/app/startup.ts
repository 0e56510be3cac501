// What the first screen needs, asked of core as soon as the app's code runs
// and in parallel: the office, and the first rows when the app opens on a
// register. Imported first by main.tsx, before React and Ant Design start.
import type { Outputs } from '../../../shared/api.ts';
import { call } from '../api/client.ts';
import { prefetchFirstPage } from '../screens/registers/prefetch.ts';
import { defaultFilters, filtersFromSearch, registerQuery } from '../screens/registers/query.ts';
import { parseRoute } from './router.ts';

const route = parseRoute(window.location.hash);
const firstRows =
  route.name === 'incoming' || route.name === 'outgoing' || route.name === 'drafts'
    ? prefetchFirstPage(
        registerQuery(
          route.name,
          route.search ? filtersFromSearch(route.name, route.search) : defaultFilters(route.name),
        ),
      )
    : null;

let startup: Promise<Outputs['office.status']> | null = call('office.status', {});
// Not a failure until the app asks for it (then it is shown).
startup.catch(() => undefined);

/**
 * The office, for the gate in front of the shell. The first time, it also
 * waits for the register's first rows (asked for at the same moment), so the
 * shell and its rows are drawn in one render instead of two; a retry asks again.
 */
export async function officeStatus(): Promise<Outputs['office.status']> {
  if (!startup) return call('office.status', {});
  const status = startup;
  startup = null;
  await firstRows;
  return status;
}
