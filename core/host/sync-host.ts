// The sync scheduler, hosted for as long as the app runs, and the one place a
// sync run starts from: the scheduler's daily hour, the line coming back, a
// desk's light runs, or a caller's `sync.run`. Runs never overlap, and each
// one is announced as a `sync.state` event when it starts and when it ends
// (the tray follows them). A desk's light run, every few seconds, is
// announced only when it ends having moved something or failed: the badge
// does not blink four times a minute for nothing.
import type { ValidInput } from '../../shared/api.ts';
import type { AppEvent } from '../../shared/bridge.ts';
import { toErrorValue } from '../../shared/errors.ts';
import type { SyncResultView } from '../../shared/sync.ts';
import { call } from '../api.ts';
import type { Core } from '../context.ts';
import { translateSqliteError } from '../db/connection.ts';
import { deskActivity } from '../db/desk.ts';
import { getDevice, pendingChanges } from '../db/sync.ts';
import { emptyRun, quiet } from '../sync/run-view.ts';
import { probeHub } from '../sync/line-probe.ts';
import { DESK_INTERVAL_MS, SyncScheduler } from '../sync/scheduler.ts';
import { deskIntervalMs, syncSchedule } from '../sync/status.ts';
import { logFailure } from './log.ts';

type Trigger = ValidInput<'sync.run'>['trigger'];

export interface HostedSync {
  /** A caller's `sync.run`: joins the run already going, if any. Rejects as the handler does. */
  run(input: ValidInput<'sync.run'>): Promise<SyncResultView>;
  /** Starts the scheduler once the office is connected to a hub (at open, or after `sync.connect`). */
  startIfConnected(): void;
  /** After `sync.configure` moved the daily hour. */
  reschedule(): void;
  /** Stops the scheduler; resolves when the run in flight, if any, has ended. */
  stop(): Promise<void>;
}

export function hostSync(core: Core, emit: (event: AppEvent) => void): HostedSync {
  let current: Promise<SyncResultView> | null = null;

  const runOnce = (input: ValidInput<'sync.run'>): Promise<SyncResultView> => {
    current ??= announced(input.trigger, () => call(core, 'sync.run', input)).finally(() => {
      current = null;
    });
    return current;
  };

  const lightRun = (): Promise<SyncResultView> => {
    current ??= (async () => {
      // Loaded on first use, as the API table loads sync: the HTTP client and pdf.js come with it.
      const { runSync } = await import('../sync/engine.ts');
      let result: SyncResultView;
      try {
        result = await runSync(core, { trigger: 'schedule' }, { light: true });
      } catch (error) {
        throw translateSqliteError(error, core.dataDir);
      }
      if (!quiet(result))
        emit({ type: 'sync.state', running: false, trigger: 'schedule', ok: result.outcome !== 'failed' });
      return result;
    })().finally(() => {
      current = null;
    });
    return current;
  };

  const announced = async (trigger: Trigger, run: () => Promise<SyncResultView>): Promise<SyncResultView> => {
    emit({ type: 'sync.state', running: true, trigger, ok: null });
    let ok = false;
    try {
      const result = await run();
      ok = result.outcome !== 'failed';
      return result;
    } finally {
      emit({ type: 'sync.state', running: false, trigger, ok });
    }
  };

  const scheduler = new SyncScheduler({
    // The scheduler's own runs have no caller to report to: a refusal (another
    // sync in a terminal, say) becomes a failed run, logged, never a crash.
    run: (trigger, light) =>
      trigger === 'manual'
        ? runOnce({ trigger })
        : (light ? lightRun() : runOnce({ trigger })).catch((error: unknown) => {
            const value = toErrorValue(error);
            // A sync in a terminal holds the lock for a while: a desk's next light run simply comes later.
            if (!(light && value.code === 'SYNC_BUSY')) logFailure(`sync (${trigger})`, value, error);
            return emptyRun('', 'failed', value);
          }),
    schedule: () => syncSchedule(core),
    probe: async () => {
      const device = getDevice(core.db);
      return device ? probeHub(device.hubUrl) : false;
    },
    hasPendingWork: () => pendingChanges(core.db).length > 0,
    deskMode: () => getDevice(core.db)?.deskSync ?? false,
    deskActivity: () => deskActivity(core.db),
    deskIntervalMs: () => deskIntervalMs(core) ?? DESK_INTERVAL_MS,
    now: () => core.now(),
    // The host's transport keeps the process alive; a timer never should on its own.
    setTimer: (callback, ms) => setTimeout(callback, ms).unref(),
    clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });
  let scheduled = false;

  return {
    run: (input) => (scheduled && input.trigger === 'manual' ? scheduler.syncNow() : runOnce(input)),
    startIfConnected: () => {
      if (scheduled || !getDevice(core.db)) return;
      scheduled = true;
      scheduler.start();
    },
    reschedule: () => {
      if (scheduled) scheduler.reschedule();
    },
    stop: async () => {
      scheduled = false;
      scheduler.stop();
      await current?.catch(() => undefined);
    },
  };
}
