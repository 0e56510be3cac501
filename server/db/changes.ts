// The record of every change id a device pushed, with its outcome: the hub's idempotency.
import type { Queryable } from './database.ts';

export interface StoredOutcome {
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
}

/**
 * Claims the change id for this agency. Null when the claim is new (apply the
 * change now); the earlier outcome when it was seen before. A concurrent copy
 * waits on the key until the first commits or rolls back.
 */
export async function claimChangeId(
  q: Queryable,
  agency: string,
  id: string,
  device: string,
): Promise<StoredOutcome | null> {
  const inserted = await q.query(
    "INSERT INTO applied_changes (agency, id, device, status) VALUES ($1, $2, $3, 'pending') ON CONFLICT DO NOTHING RETURNING id",
    [agency, id, device],
  );
  if (inserted.length === 1) return null;
  const [row] = await q.query<StoredOutcome>(
    'SELECT status, code, message FROM applied_changes WHERE agency = $1 AND id = $2',
    [agency, id],
  );
  return row!;
}

export async function recordOutcome(q: Queryable, agency: string, id: string, outcome: StoredOutcome): Promise<void> {
  await q.query('UPDATE applied_changes SET status = $3, code = $4, message = $5 WHERE agency = $1 AND id = $2', [
    agency,
    id,
    outcome.status,
    outcome.code,
    outcome.message,
  ]);
}
