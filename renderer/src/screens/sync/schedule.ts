// When the end-of-day sync runs next: today at the set time if it is still
// ahead, else tomorrow (local time, as the office's clock reads).
import type { SyncScheduleView } from '../../../../shared/sync.ts';

export function nextScheduledRun(schedule: SyncScheduleView, now: Date): { at: Date; tomorrow: boolean } {
  const at = new Date(now);
  at.setHours(schedule.hour, schedule.minute, 0, 0);
  if (at.getTime() > now.getTime()) return { at, tomorrow: false };
  at.setDate(at.getDate() + 1);
  return { at, tomorrow: true };
}

export function clockText(schedule: SyncScheduleView): string {
  return `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
}
