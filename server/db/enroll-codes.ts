// One-time enrollment codes, kept as their SHA-256 only.
import type { Queryable } from './database.ts';

export async function insertEnrollCode(
  q: Queryable,
  codeHash: string,
  agency: string,
  validDays: number,
): Promise<Date> {
  const [row] = await q.query<{ expiresAt: Date }>(
    'INSERT INTO enroll_codes (code_hash, agency, expires_at) VALUES ($1, $2, now() + make_interval(days => $3)) RETURNING expires_at AS "expiresAt"',
    [codeHash, agency, validDays],
  );
  return row!.expiresAt;
}

/** Spends the code for `deviceId`; null when it is unknown, used or expired. Two racing devices: one wins. */
export async function spendEnrollCode(q: Queryable, codeHash: string, deviceId: string): Promise<string | null> {
  const [row] = await q.query<{ agency: string }>(
    'UPDATE enroll_codes SET used_at = now(), used_by = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING agency',
    [codeHash, deviceId],
  );
  return row?.agency ?? null;
}
