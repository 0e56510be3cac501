// The sync tables of 0003-sync.sql (and 0008-desks.sql's columns of sync_device).
import type { SyncRunView } from '../../shared/sync.ts';
import type { Change } from '../../shared/sync-protocol.ts';
import { statement, type Db } from './connection.ts';

export interface DeviceRow {
  hubUrl: string;
  deviceId: string;
  credential: string;
  agencyCode: string;
  holdsRegister: boolean;
  expiresAt: string;
  enrolledAt: string;
  pullCursor: number;
  clockOffsetMs: number;
  /** The official this desktop is enrolled for; null for an agency-wide device. */
  personId: string | null;
  /** Whether this device sends its desk changes (the hub's `deskSync`). */
  deskSync: boolean;
}

export function getDevice(db: Db): DeviceRow | undefined {
  const row = statement(
    db,
    `SELECT hub_url AS hubUrl, device_id AS deviceId, credential, agency_code AS agencyCode, holds_register AS holdsRegister,
            expires_at AS expiresAt, enrolled_at AS enrolledAt, pull_cursor AS pullCursor, clock_offset_ms AS clockOffsetMs,
            person_id AS personId, desk_sync AS deskSync
       FROM sync_device WHERE id = 1`,
  ).get() as (Omit<DeviceRow, 'holdsRegister' | 'deskSync'> & { holdsRegister: number; deskSync: number }) | undefined;
  return row ? { ...row, holdsRegister: row.holdsRegister === 1, deskSync: row.deskSync === 1 } : undefined;
}

/** A new enrollment replaces the old one and starts its feed from the beginning. */
/** Without an official, an agency-wide device, which sends desk changes once the hub says the agency has desks. */
export function saveDevice(
  db: Db,
  device: Omit<DeviceRow, 'pullCursor' | 'personId' | 'deskSync'> & Partial<Pick<DeviceRow, 'personId' | 'deskSync'>>,
): void {
  statement(
    db,
    `INSERT INTO sync_device (id, hub_url, device_id, credential, agency_code, holds_register, expires_at, enrolled_at, pull_cursor,
       clock_offset_ms, person_id, desk_sync)
     VALUES (1, @hubUrl, @deviceId, @credential, @agencyCode, @holdsRegister, @expiresAt, @enrolledAt, 0, @clockOffsetMs, @personId, @deskSync)
     ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, device_id = excluded.device_id, credential = excluded.credential,
       agency_code = excluded.agency_code, holds_register = excluded.holds_register, expires_at = excluded.expires_at,
       enrolled_at = excluded.enrolled_at, pull_cursor = 0, clock_offset_ms = excluded.clock_offset_ms,
       person_id = excluded.person_id, desk_sync = excluded.desk_sync`,
  ).run({ personId: null, ...device, holdsRegister: device.holdsRegister ? 1 : 0, deskSync: device.deskSync ? 1 : 0 });
}

/** What the hub's last pull reply said: whether the agency's desks share their work through it. */
export function setDeskSync(db: Db, on: boolean): void {
  statement(db, 'UPDATE sync_device SET desk_sync = ? WHERE id = 1').run(on ? 1 : 0);
}

export function setPullCursor(db: Db, cursor: number): void {
  statement(db, 'UPDATE sync_device SET pull_cursor = MAX(pull_cursor, ?) WHERE id = 1').run(cursor);
}

export function setClockOffset(db: Db, offsetMs: number): void {
  statement(db, 'UPDATE sync_device SET clock_offset_ms = ? WHERE id = 1').run(offsetMs);
}

export type ChangeOp = Change['op'];
export type ChangeState = 'pending' | 'sent' | 'rejected';

export interface ChangeRow {
  seq: number;
  id: string;
  hlc: string;
  op: ChangeOp;
  documentId: string;
  payload: string | null;
  priority: number;
  state: ChangeState;
  resultCode: string | null;
  resultMessage: string | null;
  createdAt: string;
  sentAt: string | null;
}

const CHANGE_SELECT = `seq, id, hlc, op, document_id AS documentId, payload, priority, state, result_code AS resultCode,
  result_message AS resultMessage, created_at AS createdAt, sent_at AS sentAt`;

export function insertChange(
  db: Db,
  change: Omit<ChangeRow, 'seq' | 'state' | 'resultCode' | 'resultMessage' | 'sentAt'>,
): void {
  statement(
    db,
    `INSERT INTO changes (id, hlc, op, document_id, payload, priority, created_at)
     VALUES (@id, @hlc, @op, @documentId, @payload, @priority, @createdAt)`,
  ).run(change);
}

/** The queue in wire order before sizes are known: most urgent first, then oldest. */
export function pendingChanges(db: Db): ChangeRow[] {
  return statement(
    db,
    `SELECT ${CHANGE_SELECT} FROM changes WHERE state = 'pending' ORDER BY priority, seq`,
  ).all() as ChangeRow[];
}

/** The operations for the agency's desks (the officials list, documents' entries, handling events). */
export const DESK_OPS: readonly ChangeOp[] = ['person.put', 'desk.document', 'desk.event'];
/**
 * Those that wait until the hub says the agency has desks: an agency on one PC never pays for
 * them. The officials list does not wait: the hub needs it to make a code for an official's PC.
 */
export const DESK_ONLY_OPS: readonly ChangeOp[] = ['desk.document', 'desk.event'];

/** Ids of pending changes more urgent than `priority`; desk changes only when they may be sent. */
export function pendingMoreUrgent(db: Db, priority: number, withDesk: boolean): string[] {
  return (
    statement(
      db,
      `SELECT id FROM changes WHERE state = 'pending' AND priority < ?
         AND (? OR op NOT IN (SELECT value FROM json_each(?)))`,
    ).all(priority, withDesk ? 1 : 0, JSON.stringify(DESK_ONLY_OPS)) as { id: string }[]
  ).map((row) => row.id);
}

/** How the queue names a document, and what its PDFs weigh. */
export function changeLabel(db: Db, documentId: string): { label: string; bytes: number } | undefined {
  return statement(
    db,
    `SELECT COALESCE(d.notation, substr(d.subject, 1, 80)) AS label,
            (SELECT COALESCE(SUM(a.size), 0) FROM attachments a WHERE a.document_id = d.id) AS bytes
       FROM documents d WHERE d.id = ?`,
  ).get(documentId) as { label: string; bytes: number } | undefined;
}

export function changesByState(db: Db, state: ChangeState, limit: number): ChangeRow[] {
  return statement(db, `SELECT ${CHANGE_SELECT} FROM changes WHERE state = ? ORDER BY seq DESC LIMIT ?`).all(
    state,
    limit,
  ) as ChangeRow[];
}

export function markChange(
  db: Db,
  id: string,
  state: ChangeState,
  code: string | null,
  message: string | null,
  at: string,
): void {
  statement(
    db,
    `UPDATE changes SET state = ?, result_code = ?, result_message = ?, sent_at = CASE WHEN ? = 'pending' THEN sent_at ELSE ? END
      WHERE id = ?`,
  ).run(state, code, message, state, at, id);
}

/** Fixes what a change says the first time it is sent, so a replay says exactly the same. */
export function setChangePayload(db: Db, id: string, payload: string): void {
  statement(db, 'UPDATE changes SET payload = ? WHERE id = ? AND payload IS NULL').run(payload, id);
}

export function hasPendingIssue(db: Db, documentId: string): boolean {
  return (
    statement(db, `SELECT 1 FROM changes WHERE document_id = ? AND op = 'document.issue' AND state = 'pending'`).get(
      documentId,
    ) !== undefined
  );
}

export function hasIssueChange(db: Db, documentId: string): boolean {
  return (
    statement(db, `SELECT 1 FROM changes WHERE document_id = ? AND op = 'document.issue' AND state != 'rejected'`).get(
      documentId,
    ) !== undefined
  );
}

export interface HubDocumentRow {
  documentId: string;
  senderCode: string;
}

export function getHubDocument(db: Db, documentId: string): HubDocumentRow | undefined {
  return statement(
    db,
    'SELECT document_id AS documentId, sender_code AS senderCode FROM hub_documents WHERE document_id = ?',
  ).get(documentId) as HubDocumentRow | undefined;
}

export function insertHubDocument(db: Db, row: HubDocumentRow & { feedSeq: number; receivedAt: string }): void {
  statement(db, 'INSERT INTO hub_documents (document_id, sender_code, feed_seq, received_at) VALUES (?, ?, ?, ?)').run(
    row.documentId,
    row.senderCode,
    row.feedSeq,
    row.receivedAt,
  );
}

export interface DeliveryStatusRow {
  feedSeq: number;
  documentId: string;
  agencyCode: string;
  agencyName: string;
  statusCode: string;
  description: string;
  at: string;
  receivedAt: string;
}

/** False when this feed item was stored before (a page pulled twice). */
export function insertDeliveryStatus(db: Db, row: DeliveryStatusRow): boolean {
  return (
    statement(
      db,
      `INSERT INTO delivery_statuses (feed_seq, document_id, agency_code, agency_name, status_code, description, at, received_at)
       VALUES (@feedSeq, @documentId, @agencyCode, @agencyName, @statusCode, @description, @at, @receivedAt)
       ON CONFLICT (feed_seq) DO NOTHING`,
    ).run(row).changes === 1
  );
}

export function deliveryStatuses(db: Db, documentId: string): DeliveryStatusRow[] {
  return statement(
    db,
    `SELECT feed_seq AS feedSeq, document_id AS documentId, agency_code AS agencyCode, agency_name AS agencyName,
            status_code AS statusCode, description, at, received_at AS receivedAt
       FROM delivery_statuses WHERE document_id = ? ORDER BY at, feed_seq`,
  ).all(documentId) as DeliveryStatusRow[];
}

export function fieldClock(db: Db, documentId: string, field: string): string | undefined {
  const row = statement(db, 'SELECT hlc FROM field_clocks WHERE document_id = ? AND field = ?').get(
    documentId,
    field,
  ) as { hlc: string } | undefined;
  return row?.hlc;
}

export function setFieldClock(db: Db, documentId: string, field: string, hlc: string): void {
  statement(
    db,
    `INSERT INTO field_clocks (document_id, field, hlc) VALUES (?, ?, ?)
     ON CONFLICT (document_id, field) DO UPDATE SET hlc = excluded.hlc`,
  ).run(documentId, field, hlc);
}

/** A row of sync_runs is exactly what the sync panel shows of a run. */
export type SyncRunRow = SyncRunView;

export function startSyncRun(db: Db, id: string, trigger: SyncRunRow['trigger'], at: string): void {
  // A run that never finished was killed with its process.
  statement(db, `UPDATE sync_runs SET outcome = 'interrupted', finished_at = ? WHERE finished_at IS NULL`).run(at);
  statement(db, 'INSERT INTO sync_runs (id, trigger, started_at) VALUES (?, ?, ?)').run(id, trigger, at);
}

/** A desk's frequent light run that moved nothing leaves no history row: the panel shows the runs that did something. */
export function discardSyncRun(db: Db, id: string): void {
  statement(db, 'DELETE FROM sync_runs WHERE id = ?').run(id);
}

export function finishSyncRun(db: Db, row: Omit<SyncRunRow, 'trigger' | 'startedAt'>): void {
  statement(
    db,
    `UPDATE sync_runs SET finished_at = @finishedAt, outcome = @outcome, sent = @sent, received = @received, rejected = @rejected,
       bytes_up = @bytesUp, bytes_down = @bytesDown, clock_offset_ms = @clockOffsetMs, error_code = @errorCode, error_detail = @errorDetail
     WHERE id = @id`,
  ).run(row);
}

export function recentSyncRuns(db: Db, limit: number): SyncRunRow[] {
  return statement(
    db,
    `SELECT id, trigger, started_at AS startedAt, finished_at AS finishedAt, outcome, sent, received, rejected,
            bytes_up AS bytesUp, bytes_down AS bytesDown, clock_offset_ms AS clockOffsetMs, error_code AS errorCode,
            error_detail AS errorDetail
       FROM sync_runs ORDER BY started_at DESC, rowid DESC LIMIT ?`,
  ).all(limit) as SyncRunRow[];
}

export function upsertAgency(
  db: Db,
  agency: { code: string; name: string; parentCode: string | null },
  at: string,
): void {
  statement(
    db,
    `INSERT INTO agencies (code, name, parent_code, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code, updated_at = excluded.updated_at
       WHERE agencies.name IS NOT excluded.name OR agencies.parent_code IS NOT excluded.parent_code`,
  ).run(agency.code, agency.name, agency.parentCode, at);
}
