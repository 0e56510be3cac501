// When sync runs by itself: at the configured hour every day, and as soon as
// the line comes back after a run that could not reach the hub. "Đồng bộ" in
// the UI asks for a run now. Runs never overlap.
import type { SyncResultView, SyncScheduleView } from '../../shared/sync.ts';

type Trigger = 'manual' | 'schedule' | 'line-up';

export interface SchedulerDeps {
  run(trigger: Trigger): Promise<SyncResultView>;
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
}

const FIRST_PROBE_MS = 30_000;
const MAX_PROBE_MS = 5 * 60_000;

export class SyncScheduler {
  private readonly deps: SchedulerDeps;
  private dailyTimer: unknown = null;
  private probeTimer: unknown = null;
  private probeDelay: number;
  private running: Promise<SyncResultView> | null = null;
  private stopped = true;

  constructor(deps: SchedulerDeps) {
    this.deps = deps;
    this.probeDelay = deps.firstProbeMs ?? FIRST_PROBE_MS;
  }

  start(): void {
    this.stopped = false;
    this.armDaily();
    // The PC may have been off at the hour, or the line down: catch up when it comes up.
    if (this.deps.hasPendingWork()) this.armProbe(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.dailyTimer !== null) this.deps.clearTimer(this.dailyTimer);
    if (this.probeTimer !== null) this.deps.clearTimer(this.probeTimer);
    this.dailyTimer = this.probeTimer = null;
  }

  /** "Đồng bộ": a run now, or the one already going. */
  syncNow(): Promise<SyncResultView> {
    return this.trigger('manual');
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

  private trigger(trigger: Trigger): Promise<SyncResultView> {
    if (this.running) return this.running;
    this.running = this.deps
      .run(trigger)
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
    const unreachable = result.error?.code === 'SYNC_OFFLINE' || result.error?.code === 'SYNC_HUB_ERROR';
    if (unreachable) this.armProbe(this.probeDelay);
    else this.probeDelay = this.deps.firstProbeMs ?? FIRST_PROBE_MS;
  }

  private armDaily(): void {
    if (this.stopped) return;
    this.dailyTimer = this.deps.setTimer(
      () => {
        this.dailyTimer = null;
        void this.trigger('schedule');
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
          void this.trigger('line-up');
        } else {
          this.probeDelay = Math.min(this.deps.maxProbeMs ?? MAX_PROBE_MS, this.probeDelay * 2);
          this.armProbe(this.probeDelay);
        }
      });
    }, delay);
  }
}
