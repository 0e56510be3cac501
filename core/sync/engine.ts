// One sync run: directory and clock, push, pull, push again (the statuses the
// pull produced), with its history row. The run is safe to kill at any point:
// the change log, the hub's offsets and the pull cursor say where to go on.
// A desk's light run (every few seconds, core/sync/scheduler.ts) is the same
// run without the directory, quiet unless it moves something.
import { emptyRun, quiet } from './run-view.ts';
import type { ValidInput } from '../../shared/api.ts';
import { toErrorValue } from '../../shared/errors.ts';
import type { SyncResultView } from '../../shared/sync.ts';
import { directoryReply } from '../../shared/sync-protocol.ts';
import type { Core } from '../context.ts';
import { writeTransaction } from '../db/connection.ts';
import { getSetting, putSetting } from '../db/signing.ts';
import {
  discardSyncRun,
  finishSyncRun,
  getDevice,
  setClockOffset,
  startSyncRun,
  upsertAgency,
  type DeviceRow,
} from '../db/sync.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../ids.ts';
import type { UploadContext } from './blob-upload.ts';
import { clockOffset } from './change-log.ts';
import { HubClient, HubError } from './hub-client.ts';
import { LineMeter } from './line-meter.ts';
import { pull } from './pull.ts';
import { push, type PushResult } from './push.ts';
import { toAppError, withRetry, type RetryPolicy } from './retry.ts';
import { acquireSyncLock } from './sync-lock.ts';

export interface SyncOptions {
  /** Tests shorten the waits between retries. */
  retry?: RetryPolicy;
  onRequest?: HubClient['onRequest'];
  /**
   * A desk's frequent run: the directory only when a day old (the pull's
   * hubTime keeps the clock), no phase events, and no history row unless
   * something moved or it failed.
   */
  light?: boolean;
}

const DIRECTORY_SETTING = 'sync.directoryAt';
const DIRECTORY_MAX_AGE_MS = 24 * 3600_000;

export async function runSync(
  core: Core,
  input: ValidInput<'sync.run'>,
  options: SyncOptions = {},
): Promise<SyncResultView> {
  const device = requireDevice(core);
  const release = acquireSyncLock(core.dataDir);
  const runId = newId(core.now().getTime());
  const started = performance.now();
  writeTransaction(core.db, () => startSyncRun(core.db, runId, input.trigger, core.now().toISOString()));
  const client = new HubClient(device.hubUrl, device.credential);
  client.onRequest = options.onRequest;
  const ctx: UploadContext = {
    core,
    client,
    agency: device.agencyCode,
    meter: new LineMeter(),
    ...(options.retry ? { retry: options.retry } : {}),
  };
  const view = emptyRun(runId, 'ok', null);
  const light = options.light ?? false;
  const phase = (name: 'directory' | 'push' | 'pull' | 'done') => {
    if (!light) core.emit({ type: 'sync.phase', phase: name });
  };
  try {
    phase('directory');
    if (!light || directoryAge(core) > DIRECTORY_MAX_AGE_MS) view.clockOffsetMs = await refreshDirectory(ctx);
    phase('push');
    // Whatever stops the push, what waits to come down still comes down, unless the line itself is gone.
    let pushError: Error | null = null;
    try {
      addPush(view, await pushWithProgress(ctx));
    } catch (error) {
      if (error instanceof HubError && error.failure.kind === 'network') throw error;
      pushError = error instanceof Error ? error : new Error(String(error));
    }
    phase('pull');
    const pulled = await pull(ctx, {
      holdsRegister: device.holdsRegister,
      onProgress: (p) =>
        core.emit({
          type: 'sync.progress',
          direction: 'down',
          ...p,
          overallDone: p.bytesDone,
          overallTotal: p.bytesTotal,
          etaSeconds: ctx.meter.eta(p.bytesTotal - p.bytesDone),
        }),
    });
    view.received = pulled.received;
    view.statuses = pulled.statuses;
    view.updates = pulled.updates;
    view.desk = pulled.desk;
    view.clockOffsetMs ??= pulled.clockOffsetMs;
    // What the pull produced (arrived / registered) goes back the same day, in the same run.
    phase('push');
    if (pushError === null) addPush(view, await pushWithProgress(ctx));
    if (pushError !== null) throw pushError;
    view.outcome = view.rejected.length > 0 || view.waiting > 0 ? 'partial' : 'ok';
  } catch (error) {
    const translated = toAppError(error);
    view.outcome = 'failed';
    view.error = toErrorValue(translated);
  } finally {
    client.close();
    view.bytesUp = client.traffic.bytesUp;
    view.bytesDown = client.traffic.bytesDown;
    view.seconds = Math.round(performance.now() - started) / 1000;
    writeTransaction(core.db, () => {
      if (light && quiet(view)) {
        discardSyncRun(core.db, runId);
        return;
      }
      finishSyncRun(core.db, {
        id: runId,
        finishedAt: core.now().toISOString(),
        outcome: view.outcome,
        sent: view.sent.length,
        received: view.received.length,
        rejected: view.rejected.length,
        bytesUp: view.bytesUp,
        bytesDown: view.bytesDown,
        clockOffsetMs: view.clockOffsetMs,
        errorCode: view.error?.code ?? null,
        errorDetail: view.error?.detail ?? null,
      });
    });
    release();
    phase('done');
  }
  return view;
}

function directoryAge(core: Core): number {
  const at = getSetting<string>(core.db, DIRECTORY_SETTING);
  return at === undefined ? Number.POSITIVE_INFINITY : core.now().getTime() - Date.parse(at);
}

export function requireDevice(core: Core): DeviceRow {
  const device = getDevice(core.db);
  if (!device) throw new AppError('SYNC_NOT_CONNECTED', 'no hub enrollment in this data dir');
  return device;
}

function pushWithProgress(ctx: UploadContext): Promise<PushResult> {
  return push(ctx, {
    onProgress: (p) =>
      ctx.core.emit({
        type: 'sync.progress',
        direction: 'up',
        documentId: p.documentId,
        label: p.label,
        bytesDone: p.bytesDone,
        bytesTotal: p.bytesTotal,
        overallDone: p.sentBytes,
        overallTotal: p.totalBytes,
        etaSeconds: ctx.meter.eta(p.totalBytes - p.sentBytes),
      }),
  });
}

function addPush(view: SyncResultView, result: PushResult): void {
  view.sent.push(...result.documents);
  view.rejected.push(...result.rejected);
  view.waiting = result.waiting;
}

/**
 * The agency directory (whom documents can be addressed to) and the hub's
 * clock. A PC clock that is off is recorded and corrected for, never refused.
 */
async function refreshDirectory(ctx: UploadContext): Promise<number> {
  const reply = await withRetry(() => ctx.client.json('GET', 'v1/directory', undefined, directoryReply), ctx.retry);
  const offset = clockOffset(ctx.core, reply.hubTime);
  const at = ctx.core.now().toISOString();
  writeTransaction(ctx.core.db, () => {
    for (const agency of reply.agencies) upsertAgency(ctx.core.db, agency, at);
    setClockOffset(ctx.core.db, offset);
    putSetting(ctx.core.db, DIRECTORY_SETTING, at, at);
  });
  return offset;
}
