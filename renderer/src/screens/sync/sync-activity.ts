// What the current (or last) sync run is doing, folded from core's events:
// the phase, each document going up or down with its bytes, what the hub has
// stored, and the rate the line actually gives.
import type { CoreEvent } from '../../../../shared/api.ts';

type PhaseEvent = Extract<CoreEvent, { type: 'sync.phase' }>;
type ProgressEvent = Extract<CoreEvent, { type: 'sync.progress' }>;
export type SyncPhase = PhaseEvent['phase'];

export interface ProgressItem {
  key: string;
  direction: ProgressEvent['direction'];
  documentId: string;
  label: string;
  bytesDone: number;
  bytesTotal: number;
}

export interface Activity {
  /** Between a run's first phase and its "done". */
  running: boolean;
  phase: SyncPhase | null;
  /** In the order they started. */
  items: ProgressItem[];
  /** The latest overall figures (uploads: the whole run; downloads: the document). */
  overall: { direction: ProgressEvent['direction']; done: number; total: number; etaSeconds: number | null } | null;
  /** Documents the hub has stored during this run. */
  sent: string[];
  /** Bytes per second measured over this run; null until there is enough to measure. */
  rate: number | null;
  meter: { startedAt: number; startBytes: number } | null;
}

export const idleActivity: Activity = {
  running: false,
  phase: null,
  items: [],
  overall: null,
  sent: [],
  rate: null,
  meter: null,
};

export type ActivityAction =
  | { type: 'start' }
  | { type: 'event'; event: PhaseEvent | ProgressEvent | Extract<CoreEvent, { type: 'sync.sent' }>; at: number };

/** Below this the rate is noise: the first chunk's timing says little about the line. */
const MIN_MEASURE_MS = 2000;

export function activityReducer(activity: Activity, action: ActivityAction): Activity {
  if (action.type === 'start') return { ...idleActivity, running: true, rate: activity.rate };
  const { event, at } = action;
  switch (event.type) {
    case 'sync.phase':
      if (event.phase === 'directory')
        return { ...idleActivity, running: true, phase: 'directory', rate: activity.rate };
      return { ...activity, running: event.phase !== 'done', phase: event.phase };
    case 'sync.sent':
      return activity.sent.includes(event.documentId)
        ? activity
        : { ...activity, sent: [...activity.sent, event.documentId] };
    case 'sync.progress':
      return withProgress(activity, event, at);
  }
}

function withProgress(activity: Activity, event: ProgressEvent, at: number): Activity {
  const key = `${event.direction}:${event.documentId}`;
  const item: ProgressItem = {
    key,
    direction: event.direction,
    documentId: event.documentId,
    label: event.label,
    bytesDone: event.bytesDone,
    bytesTotal: event.bytesTotal,
  };
  const index = activity.items.findIndex((each) => each.key === key);
  const items = index < 0 ? [...activity.items, item] : activity.items.map((each, i) => (i === index ? item : each));
  const moved = items.reduce((sum, each) => sum + each.bytesDone, 0);
  const meter = activity.meter ?? { startedAt: at, startBytes: moved };
  const elapsed = at - meter.startedAt;
  const rate = elapsed >= MIN_MEASURE_MS ? ((moved - meter.startBytes) * 1000) / elapsed : activity.rate;
  return {
    ...activity,
    running: true,
    items,
    overall: {
      direction: event.direction,
      done: event.overallDone,
      total: event.overallTotal,
      etaSeconds: event.etaSeconds,
    },
    meter,
    rate,
  };
}
