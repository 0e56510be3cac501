// The sync panel's view: enrollment, the queue in wire order, what was set
// aside and why, the schedule, and the last runs.
import type { ValidInput } from '../../shared/api.ts';
import type { SyncQueueItemView, SyncScheduleView, SyncStatusView } from '../../shared/sync.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction } from '../db/connection.ts';
import { getSetting, putSetting } from '../db/signing.ts';
import { changeLabel, changesByState, getDevice, pendingChanges, recentSyncRuns, type ChangeRow } from '../db/sync.ts';

const SCHEDULE_SETTING = 'sync.schedule';
/** Half past four: the day's documents are issued, the office is still open. */
const DEFAULT_SCHEDULE: SyncScheduleView = { hour: 16, minute: 30 };

export function syncSchedule(core: Core): SyncScheduleView {
  return getSetting<SyncScheduleView>(core.db, SCHEDULE_SETTING) ?? DEFAULT_SCHEDULE;
}

/** Seconds between a desk's light runs; the scheduler's default (15 s) unless set. */
const DESK_INTERVAL_SETTING = 'sync.deskIntervalSeconds';

export function deskIntervalMs(core: Core): number | undefined {
  const seconds = getSetting<number>(core.db, DESK_INTERVAL_SETTING);
  return typeof seconds === 'number' && seconds >= 1 ? seconds * 1000 : undefined;
}

export function configureSync(core: Core, input: ValidInput<'sync.configure'>): SyncScheduleView {
  const now = core.now();
  writeTransaction(core.db, () => {
    putSetting(core.db, SCHEDULE_SETTING, input, now.toISOString());
    appendAudit(
      core.db,
      { ...actedBy(core), action: 'sync.configure', entity: 'settings', entityId: 'sync', detail: input },
      now,
    );
  });
  return input;
}

export function syncStatus(core: Core): SyncStatusView {
  const device = getDevice(core.db);
  return {
    connected: device !== undefined,
    hubUrl: device?.hubUrl ?? null,
    agencyCode: device?.agencyCode ?? null,
    deviceId: device?.deviceId ?? null,
    holdsRegister: device?.holdsRegister ?? true,
    deskSync: device?.deskSync ?? false,
    expiresAt: device?.expiresAt ?? null,
    schedule: syncSchedule(core),
    queue: pendingChanges(core.db).map((row) => queueItem(core, row)),
    rejected: changesByState(core.db, 'rejected', 100).map((row) => queueItem(core, row)),
    runs: recentSyncRuns(core.db, 20),
  };
}

function queueItem(core: Core, row: ChangeRow): SyncQueueItemView {
  const facts = row.op === 'person.put' ? undefined : changeLabel(core.db, row.documentId);
  const person = row.op === 'person.put' ? (JSON.parse(row.payload ?? '{}') as { person?: { name?: string } }) : null;
  return {
    changeId: row.id,
    documentId: row.documentId,
    label: facts?.label ?? person?.person?.name ?? row.documentId,
    op: row.op,
    priority: row.priority,
    bytes: row.op === 'document.issue' || row.op === 'desk.document' ? (facts?.bytes ?? 0) : 0,
    state: row.state,
    code: row.resultCode,
    message: row.resultMessage,
  };
}
