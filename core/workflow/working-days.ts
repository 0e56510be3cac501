// Working days, for every hạn xử lý (domain §8.5): "due within N working days",
// "due soon", "overdue". A day is working unless it is a weekend or a holiday
// (holidays.ts), or the clerk has added it as a day off; a Saturday worked in a
// swap, shipped or added, is working. Days are yyyy-mm-dd local calendar days,
// compared as strings and counted as integers in UTC.
import type { CalendarDayView, CalendarYearStatus } from '../../shared/calendar.ts';
import { isCalendarDate } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { listCalendarDays } from '../db/calendar.ts';
import type { Db } from '../db/connection.ts';
import { dayFromNumber, dayNumber, holidayYear, isWeekend, weekdayName, type SpecialDay } from './holidays.ts';

export interface DayInfo {
  working: boolean;
  /** "Ngày làm việc", "Thứ Bảy", "Tết Nguyên Đán", "Nghỉ bù Giỗ Tổ Hùng Vương", "Làm bù cho …". */
  reason: string;
  /** The law or notice behind it; null for an ordinary day. */
  source: string | null;
  /** Entered by the clerk rather than computed or shipped. */
  added: boolean;
}

export interface WorkingCalendar {
  isWorkingDay(day: string): boolean;
  dayInfo(day: string): DayInfo;
  /** The day `n` working days after `from` (before it when negative); n = 0: `from` if working, else the next working day. */
  addWorkingDays(from: string, n: number): string;
  /** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
  workingDaysBetween(from: string, to: string): number;
  /** Due today or within the next `withinWorkingDays` working days, and not past. */
  isDueSoon(dueOn: string, today: string, withinWorkingDays?: number): boolean;
  /** Today is after the due day. */
  isOverdue(dueOn: string, today: string): boolean;
  yearStatus(year: number): CalendarYearStatus;
  /** The days of a year that are not ordinary working days or weekends, in order. */
  specialDays(year: number): CalendarDayView[];
}

interface YearTable {
  /** dayNumber of 1 January. */
  first: number;
  /** 1 where the day of the year (0-based) is a working day. */
  working: Uint8Array;
  /** Working days of the year up to and including day i: cumulative[i + 1]; cumulative[0] = 0. */
  cumulative: Uint32Array;
  special: Map<string, DayInfo & { day: string }>;
}

const ORDINARY_WORKING_DAY = 'Ngày làm việc';
const DAY_MS = 86_400_000;

/**
 * The calendar as the store has it now: computed holidays and shipped notices,
 * and the clerk's added days read once per year. Make one per request or
 * report; a day added later is seen by the next calendar made.
 */
export function workingCalendar(db: Db): WorkingCalendar {
  const years = new Map<number, YearTable>();
  const table = (year: number): YearTable => {
    let built = years.get(year);
    if (!built) {
      built = buildYear(db, year);
      years.set(year, built);
    }
    return built;
  };
  const indexOf = (day: string): [YearTable, number] => {
    const year = table(yearOfDay(day));
    return [year, dayNumber(day) - year.first];
  };
  // Stepping day by day (addWorkingDays) stays in one year most of the time: keep it at hand.
  let recent: YearTable | undefined;
  const workingOn = (number: number): boolean => {
    if (!recent || number < recent.first || number >= recent.first + recent.working.length)
      recent = table(new Date(number * DAY_MS).getUTCFullYear());
    return recent.working[number - recent.first] === 1;
  };
  const isWorkingDay = (day: string): boolean => workingOn(dayNumber(checked(day)));
  /** Working days from 1 January of `day`'s year up to and including `day`. */
  const countInYear = (day: string): number => {
    const [year, index] = indexOf(day);
    return year.cumulative[index + 1]!;
  };
  const yearTotal = (year: number): number => {
    const built = table(year);
    return built.cumulative[built.working.length]!;
  };

  const addWorkingDays = (from: string, n: number): string => {
    checked(from);
    if (!Number.isSafeInteger(n)) throw new AppError('VALIDATION_FAILED', `working days: ${n} is not a whole number`);
    let day = dayNumber(from);
    if (n === 0) {
      while (!workingOn(day)) day++;
      return dayFromNumber(day);
    }
    const step = n > 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0;) {
      day += step;
      if (workingOn(day)) left--;
    }
    return dayFromNumber(day);
  };

  const workingDaysBetween = (from: string, to: string): number => {
    checked(from);
    checked(to);
    if (to < from) return -workingDaysBetween(to, from);
    const [fromYear, toYear] = [yearOfDay(from), yearOfDay(to)];
    if (fromYear === toYear) return countInYear(to) - countInYear(from);
    let count = yearTotal(fromYear) - countInYear(from) + countInYear(to);
    for (let year = fromYear + 1; year < toYear; year++) count += yearTotal(year);
    return count;
  };

  return {
    isWorkingDay,
    dayInfo: (day) => {
      const [year] = indexOf(checked(day));
      return toDayInfo(year.special.get(day) ?? ordinaryDay(day));
    },
    addWorkingDays,
    workingDaysBetween,
    isDueSoon: (dueOn, today, withinWorkingDays = 2) =>
      checked(dueOn) >= checked(today) && dueOn <= addWorkingDays(today, withinWorkingDays),
    isOverdue: (dueOn, today) => checked(today) > checked(dueOn),
    yearStatus: (year) => holidayYear(year).status,
    specialDays: (year) =>
      [...table(year).special.values()]
        .sort((a, b) => a.day.localeCompare(b.day))
        .map((info) => ({
          day: info.day,
          kind: info.working ? 'work' : 'off',
          reason: info.reason,
          source: info.source,
          added: info.added,
        })),
  };
}

/** How a day stands with nothing special about it: a weekday works, a weekend rests. */
export function ordinaryDay(day: string): DayInfo & { day: string } {
  const weekend = isWeekend(day);
  return {
    day,
    working: !weekend,
    reason: weekend ? weekdayName(day) : ORDINARY_WORKING_DAY,
    source: null,
    added: false,
  };
}

function toDayInfo(info: DayInfo): DayInfo {
  return { working: info.working, reason: info.reason, source: info.source, added: info.added };
}

function buildYear(db: Db, year: number): YearTable {
  const first = dayNumber(`${year}-01-01`);
  const length = dayNumber(`${year + 1}-01-01`) - first;
  const special = new Map<string, DayInfo & { day: string }>();
  const fromSpecial = (entry: SpecialDay) =>
    special.set(entry.day, {
      day: entry.day,
      working: entry.kind === 'work',
      reason: entry.reason,
      source: entry.source,
      added: false,
    });
  // A neighbouring year's break can reach into this one (a Saturday worked in
  // December for Tết Dương lịch); this year's own holidays take precedence.
  for (const holidays of [holidayYear(year - 1), holidayYear(year + 1), holidayYear(year)]) {
    for (const entry of holidays.days.values()) if (yearOfDay(entry.day) === year) fromSpecial(entry);
  }
  // The clerk's additions come from a notice newer than the build: they win.
  for (const row of listCalendarDays(db, `${year}-01-01`, `${year}-12-31`)) {
    special.set(row.day, {
      day: row.day,
      working: row.kind === 'work',
      reason: row.note,
      source: row.source,
      added: true,
    });
  }
  const working = new Uint8Array(length);
  const cumulative = new Uint32Array(length + 1);
  for (let index = 0; index < length; index++) {
    const day = dayFromNumber(first + index);
    const entry = special.get(day);
    working[index] = (entry ? entry.working : !isWeekend(day)) ? 1 : 0;
    cumulative[index + 1] = cumulative[index]! + working[index]!;
  }
  return { first, working, cumulative, special };
}

function yearOfDay(day: string): number {
  return Number(day.slice(0, 4));
}

/** A deadline is a yyyy-mm-dd day that exists; anything else is a caller's mistake worth stopping on. */
function checked(day: string): string {
  if (!isCalendarDate(day)) {
    throw new AppError('VALIDATION_FAILED', `working days: not a calendar day: ${JSON.stringify(day)}`, {
      fields: { day: 'Ngày phải có dạng yyyy-mm-dd và có thật' },
    });
  }
  return day;
}
