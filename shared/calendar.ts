// The contract of the working-day calendar: the holidays and swaps of a year,
// and the clerk's additions from a government notice that came after the build.
// Spread into shared/api.ts beside the other handlers.
import { z } from 'zod';
import { calendarDate, text } from './fields.ts';

/** The years the calendar answers for; the lunar rules and the 24/11 holiday hold across them. */
export const CALENDAR_FIRST_YEAR = 1970;
export const CALENDAR_LAST_YEAR = 2199;

const calendarDay = calendarDate.refine(
  (day) => Number(day.slice(0, 4)) >= CALENDAR_FIRST_YEAR && Number(day.slice(0, 4)) <= CALENDAR_LAST_YEAR,
  {
    message: `Lịch ngày làm việc tính từ năm ${CALENDAR_FIRST_YEAR} đến năm ${CALENDAR_LAST_YEAR}`,
  },
);

export const calendarSchemas = {
  'calendar.list': z.strictObject({ year: z.number().int().min(CALENDAR_FIRST_YEAR).max(CALENDAR_LAST_YEAR) }),
  /** A day off or a Saturday worked, as a notice of the government or the province announces it. */
  'calendar.adjust': z.strictObject({
    day: calendarDay,
    kind: z.enum(['off', 'work'], { message: 'Chọn ngày nghỉ (off) hoặc ngày làm việc (work)' }),
    /** What the clerk sees beside the day: "Nghỉ Tết Nguyên Đán", "Làm bù cho Thứ Hai 31/8". */
    note: text(200),
    /** The notice it comes from: "Thông báo số …/TB-BNV của Bộ Nội vụ". */
    source: text(200).optional(),
  }),
  'calendar.remove': z.strictObject({ day: calendarDay }),
};

export type CalendarHandlerName = keyof typeof calendarSchemas;
export type CalendarInput<K extends CalendarHandlerName> = z.input<(typeof calendarSchemas)[K]>;
export type ValidCalendarInput<K extends CalendarHandlerName> = z.output<(typeof calendarSchemas)[K]>;

/**
 * "notice" when the shipped notices place this year's Tết days and second
 * Quốc khánh day; "estimated" when they are placed by the usual rule, which the
 * UI says beside the deadlines.
 */
export type CalendarYearStatus = 'notice' | 'estimated';

/** A day that is not an ordinary working day or weekend. */
export interface CalendarDayView {
  day: string;
  kind: 'off' | 'work';
  /** "Tết Nguyên Đán", "Nghỉ bù Giỗ Tổ Hùng Vương", "Làm bù cho Thứ Sáu 02/01/2026 (Tết Dương lịch)". */
  reason: string;
  /** The law or notice; null for an ordinary day. */
  source: string | null;
  /** Entered by the clerk (removable), not computed or shipped. */
  added: boolean;
}

export interface CalendarOutputs {
  'calendar.list': { year: number; status: CalendarYearStatus; days: CalendarDayView[] };
  /** The day as it now stands, and what it was before (computed, or added earlier). */
  'calendar.adjust': { day: CalendarDayView; before: CalendarDayView };
  /** What was removed, and the day as the computed calendar has it again. */
  'calendar.remove': { removed: CalendarDayView; now: CalendarDayView };
}
