// When sync runs by itself: at the configured hour every day, and as soon as
// the line comes back after a run that could not reach the hub. "Đồng bộ" in
// the UI asks for a run now. Runs never overlap.
//
// A desk of an agency whose desktops share their work (the hub's `deskSync`)
// also runs a light sync every `deskIntervalMs` (15 s unless the setting
// `sync.deskIntervalSeconds` says otherwise) and about 2 s after a desk change
// is made here, so an assignment reaches the officer's desk within seconds.
import type { SyncResultView, SyncScheduleView } from '../../shared/sync.ts';

type Trigger = 'manual' | 'schedule' | 'line-up';

export interface SchedulerDeps {
  /** `light`: a desk's frequent run (core/sync/engine.ts SyncOptions.light). */
  run(trigger: Trigger, light: boolean): Promise<SyncResultView>;
  schedule(): SyncScheduleView;
  /** Whether the hub answers at all (a TCP connect). */
  probe(): Promise<boolean>;
  /** Whether anything waits to go up: then a line that comes up is worth a run. */
  hasPendingWork(): boolean;
  now(): Date;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** First wait between probes, doubling up to maxProbeMs (defaults: 30 s, 5 min). */
  firstProbeMs?: number;
  maxProbeMs?: number;
  /** Whether this device is one of the agency's desks; without it, a device never is. */
  deskMode?(): boolean;
  /** The newest desk change in the log and the documents written here not yet queued (core/db/desk.ts). */
  deskActivity?(): { lastDeskChange: number; dirty: number };
  /** Between a desk's light runs (default 15 s). */
  deskIntervalMs?(): number;
  /** How often a desk looks for a change just made (default 2 s). */
  deskWatchMs?: number;
}

const FIRST_PROBE_MS = 30_000;
const MAX_PROBE_MS = 5 * 60_000;
export const DESK_INTERVAL_MS = 15_000;
const DESK_WATCH_MS = 2_000;
/** A desk whose runs keep failing (not for the line: the probe handles that) slows down to this. */
const MAX_DESK_BACKOFF_MS = 10 * 60_000;

export class SyncScheduler {
  private readonly deps: SchedulerDeps;
  private dailyTimer: unknown = null;
  private probeTimer: unknown = null;
  private deskTimer: unknown = null;
  private watchTimer: unknown = null;
  private probeDelay: number;
  private running: Promise<SyncResultView> | null = null;
  /** Whether the run going is a desk's light one, which "Đồng bộ" does not join. */
  private runningLight = false;
  private stopped = true;
  private unreachable = false;
  private deskFailures = 0;
  /** The newest desk change when the last run started: anything after it has not been sent. */
  private deskChangeSeen = 0;

  constructor(deps: SchedulerDeps) {
    this.deps = deps;
    this.probeDelay = deps.firstProbeMs ?? FIRST_PROBE_MS;
  }

  start(): void {
    this.stopped = false;
    this.armDaily();
    // The PC may have been off at the hour, or the line down: catch up when it comes up.
    if (this.deps.hasPendingWork()) this.armProbe(0);
    this.armDesk();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of [this.dailyTimer, this.probeTimer, this.deskTimer, this.watchTimer])
      if (timer !== null) this.deps.clearTimer(timer);
    this.dailyTimer = this.probeTimer = this.deskTimer = this.watchTimer = null;
  }

  /**
   * "Đồng bộ": a run now, or the full one already going. A desk's light run
   * under way is waited for, then a full run follows: the clerk asked for
   * everything, from now, with its progress shown.
   */
  syncNow(): Promise<SyncResultView> {
    if (this.running && this.runningLight) {
      const after = () => this.trigger('manual', false);
      return this.running.then(after, after);
    }
    return this.trigger('manual', false);
  }

  /** After the configured hour changed. */
  reschedule(): void {
    if (this.dailyTimer !== null) this.deps.clearTimer(this.dailyTimer);
    this.armDaily();
  }

  /** Milliseconds from `now` to the next configured hour (today's if still ahead). */
  static untilNext(now: Date, schedule: SyncScheduleView): number {
    const next = new Date(now);
    next.setHours(schedule.hour, schedule.minute, 0, 0);
    if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
    return next.getTime() - now.getTime();
  }

  private trigger(trigger: Trigger, light: boolean): Promise<SyncResultView> {
    if (this.running) return this.running;
    this.runningLight = light;
    this.deskChangeSeen = this.deps.deskActivity?.().lastDeskChange ?? 0;
    this.running = this.deps
      .run(trigger, light)
      .then((result) => {
        this.afterRun(result);
        return result;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private afterRun(result: SyncResultView): void {
    if (this.stopped) return;
    this.unreachable = result.error?.code === 'SYNC_OFFLINE' || result.error?.code === 'SYNC_HUB_ERROR';
    if (this.unreachable) this.armProbe(this.probeDelay);
    else this.probeDelay = this.deps.firstProbeMs ?? FIRST_PROBE_MS;
    this.deskFailures = result.error === null ? 0 : this.deskFailures + 1;
    // The next light run counts from the end of this one, whatever started it.
    if (this.deskTimer !== null) this.deps.clearTimer(this.deskTimer);
    this.deskTimer = null;
    this.armDesk();
  }

  private armDaily(): void {
    if (this.stopped) return;
    this.dailyTimer = this.deps.setTimer(
      () => {
        this.dailyTimer = null;
        void this.trigger('schedule', false);
        this.armDaily();
      },
      SyncScheduler.untilNext(this.deps.now(), this.deps.schedule()),
    );
  }

  private armProbe(delay: number): void {
    if (this.stopped || this.probeTimer !== null) return;
    this.probeTimer = this.deps.setTimer(() => {
      this.probeTimer = null;
      void this.deps.probe().then((up) => {
        if (this.stopped) return;
        if (up) {
          this.probeDelay = this.deps.firstProbeMs ?? FIRST_PROBE_MS;
          void this.trigger('line-up', false);
        } else {
          this.probeDelay = Math.min(this.deps.maxProbeMs ?? MAX_PROBE_MS, this.probeDelay * 2);
          this.armProbe(this.probeDelay);
        }
      });
    }, delay);
  }

  /** A desk's light runs and its watch for changes just made; nothing while the line is down (the probe waits for it). */
  private armDesk(): void {
    if (this.stopped || this.unreachable || !this.deps.deskMode?.()) return;
    if (this.deskTimer === null) {
      const interval = this.deps.deskIntervalMs?.() ?? DESK_INTERVAL_MS;
      const delay = Math.min(MAX_DESK_BACKOFF_MS, interval * 2 ** Math.min(this.deskFailures, 10));
      this.deskTimer = this.deps.setTimer(() => {
        this.deskTimer = null;
        void this.trigger('schedule', true);
      }, delay);
    }
    if (this.watchTimer === null) this.armWatch();
  }

  private armWatch(): void {
    this.watchTimer = this.deps.setTimer(() => {
      this.watchTimer = null;
      if (this.stopped || this.unreachable || !this.deps.deskMode?.()) return;
      if (this.running === null && this.deskFailures === 0 && this.deskChangeMade())
        void this.trigger('schedule', true);
      this.armWatch();
    }, this.deps.deskWatchMs ?? DESK_WATCH_MS);
  }

  /** A desk change recorded since the last run started, or a document written here since its push began. */
  private deskChangeMade(): boolean {
    const activity = this.deps.deskActivity?.();
    return activity !== undefined && (activity.lastDeskChange > this.deskChangeSeen || activity.dirty > 0);
  }
}
