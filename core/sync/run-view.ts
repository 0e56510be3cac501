import type { SyncResultView } from '../../shared/sync.ts';

/** A run's result before anything has moved: what a run that could not start reports too. */
export function emptyRun(
  runId: string,
  outcome: SyncResultView['outcome'],
  error: SyncResultView['error'],
): SyncResultView {
  return {
    runId,
    outcome,
    sent: [],
    received: [],
    statuses: 0,
    updates: 0,
    rejected: [],
    waiting: 0,
    bytesUp: 0,
    bytesDown: 0,
    clockOffsetMs: null,
    seconds: 0,
    error,
  };
}
