// The public holidays of a year, computed: the Labour Code's days (Bộ luật Lao
// động 2019 Art. 112.1, and 24/11 from Nghị quyết 28/2026/QH16), the lunar ones
// on the Vietnamese calendar, the make-up of a holiday falling on a weekly rest
// day (Art. 111.3), and the yearly notices of yearly-arrangements.ts. Where a
// year has no notice, the days the Prime Minister would place are estimated by
// the rules below, and the year says "estimated" so the UI can warn.
// @ts-expect-error -- date-chinese ships its types outside its "exports" map, where NodeNext does not look; typed below.
import { CalendarVietnamese as UntypedLunarCalendar } from 'date-chinese';
import { noticedBreaks, type HolidayKey, type NoticedBreak } from './yearly-arrangements.ts';

/** The part of date-chinese used here (its own types/index.d.ts says the same). */
interface LunarCalendar {
  toGregorian(gregorianYear: number): { year: number; month: number; day: number };
}
type LunarCalendarClass = new (cycle: number, year: number, month: number, leap: boolean, day: number) => LunarCalendar;

// CalendarVietnamese is the Chinese calendar computed at UTC+7 (from 1968; the
// North adopted it on 8/8/1967), which is what makes Tết 2007 fall on 17/2 here
// and 18/2 in China, and 1985 a month apart (§8.5). MIT; the `amlich` package
// computes the same but may not be shipped (non-commercial licence).
const VietnameseLunarCalendar = UntypedLunarCalendar as LunarCalendarClass;

export const holidayNames: Record<HolidayKey, string> = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên Đán',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế lao động',
  nationalDay: 'Quốc khánh',
  hungKings: 'Giỗ Tổ Hùng Vương',
  culture: 'Ngày Văn hóa Việt Nam',
};

const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 112.1';
const MAKE_UP = 'Bộ luật Lao động 2019, Điều 111.3';
const CULTURE_DAY = 'Nghị quyết 28/2026/QH16, Điều 2 (hiệu lực từ 01/7/2026)';
/**
 * From this day 24/11 is a paid holiday (Nghị quyết 28/2026/QH16 in force, §8.5).
 * It joins Art. 112.1, so a 24/11 on a weekend is made up (Art. 111.3) like any
 * other; §8.5 calls that unsettled. The swap proposed for 2026 (Mon 23/11 off,
 * Sat 28/11 worked) was only proposed and is not in the table.
 */
const CULTURE_DAY_FROM = '2026-07-01';
/** The 2019 Code (in force 1/1/2021) gave Quốc khánh its second day; before it, 2/9 alone. */
const SECOND_NATIONAL_DAY_FROM = 2021;

export type YearStatus = 'notice' | 'estimated';

/** A day that is not an ordinary working day or an ordinary weekend. */
export interface SpecialDay {
  day: string;
  kind: 'off' | 'work';
  /** In the clerk's words: "Tết Nguyên Đán", "Nghỉ bù Giỗ Tổ Hùng Vương", "Làm bù cho Thứ Sáu 02/01/2026 (…)". */
  reason: string;
  source: string;
}

export interface HolidayYear {
  year: number;
  /** "notice" when the shipped table places both Tết and the second Quốc khánh day. */
  status: YearStatus;
  /** The holidays, make-ups and swaps of this year's holidays, by day; a few may fall in a neighbouring year. */
  days: ReadonlyMap<string, SpecialDay>;
}

// ---- calendar arithmetic: days as integers in UTC, so no time zone can move them

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a yyyy-mm-dd day. */
export function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

export function dayFromNumber(number: number): string {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, count: number): string {
  return dayFromNumber(dayNumber(day) + count);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(day: string): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

/** Saturday and Sunday: the weekly rest days of the public sector (the 40-hour week of Quyết định 188/1999/QĐ-TTg). */
export function isWeekend(day: string): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

const weekdayNames = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export function weekdayName(day: string): string {
  return weekdayNames[weekdayOf(day)]!;
}

/** "Thứ Sáu 02/01/2026", as a notice names a day. */
function namedDay(day: string): string {
  return `${weekdayName(day)} ${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

function iso(date: { year: number; month: number; day: number }): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

// ---- the lunar holidays

/** The solar day of a (non-leap) lunar month and day of the lunar year that starts in `year`. */
export function lunarToSolar(year: number, month: number, day: number): string {
  return iso(new VietnameseLunarCalendar(0, 0, month, false, day).toGregorian(year));
}

/** Mùng 1 Tết of the lunar year that starts in `year`. */
export function lunarNewYear(year: number): string {
  return lunarToSolar(year, 1, 1);
}

/** Giỗ Tổ Hùng Vương, 10/3 âm lịch; a leap third month never holds it (the holiday is in the ordinary one). */
export function hungKingsDay(year: number): string {
  return lunarToSolar(year, 3, 10);
}

/**
 * The five Tết days when no notice places them: the last day of the old lunar
 * year (giao thừa) and mùng 1–4. The Prime Minister places one or two days
 * before mùng 1 and the rest after; this is the placement of the 2026 notice
 * (28 Chạp, the last day of Ất Tỵ, to mùng 4) and keeps the eve off, which
 * every arrangement does. Weekend days among them are made up (Art. 111.3).
 */
export function estimatedTetDays(year: number): string[] {
  const first = lunarNewYear(year);
  return [-1, 0, 1, 2, 3].map((offset) => addDays(first, offset));
}

/**
 * The second Quốc khánh day when no notice places it: Art. 112.1 allows 1/9 or
 * 3/9, and the Prime Minister takes the one that joins the break to a weekend.
 * So 1/9, unless 1/9 is itself a rest day (2/9 on a Sunday or Monday: 3/9), or
 * 2/9 is a Thursday (3/9, a Friday, makes Thursday–Sunday). The 2026 notice
 * (2/9 a Wednesday: 1/9, with Monday 31/8 swapped) agrees.
 */
export function estimatedSecondNationalDay(year: number): string {
  const before = `${year}-09-01`;
  const nationalDay = `${year}-09-02`;
  return isWeekend(before) || weekdayOf(nationalDay) === 4 ? `${year}-09-03` : before;
}

// ---- one year

interface Holiday {
  day: string;
  key: HolidayKey;
  source: string;
}

const cache = new Map<number, HolidayYear>();

/** The computed holidays of a year; pure, so computed once per process (the lunar arithmetic is the slow part). */
export function holidayYear(year: number): HolidayYear {
  let computed = cache.get(year);
  if (!computed) {
    computed = computeYear(year);
    cache.set(year, computed);
  }
  return computed;
}

function computeYear(year: number): HolidayYear {
  const breaks = noticedBreaks(year);
  const noticed = (key: HolidayKey) => breaks.find((entry) => entry.holiday === key);
  const tetNotice = noticed('tet');
  const nationalNotice = noticed('nationalDay');
  const placedSource = (notice: NoticedBreak | undefined) =>
    notice
      ? `${LABOUR_CODE}; ${notice.source}`
      : `${LABOUR_CODE}; ngày nghỉ ước tính vì chưa có thông báo của Chính phủ cho năm ${year}`;

  const holidays: Holiday[] = [
    { day: `${year}-01-01`, key: 'newYear', source: LABOUR_CODE },
    ...(tetNotice?.placed ?? estimatedTetDays(year)).map((day) => ({
      day,
      key: 'tet' as const,
      source: placedSource(tetNotice),
    })),
    { day: hungKingsDay(year), key: 'hungKings', source: LABOUR_CODE },
    { day: `${year}-04-30`, key: 'victory', source: LABOUR_CODE },
    { day: `${year}-05-01`, key: 'labour', source: LABOUR_CODE },
    { day: `${year}-09-02`, key: 'nationalDay', source: LABOUR_CODE },
  ];
  if (year >= SECOND_NATIONAL_DAY_FROM) {
    for (const day of nationalNotice?.placed ?? [estimatedSecondNationalDay(year)])
      holidays.push({ day, key: 'nationalDay', source: placedSource(nationalNotice) });
  }
  if (`${year}-11-24` >= CULTURE_DAY_FROM) holidays.push({ day: `${year}-11-24`, key: 'culture', source: CULTURE_DAY });
  holidays.sort((a, b) => a.day.localeCompare(b.day));

  // Lowest precedence first: each layer overwrites the one before it on the same day.
  const days = new Map<string, SpecialDay>();
  const put = (entry: SpecialDay) => days.set(entry.day, entry);

  // The weekends inside an announced break carry the holiday's name.
  for (const notice of breaks) {
    for (let day = notice.from; day <= notice.to; day = addDays(day, 1))
      put({ day, kind: 'off', reason: holidayNames[notice.holiday], source: notice.source });
  }

  const swappedOff = new Set(breaks.flatMap((notice) => notice.swaps.map((swap) => swap.off)));
  const holidayDays = new Set(holidays.map((holiday) => holiday.day));
  const madeUp = new Set<string>();
  for (const holiday of holidays) {
    // Art. 111.3: a holiday on a weekly rest day is made up on the next working day.
    if (!isWeekend(holiday.day)) continue;
    let day = addDays(holiday.day, 1);
    while (isWeekend(day) || holidayDays.has(day) || madeUp.has(day) || swappedOff.has(day)) day = addDays(day, 1);
    madeUp.add(day);
    put({ day, kind: 'off', reason: `Nghỉ bù ${holidayNames[holiday.key]}`, source: MAKE_UP });
  }

  // Two holidays on one day (10/3 âm lịch can fall on 30/4) are both named; each is made up above if on a weekend.
  for (const holiday of holidays) {
    const earlier = holidays.find((other) => other.day === holiday.day);
    const reason =
      earlier && earlier !== holiday && earlier.key !== holiday.key
        ? `${days.get(holiday.day)!.reason}; ${holidayNames[holiday.key]}`
        : holidayNames[holiday.key];
    put({ day: holiday.day, kind: 'off', reason, source: holiday.source });
  }

  for (const notice of breaks) {
    const name = holidayNames[notice.holiday];
    for (const swap of notice.swaps) {
      put({
        day: swap.off,
        kind: 'off',
        reason: `Nghỉ ${name} (hoán đổi, làm bù ${namedDay(swap.work)})`,
        source: notice.source,
      });
      put({
        day: swap.work,
        kind: 'work',
        reason: `Làm bù cho ${namedDay(swap.off)} (${name})`,
        source: notice.source,
      });
    }
  }

  return { year, status: tetNotice && nationalNotice ? 'notice' : 'estimated', days };
}
