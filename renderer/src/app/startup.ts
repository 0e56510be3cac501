// What the first screen needs, asked of core as soon as the app's code runs
// and in parallel: the office, and the first rows when the app opens on a
// register. The entry chunk (main.tsx) holds this and the API client only, so
// the questions go out while the browser still reads React and Ant Design.
import type { Outputs } from '../../../shared/api.ts';
import { call } from '../api/client.ts';
import { prefetchFirstPage } from '../screens/registers/prefetch.ts';
import { defaultFilters, filtersFromSearch, registerQuery } from '../screens/registers/query.ts';
import { parseRoute } from './router.ts';

type OfficeStatus = Outputs['office.status'];

// The UI benchmark reports these steps of a start: the questions sent, the app's code running.
performance.mark('vanthu:asked');
const route = parseRoute(window.location.hash);
const firstRows =
  route.name === 'incoming' || route.name === 'outgoing' || route.name === 'drafts'
    ? prefetchFirstPage(
        registerQuery(
          route.name,
          route.search ? filtersFromSearch(route.name, route.search) : defaultFilters(route.name),
        ),
      )
    : Promise.resolve();

let startup: Promise<OfficeStatus> | null = call('office.status', {});
let settled: OfficeStatus | null = null;
// Both answers in: the shell and its rows can be drawn in the very first render.
void Promise.all([startup, firstRows]).then(
  ([status]) => {
    settled = status;
  },
  // Not a failure until the app asks for it (then it is shown).
  () => undefined,
);

/**
 * The office when core has already answered (and the first rows are in), so the gate draws no spinner.
 * Once: a later gate asks core again rather than take the start's answer.
 */
export function officeAtStart(): OfficeStatus | null {
  const status = settled;
  settled = null;
  if (status) startup = null;
  return status;
}

/**
 * The office, for the gate in front of the shell. The first time, it also
 * waits for the register's first rows (asked for at the same moment), so the
 * shell and its rows are drawn in one render instead of two; a retry asks again.
 */
export async function officeStatus(): Promise<OfficeStatus> {
  if (!startup) return call('office.status', {});
  const status = startup;
  startup = null;
  await firstRows;
  return status;
}
