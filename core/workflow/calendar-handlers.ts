// The calendar in Settings: a year's holidays, make-ups and swaps, and the
// clerk's additions from a notice that came after this build (Bộ Nội vụ's
// yearly notice, a province's swap). Computed days cannot be removed, only
// overridden by an added one, so the law's days are never lost to a slip.
import type { CalendarDayView, CalendarOutputs, ValidCalendarInput } from '../../shared/calendar.ts';
import { dayMonthYear } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { deleteCalendarDay, getCalendarDay, putCalendarDay } from '../db/calendar.ts';
import { writeTransaction } from '../db/connection.ts';
import { requireRoleWhenOfficials } from './roles.ts';
import { workingCalendar, type WorkingCalendar } from './working-days.ts';

export function listCalendar(core: Core, input: ValidCalendarInput<'calendar.list'>): CalendarOutputs['calendar.list'] {
  const { year } = input;
  const calendar = workingCalendar(core.db);
  return { year, status: calendar.yearStatus(year), days: calendar.specialDays(year) };
}

/** Adds a day off or a day worked from a notice, or replaces the one added before for that day. */
export function adjustCalendar(
  core: Core,
  input: ValidCalendarInput<'calendar.adjust'>,
): CalendarOutputs['calendar.adjust'] {
  const { day, kind, note, source } = input;
  requireRoleWhenOfficials(core, 'clerk', 'calendar');
  return writeTransaction(core.db, () => {
    const before = dayView(workingCalendar(core.db), day);
    putCalendarDay(core.db, { day, kind, note, source: source ?? null, addedAt: core.now().toISOString() });
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'calendar.adjust',
        entity: 'settings',
        entityId: 'calendar',
        detail: { day, kind, note, source: source ?? null, before },
      },
      core.now(),
    );
    return { day: dayView(workingCalendar(core.db), day), before };
  });
}

/** Removes an added day; the day is then what the law and the shipped notices make it. */
export function removeCalendarDay(
  core: Core,
  input: ValidCalendarInput<'calendar.remove'>,
): CalendarOutputs['calendar.remove'] {
  const { day } = input;
  requireRoleWhenOfficials(core, 'clerk', 'calendar');
  return writeTransaction(core.db, () => {
    const added = getCalendarDay(core.db, day);
    if (!added) {
      const computed = dayView(workingCalendar(core.db), day);
      throw new AppError('CALENDAR_DAY_NOT_ADDED', `calendar.remove: ${day} was not added`, {
        fields: {
          day: `Ngày ${dayMonthYear(day)} (${computed.reason}) không phải ngày đã thêm vào lịch nên không xóa được.`,
        },
      });
    }
    const removed = dayView(workingCalendar(core.db), day);
    deleteCalendarDay(core.db, day);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'calendar.remove',
        entity: 'settings',
        entityId: 'calendar',
        detail: { day, kind: added.kind, note: added.note, source: added.source },
      },
      core.now(),
    );
    return { removed, now: dayView(workingCalendar(core.db), day) };
  });
}

function dayView(calendar: WorkingCalendar, day: string): CalendarDayView {
  const info = calendar.dayInfo(day);
  return { day, kind: info.working ? 'work' : 'off', reason: info.reason, source: info.source, added: info.added };
}
