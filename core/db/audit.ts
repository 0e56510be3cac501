import { statement, type Db } from './connection.ts';

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  detail: string;
  prevHash: string;
  hash: string;
  /** The official who acted; null before the agency had officials, or with none at the desk. */
  personId: string | null;
}

const AUDIT_SELECT =
  'seq, at, actor, action, entity, entity_id AS entityId, detail, prev_hash AS prevHash, hash, person_id AS personId';

export function lastAuditRow(db: Db): AuditRow | undefined {
  return statement(db, `SELECT ${AUDIT_SELECT} FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as AuditRow | undefined;
}

export function insertAuditRow(db: Db, row: AuditRow): void {
  statement(
    db,
    `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, person_id)
     VALUES (@seq, @at, @actor, @action, @entity, @entityId, @detail, @prevHash, @hash, @personId)`,
  ).run(row);
}

/** Every row in chain order, streamed so a long log never sits in memory. */
export function iterateAuditRows(db: Db): IterableIterator<AuditRow> {
  return statement(db, `SELECT ${AUDIT_SELECT} FROM audit_log ORDER BY seq`).iterate() as IterableIterator<AuditRow>;
}

export function auditRowsFor(db: Db, entityId: string): AuditRow[] {
  return statement(db, `SELECT ${AUDIT_SELECT} FROM audit_log WHERE entity_id = ? ORDER BY seq`).all(
    entityId,
  ) as AuditRow[];
}
