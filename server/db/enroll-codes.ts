// One-time enrollment codes, kept as their SHA-256 only; a code may be bound to one official.
import type { Queryable } from './database.ts';

export async function insertEnrollCode(
  q: Queryable,
  code: { hash: string; agency: string; personId: string | null; validDays: number },
): Promise<Date> {
  const [row] = await q.query<{ expiresAt: Date }>(
    `INSERT INTO enroll_codes (code_hash, agency, person_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))
     RETURNING expires_at AS "expiresAt"`,
    [code.hash, code.agency, code.personId, code.validDays],
  );
  return row!.expiresAt;
}

/**
 * Spends the code for `deviceId`: the agency, and the official it was made
 * for (null: an agency-wide device). Null when it is unknown, used or
 * expired. Two racing devices: one wins.
 */
export async function spendEnrollCode(
  q: Queryable,
  codeHash: string,
  deviceId: string,
): Promise<{ agency: string; personId: string | null } | null> {
  const [row] = await q.query<{ agency: string; personId: string | null }>(
    `UPDATE enroll_codes SET used_at = now(), used_by = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
     RETURNING agency, person_id AS "personId"`,
    [codeHash, deviceId],
  );
  return row ?? null;
}
