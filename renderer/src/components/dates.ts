// Dates as the clerk reads and types them (dd/mm/yyyy) and as core stores
// them (yyyy-mm-dd). Both forms are accepted when typed.
import { isCalendarDate, localDate } from '../../../shared/dates.ts';

/** yyyy-mm-dd → dd/mm/yyyy; empty for none. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const [year, month, day] = date.slice(0, 10).split('-');
  return day && month && year ? `${day}/${month}/${year}` : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment's local time of day, HH:mm (or HH:mm:ss). */
export function formatTime(moment: Date, withSeconds = false): string {
  return `${pad(moment.getHours())}:${pad(moment.getMinutes())}${withSeconds ? `:${pad(moment.getSeconds())}` : ''}`;
}

/** An ISO timestamp as local dd/mm/yyyy HH:mm. */
export function formatDateTime(timestamp: string | null | undefined, withSeconds = false): string {
  if (!timestamp) return '';
  const moment = new Date(timestamp);
  if (Number.isNaN(moment.getTime())) return timestamp;
  return `${formatDate(localDate(moment))} ${formatTime(moment, withSeconds)}`;
}

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YEAR_FIRST = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * What the clerk typed as a calendar date: yyyy-mm-dd, or null when the text
 * is not a real date. Accepts dd/mm/yyyy (also with - or .) and yyyy-mm-dd.
 */
export function parseDateInput(text: string): string | null {
  const trimmed = text.trim();
  const dayFirst = DAY_FIRST.exec(trimmed);
  const yearFirst = YEAR_FIRST.exec(trimmed);
  const parts = dayFirst
    ? [dayFirst[3], dayFirst[2], dayFirst[1]]
    : yearFirst
      ? [yearFirst[1], yearFirst[2], yearFirst[3]]
      : null;
  if (!parts) return null;
  const iso = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

export function today(): string {
  return localDate(new Date());
}
