// What a register view asks core for: the view and the filters above it. A
// register opens on the current year: số đến and số đi start again at 1 every
// 1 January (Decree 30, Art. 15 and 22), so a register across years repeats them.
// The drafts have no number and are work in hand: they open on every year, so a
// December draft still waiting in January is not hidden.
import type { HandlerInput } from '../../../../shared/api.ts';
import { localDate } from '../../../../shared/dates.ts';
import { urgencies, type Urgency } from '../../../../shared/domain.ts';
import type { HandlingState } from '../../../../shared/handling.ts';
import type { RegisterView } from '../../app/router.ts';
import { isHandlingState } from './handling-states.ts';

export interface RegisterFilterValues {
  /** Undefined: every year. */
  year?: number;
  type?: string;
  urgency?: Urgency;
  from?: string;
  to?: string;
  overdue: boolean;
  /** Where the handling stands (trình, giao, đang xử lý, hoàn thành…). */
  handlingState?: HandlingState;
  /** The main handler's id. */
  mainHandler?: string;
  /** Handling not completed and due on or before this day (yyyy-mm-dd). */
  dueBy?: string;
  /** Words typed in the register's search box. */
  query?: string;
}

export function currentYear(): number {
  return Number(localDate(new Date()).slice(0, 4));
}

/** What a register shows when the clerk opens it. */
export function defaultFilters(view: RegisterView): RegisterFilterValues {
  return view === 'drafts' ? { overdue: false } : { year: currentYear(), overdue: false };
}

/** Whether the filters are still the ones the register opened with (what the empty table says depends on it). */
export function isDefault(view: RegisterView, filters: RegisterFilterValues): boolean {
  return (
    filters.year === defaultFilters(view).year &&
    !filters.type &&
    !filters.urgency &&
    !filters.from &&
    !filters.to &&
    !filters.overdue &&
    !filters.handlingState &&
    !filters.mainHandler &&
    !filters.dueBy &&
    !filters.query?.trim()
  );
}

export type RegisterQuery = Omit<HandlerInput<'documents.list'>, 'offset' | 'limit'>;

export function registerQuery(view: RegisterView, filters: RegisterFilterValues): RegisterQuery {
  const { query, ...rest } = filters;
  const words = query?.trim();
  return { view, ...rest, ...(words ? { query: words } : {}) };
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Filters written in a link's query string (`year=2026&from=2026-12-01&overdue=1`,
 * `handling=in-progress&handler=<id>&dueBy=2026-12-20`), as the
 * dashboard's figures link to the register; what is not there keeps its default, `year=all` is every year.
 */
export function filtersFromSearch(view: RegisterView, search: string): RegisterFilterValues {
  const params = new URLSearchParams(search);
  const filters = defaultFilters(view);
  const year = params.get('year');
  if (year === 'all') delete filters.year;
  else if (year && /^\d{4}$/.test(year)) filters.year = Number(year);
  const type = params.get('type');
  if (type) filters.type = type;
  const urgency = params.get('urgency');
  if (urgency && (urgencies as readonly string[]).includes(urgency)) filters.urgency = urgency as Urgency;
  const from = params.get('from');
  if (from && CALENDAR_DATE.test(from)) filters.from = from;
  const to = params.get('to');
  if (to && CALENDAR_DATE.test(to)) filters.to = to;
  if (params.get('overdue') === '1') filters.overdue = true;
  const handlingState = params.get('handling');
  if (handlingState && isHandlingState(handlingState)) filters.handlingState = handlingState;
  const mainHandler = params.get('handler');
  if (mainHandler) filters.mainHandler = mainHandler;
  const dueBy = params.get('dueBy');
  if (dueBy && CALENDAR_DATE.test(dueBy)) filters.dueBy = dueBy;
  const query = params.get('q');
  if (query) filters.query = query;
  return filters;
}

/** The query string of a link to a register with these filters (the inverse of filtersFromSearch). */
export function searchOf(filters: Partial<RegisterFilterValues>): string {
  const params = new URLSearchParams();
  params.set('year', filters.year === undefined ? 'all' : String(filters.year));
  if (filters.type) params.set('type', filters.type);
  if (filters.urgency) params.set('urgency', filters.urgency);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.overdue) params.set('overdue', '1');
  if (filters.handlingState) params.set('handling', filters.handlingState);
  if (filters.mainHandler) params.set('handler', filters.mainHandler);
  if (filters.dueBy) params.set('dueBy', filters.dueBy);
  if (filters.query) params.set('q', filters.query);
  return params.toString();
}
