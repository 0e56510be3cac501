import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeHub } from '../../core/sync/line-probe.ts';
import { SyncScheduler, type SchedulerDeps } from '../../core/sync/scheduler.ts';
import type { SyncResultView } from '../../shared/sync.ts';

function result(error: SyncResultView['error'] = null): SyncResultView {
  return {
    runId: 'r',
    outcome: error ? 'failed' : 'ok',
    sent: [],
    received: [],
    statuses: 0,
    updates: 0,
    desk: { documents: 0, events: 0, people: 0 },
    rejected: [],
    waiting: 0,
    bytesUp: 0,
    bytesDown: 0,
    clockOffsetMs: 0,
    seconds: 0,
    error,
  };
}

const offline = { code: 'SYNC_OFFLINE' as const, message: 'offline' };
const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function listen(port = 0): Promise<net.Server & { port: number }> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.destroy());
    servers.push(server);
    server.listen(port, '127.0.0.1', () =>
      resolve(Object.assign(server, { port: (server.address() as net.AddressInfo).port })),
    );
  });
}

describe('sync scheduler', () => {
  it('computes the next configured hour in local time, today or tomorrow', () => {
    const now = new Date(2026, 10, 27, 10, 0, 0);
    expect(SyncScheduler.untilNext(now, { hour: 16, minute: 30 })).toBe(6.5 * 3600_000);
    expect(SyncScheduler.untilNext(now, { hour: 9, minute: 0 })).toBe(23 * 3600_000);
    expect(SyncScheduler.untilNext(now, { hour: 10, minute: 0 })).toBe(24 * 3600_000);
  });

  it('runs at the hour, re-arms for the next day, and never overlaps runs', async () => {
    const timers: { callback: () => void; ms: number }[] = [];
    const triggers: string[] = [];
    let release!: () => void;
    const deps: SchedulerDeps = {
      run: (trigger) => {
        triggers.push(trigger);
        return new Promise((resolve) => (release = () => resolve(result())));
      },
      schedule: () => ({ hour: 16, minute: 30 }),
      probe: () => Promise.resolve(true),
      hasPendingWork: () => false,
      now: () => new Date(2026, 10, 27, 16, 0, 0),
      setTimer: (callback, ms) => timers.push({ callback, ms }),
      clearTimer: () => undefined,
    };
    const scheduler = new SyncScheduler(deps);
    scheduler.start();
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(30 * 60_000);
    timers[0]!.callback();
    expect(triggers).toEqual(['schedule']);
    expect(timers).toHaveLength(2);
    // "Đồng bộ" pressed while the scheduled run is going: the same run, not a second one.
    const manual = scheduler.syncNow();
    expect(triggers).toEqual(['schedule']);
    release();
    await manual;
    const next = scheduler.syncNow();
    expect(triggers).toEqual(['schedule', 'manual']);
    release();
    await next;
    scheduler.stop();
  });

  it('after a run that found no line, probes the real port and runs as soon as the hub answers', async () => {
    const placeholder = await listen();
    const port = placeholder.port;
    await new Promise<void>((resolve) => placeholder.close(() => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const triggers: string[] = [];
    let hubUp = false;
    const ran = new Promise<void>((resolve) => {
      const scheduler = new SyncScheduler({
        run: (trigger) => {
          triggers.push(trigger);
          if (trigger === 'line-up') {
            scheduler.stop();
            resolve();
          }
          return Promise.resolve(hubUp ? result() : result(offline));
        },
        schedule: () => ({ hour: 16, minute: 30 }),
        probe: () => probeHub(url, 1000),
        hasPendingWork: () => true,
        now: () => new Date(),
        setTimer: (callback, ms) => setTimeout(callback, ms),
        clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
        firstProbeMs: 50,
        maxProbeMs: 200,
      });
      scheduler.start();
      void scheduler.syncNow();
    });
    // The line stays down for a while: probes fail and back off, no run is started.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(triggers).toEqual(['manual']);
    hubUp = true;
    await listen(port);
    await ran;
    expect(triggers).toEqual(['manual', 'line-up']);
  });

  it('on a desk, runs light every interval and soon after a desk change, one run at a time, and waits out a dead line', async () => {
    const timers = new Map<number, { callback: () => void; ms: number }>();
    let next = 0;
    const fire = (ms: number) => {
      const due = [...timers.entries()].filter(([, timer]) => timer.ms === ms);
      expect(due).toHaveLength(1);
      timers.delete(due[0]![0]);
      due[0]![1].callback();
    };
    const runs: { trigger: string; light: boolean }[] = [];
    let finish!: (result: SyncResultView) => void;
    const activity = { lastDeskChange: 0, dirty: 0 };
    const scheduler = new SyncScheduler({
      run: (trigger, light) => {
        runs.push({ trigger, light });
        return new Promise((resolve) => (finish = resolve));
      },
      schedule: () => ({ hour: 16, minute: 30 }),
      probe: () => new Promise(() => undefined),
      hasPendingWork: () => false,
      now: () => new Date(2026, 10, 27, 9, 0, 0),
      setTimer: (callback, ms) => {
        timers.set(++next, { callback, ms });
        return next;
      },
      clearTimer: (handle) => timers.delete(handle as number),
      firstProbeMs: 30_000,
      deskMode: () => true,
      deskActivity: () => activity,
      deskIntervalMs: () => 15_000,
    });
    scheduler.start();
    expect([...timers.values()].map((t) => t.ms).sort((a, b) => a - b)).toEqual([2_000, 15_000, 7.5 * 3600_000]);

    // Nothing made here: the watch looks and waits.
    fire(2_000);
    expect(runs).toEqual([]);
    // An assignment recorded: a light run within the watch's two seconds.
    activity.lastDeskChange = 41;
    fire(2_000);
    expect(runs).toEqual([{ trigger: 'schedule', light: true }]);
    // The interval comes round while it runs: the same run, not a second.
    fire(15_000);
    fire(2_000);
    expect(runs).toHaveLength(1);
    finish(result());
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Seen by that run: no run for it again; the next light run counts from the end of this one.
    fire(2_000);
    expect(runs).toHaveLength(1);
    fire(15_000);
    expect(runs).toEqual([
      { trigger: 'schedule', light: true },
      { trigger: 'schedule', light: true },
    ]);

    // The line is down: no light runs and no watch until the probe finds it again.
    finish(result(offline));
    await new Promise((resolve) => setTimeout(resolve, 0));
    activity.dirty = 1;
    fire(2_000);
    expect([...timers.values()].map((t) => t.ms).sort((a, b) => a - b)).toEqual([30_000, 7.5 * 3600_000]);
    expect(runs).toHaveLength(2);
    scheduler.stop();
    expect(timers.size).toBe(0);
  });

  it('on a desk, "Đồng bộ" during a light run waits for it, then makes a full run of its own', async () => {
    const runs: { trigger: string; light: boolean }[] = [];
    const finishes: ((result: SyncResultView) => void)[] = [];
    const timers = new Map<number, { callback: () => void; ms: number }>();
    let next = 0;
    const scheduler = new SyncScheduler({
      run: (trigger, light) => {
        runs.push({ trigger, light });
        return new Promise((resolve) => finishes.push(resolve));
      },
      schedule: () => ({ hour: 16, minute: 30 }),
      probe: () => new Promise(() => undefined),
      hasPendingWork: () => false,
      now: () => new Date(2026, 10, 27, 9, 0, 0),
      setTimer: (callback, ms) => {
        timers.set(++next, { callback, ms });
        return next;
      },
      clearTimer: (handle) => timers.delete(handle as number),
      deskMode: () => true,
      deskActivity: () => ({ lastDeskChange: 0, dirty: 0 }),
      deskIntervalMs: () => 15_000,
    });
    scheduler.start();
    const interval = [...timers.entries()].find(([, timer]) => timer.ms === 15_000)!;
    timers.delete(interval[0]);
    interval[1].callback();
    expect(runs).toEqual([{ trigger: 'schedule', light: true }]);

    // Two clicks while the light run goes: one full run after it, both clicks answered by it.
    const first = scheduler.syncNow();
    const second = scheduler.syncNow();
    finishes[0]!(result());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toEqual([
      { trigger: 'schedule', light: true },
      { trigger: 'manual', light: false },
    ]);
    const full = { ...result(), runId: 'full' };
    finishes[1]!(full);
    expect(await first).toBe(full);
    expect(await second).toBe(full);
    scheduler.stop();
  });
});
