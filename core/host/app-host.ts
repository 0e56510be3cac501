// The long-running app host: one Core for the life of the app, the handler
// table behind a single `call`, core's events fanned out to whoever listens
// (the Electron window, browser tabs), and the sync scheduler. Every transport
// (Electron's utility process, browser mode) wraps one of these; none of them
// adds logic of its own.
import { schemas, type HandlerName, type Outputs } from '../../shared/api.ts';
import type { AppEvent, CallResult } from '../../shared/bridge.ts';
import { AppError, toErrorValue } from '../../shared/errors.ts';
import { call } from '../api.ts';
import { openCore } from '../context.ts';
import { logFailure } from './log.ts';
import { hostReading, type HostedReading } from './reading-host.ts';
import { hostSync } from './sync-host.ts';

export interface AppHostOptions {
  dataDir: string;
  /** Who acts, for the audit log; the OS user by default. */
  actor?: string;
}

export interface AppHost {
  readonly dataDir: string;
  /** Never rejects: every failure comes back as an error value with a Vietnamese message. */
  call(name: string, input: unknown): Promise<CallResult<HandlerName>>;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** Stops the scheduler, lets calls in flight finish (a few seconds at most), closes the store. */
  close(): Promise<void>;
}

// Long enough for a signature or a database write to finish; a sync on a slow
// line is cut instead, which it is built to survive.
const CLOSE_GRACE_MS = 5000;

export function openAppHost(options: AppHostOptions): AppHost {
  const listeners = new Set<(event: AppEvent) => void>();
  const publish = (event: AppEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        logFailure(`event listener (${event.type})`, toErrorValue(error), error);
      }
    }
  };
  let reading: HostedReading | null = null;
  const core = openCore(options.dataDir, {
    ...(options.actor ? { actor: options.actor } : {}),
    onEvent: publish,
    readOwedInBackground: () => reading?.kick(),
  });
  const sync = hostSync(core, publish);
  sync.startIfConnected();
  reading = hostReading(core);
  reading.kick();
  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | null = null;

  const dispatch = async (name: HandlerName, input: unknown): Promise<Outputs[HandlerName]> => {
    if (name === 'sync.run') {
      // An invalid input falls through to the table, which explains what is wrong with it.
      const parsed = schemas['sync.run'].safeParse(input);
      if (parsed.success) return sync.run(parsed.data);
    }
    const output = await call(core, name, input as never);
    if (name === 'sync.connect') sync.startIfConnected();
    if (name === 'sync.configure') sync.reschedule();
    return output;
  };

  return {
    dataDir: core.dataDir,
    async call(name, input) {
      if (closing) return failure(String(name), new AppError('HOST_CLOSING'));
      // Names arrive from other processes: never let "constructor" reach a prototype.
      if (typeof name !== 'string' || !Object.hasOwn(schemas, name)) {
        return failure(
          'call',
          new AppError('INPUT_INVALID', `unknown handler ${JSON.stringify(String(name).slice(0, 80))}`),
        );
      }
      const task = dispatch(name as HandlerName, input);
      inFlight.add(task);
      try {
        return { ok: true, value: await task };
      } catch (error) {
        return failure(name, error);
      } finally {
        inFlight.delete(task);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        const grace = new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
        await Promise.race([Promise.allSettled([sync.stop(), reading.stop(), ...inFlight]), grace]);
        listeners.clear();
        core.close();
      })();
      return closing;
    },
  };
}

function failure(what: string, error: unknown): CallResult<HandlerName> {
  const value = toErrorValue(error);
  logFailure(what, value, error);
  return { ok: false, error: value };
}
