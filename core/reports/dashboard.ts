import type { DashboardView, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { urgencies, type Urgency } from '../../shared/domain.ts';
import type { Core } from '../context.ts';
import { countOverdue, filedPerMonth, filedPerUrgency, issuedDelivery } from '../db/reports.ts';

const MONTHS_SHOWN = 12;

/**
 * The month's figures the leader looks at, and the year behind them.
 *
 * `overdue` is this year's backlog as of today: open documents in a register
 * whose deadline falls in the current calendar year and has passed (due from
 * 1 January up to yesterday). A deadline of an earlier year still open is an
 * old register's loose end, not this year's work: it stays in the registers'
 * overdue filter but is not counted here. It does not depend on `month`.
 */
export function dashboardStats(core: Core, input: ValidInput<'dashboard.stats'>): DashboardView {
  const today = localDate(core.now());
  const month = input.month ?? today.slice(0, 7);
  const start = firstDay(month);
  const end = firstDay(addMonths(month, 1));
  const months = Array.from({ length: MONTHS_SHOWN }, (_, index) => addMonths(month, index - MONTHS_SHOWN + 1));
  const counted = new Map(filedPerMonth(core.db, firstDay(months[0]!), end).map((row) => [row.month, row]));
  const byMonth = months.map((m) => ({
    month: m,
    received: counted.get(m)?.received ?? 0,
    sent: counted.get(m)?.sent ?? 0,
  }));
  const byUrgency = Object.fromEntries(urgencies.map((urgency) => [urgency, 0])) as Record<Urgency, number>;
  for (const row of filedPerUrgency(core.db, start, end)) byUrgency[row.urgency] = row.count;
  const delivery = issuedDelivery(core.db, start, end);
  return {
    month,
    receivedThisMonth: byMonth.at(-1)!.received,
    sentThisMonth: byMonth.at(-1)!.sent,
    overdue: countOverdue(core.db, `${today.slice(0, 4)}-01-01`, today),
    signedDigitallyPercent: percent(delivery.signed, delivery.issued),
    sentElectronicallyPercent: percent(delivery.electronic, delivery.issued),
    byMonth,
    byUrgency,
  };
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

function firstDay(month: string): string {
  return `${month}-01`;
}

/** yyyy-mm shifted by whole months. */
function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
