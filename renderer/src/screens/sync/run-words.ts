// A finished run in plain words: its outcome, how it was started, and its
// error as the Vietnamese message of its code (the detail is for the log).
import { errorMessages, type ErrorCode } from '../../../../shared/errors.ts';
import type { SyncQueueItemView } from '../../../../shared/sync.ts';

export function errorText(code: string | null): string | null {
  if (code === null) return null;
  return Object.hasOwn(errorMessages, code) ? errorMessages[code as ErrorCode] : errorMessages.INTERNAL;
}

/** Bytes per second over a whole run, from its history row. */
export function averageRate(run: {
  startedAt: string;
  finishedAt: string | null;
  bytesUp: number;
  bytesDown: number;
}): number | null {
  if (!run.finishedAt) return null;
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  const bytes = run.bytesUp + run.bytesDown;
  return seconds > 0 && bytes > 0 ? bytes / seconds : null;
}

/** Translation keys of the change kinds (their names have dots, which i18next reads as nesting). */
export const opKeys: Record<
  SyncQueueItemView['op'],
  'issue' | 'status' | 'update' | 'person' | 'deskDocument' | 'deskEvent'
> = {
  'document.issue': 'issue',
  'status.send': 'status',
  'document.update': 'update',
  'person.put': 'person',
  'desk.document': 'deskDocument',
  'desk.event': 'deskEvent',
};
