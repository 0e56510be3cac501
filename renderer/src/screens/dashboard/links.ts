// Where each dashboard figure leads: the register it counts, with the filters
// that count it (the month's days by the date entered in the register; this
// year's open documents past their deadline).
import { localDate } from '../../../../shared/dates.ts';
import { routeHash } from '../../app/router.ts';
import { searchOf } from '../registers/query.ts';

/** The first and last day of a yyyy-mm month. */
export function monthDays(month: string): { from: string; to: string } {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function monthLink(register: 'incoming' | 'outgoing', month: string): string {
  const { from, to } = monthDays(month);
  return routeHash({ name: register, search: searchOf({ year: Number(month.slice(0, 4)), from, to }) });
}

export function overdueLink(): string {
  const year = Number(localDate(new Date()).slice(0, 4));
  return routeHash({ name: 'incoming', search: searchOf({ year, overdue: true }) });
}
