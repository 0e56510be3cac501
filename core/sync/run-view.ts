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
    desk: { documents: 0, events: 0, people: 0 },
    rejected: [],
    waiting: 0,
    bytesUp: 0,
    bytesDown: 0,
    clockOffsetMs: null,
    seconds: 0,
    error,
  };
}

/** A run that sent, received, refused and failed nothing (changes still waiting for another are no news). */
export function quiet(view: SyncResultView): boolean {
  return (
    view.error === null &&
    view.sent.length === 0 &&
    view.received.length === 0 &&
    view.rejected.length === 0 &&
    view.statuses === 0 &&
    view.updates === 0 &&
    view.desk.documents + view.desk.events + view.desk.people === 0
  );
}
