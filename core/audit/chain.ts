import { createHash } from 'node:crypto';
import { insertAuditRow, iterateAuditRows, lastAuditRow, type AuditRow } from '../db/audit.ts';
import type { Db } from '../db/connection.ts';

const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actor: string;
  /** The official who acted, when one is at the desk. */
  person?: string | null;
  action: string;
  entity: 'document' | 'work-file' | 'office' | 'settings' | 'trust' | 'person';
  entityId: string;
  /** What changed, as data. Never a PIN, never document bytes. */
  detail: Record<string, unknown>;
}

/** Who acts: the computer account and the official at the desk, for every audit row. */
export function actedBy(core: { actor: string; session: { personId: string | null } }): {
  actor: string;
  person: string | null;
} {
  return { actor: core.actor, person: core.session.personId };
}

/**
 * SHA-256 over the previous hash and the row's own content, in a fixed order.
 * The official joins the content only when there is one, so rows written
 * before officials existed keep the hash they were written with.
 */
export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const fields: unknown[] = [row.seq, row.at, row.actor, row.action, row.entity, row.entityId, row.detail];
  if (row.personId !== null) fields.push(row.personId);
  const content = JSON.stringify(fields);
  return createHash('sha256').update(row.prevHash).update('\n').update(content).digest('hex');
}

/** Appends one row; call inside the transaction that makes the change it records. */
export function appendAudit(db: Db, event: AuditEvent, at: Date): AuditRow {
  if (!db.inTransaction) throw new Error('appendAudit must run inside the transaction of the change it records');
  const last = lastAuditRow(db);
  const partial = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor: event.actor,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    detail: JSON.stringify(event.detail),
    prevHash: last?.hash ?? GENESIS_HASH,
    personId: event.person ?? null,
  };
  const row = { ...partial, hash: auditHash(partial) };
  insertAuditRow(db, row);
  return row;
}

export type AuditBreak = 'hash-mismatch' | 'chain-broken' | 'sequence-gap';

export interface AuditVerdict {
  ok: boolean;
  /** Rows checked: all of them, or up to and including the first broken one. */
  rows: number;
  /** The seq of the first row that fails, or null. */
  firstBrokenRow: number | null;
  reason: AuditBreak | null;
}

/**
 * Walks the chain from the first row. A row whose content was edited fails its
 * own hash; a deleted or reordered row breaks the link or the sequence of the
 * next one.
 */
export function verifyAuditChain(db: Db): AuditVerdict {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (const row of iterateAuditRows(db)) {
    rows++;
    const reason: AuditBreak | null =
      row.seq !== expectedSeq
        ? 'sequence-gap'
        : row.prevHash !== previousHash
          ? 'chain-broken'
          : auditHash(row) !== row.hash
            ? 'hash-mismatch'
            : null;
    if (reason) return { ok: false, rows, firstBrokenRow: row.seq, reason };
    previousHash = row.hash;
    expectedSeq++;
  }
  return { ok: true, rows, firstBrokenRow: null, reason: null };
}
