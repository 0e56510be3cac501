// The clerk's additions to the working-day calendar (calendar_days, migration
// 0007): a government notice that arrived after this build, entered by hand.
// The holidays themselves are computed in core/workflow/holidays.ts.
import { statement, type Db } from './connection.ts';

export interface CalendarDayRow {
  day: string;
  kind: 'off' | 'work';
  note: string;
  source: string | null;
  addedAt: string;
}

const SELECT = 'SELECT day, kind, note, source, added_at AS addedAt FROM calendar_days';

/** The added days from `from` to `to`, both included, in order. */
export function listCalendarDays(db: Db, from: string, to: string): CalendarDayRow[] {
  return statement(db, `${SELECT} WHERE day BETWEEN ? AND ? ORDER BY day`).all(from, to) as CalendarDayRow[];
}

export function getCalendarDay(db: Db, day: string): CalendarDayRow | undefined {
  return statement(db, `${SELECT} WHERE day = ?`).get(day) as CalendarDayRow | undefined;
}

/** Adds a day, or replaces what was added for it before. */
export function putCalendarDay(db: Db, row: CalendarDayRow): void {
  statement(
    db,
    `INSERT INTO calendar_days (day, kind, note, source, added_at) VALUES (@day, @kind, @note, @source, @addedAt)
     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note, source = excluded.source,
       added_at = excluded.added_at`,
  ).run(row);
}

/** True when there was an added day to remove. */
export function deleteCalendarDay(db: Db, day: string): boolean {
  return statement(db, 'DELETE FROM calendar_days WHERE day = ?').run(day).changes > 0;
}
