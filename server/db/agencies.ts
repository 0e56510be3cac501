// Agencies (the directory) and the per-agency feed counter.
import { json, type Queryable } from './database.ts';

export interface Agency {
  code: string;
  name: string;
  parentCode: string | null;
}

const AGENCY_COLUMNS = 'code, name, parent_code AS "parentCode"';

export async function insertAgency(q: Queryable, agency: Agency): Promise<'inserted' | 'exists' | 'parent-unknown'> {
  if (agency.parentCode !== null && !(await getAgency(q, agency.parentCode))) return 'parent-unknown';
  const rows = await q.query(
    'INSERT INTO agencies (code, name, parent_code) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code',
    [agency.code, agency.name, agency.parentCode],
  );
  return rows.length === 1 ? 'inserted' : 'exists';
}

export function listAgencies(q: Queryable): Promise<Agency[]> {
  return q.query<Agency>(`SELECT ${AGENCY_COLUMNS} FROM agencies ORDER BY code`);
}

export async function getAgency(q: Queryable, code: string): Promise<Agency | null> {
  const [row] = await q.query<Agency>(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE code = $1`, [code]);
  return row ?? null;
}

/** Locks the agency's row until commit (enrollment decides who holds the register under it). */
export async function lockAgency(q: Queryable, code: string): Promise<void> {
  await q.query('SELECT code FROM agencies WHERE code = $1 FOR UPDATE', [code]);
}

/** The codes among `codes` that are in the directory. */
export async function knownAgencyCodes(q: Queryable, codes: readonly string[]): Promise<Set<string>> {
  const rows = await q.query<{ code: string }>(
    'SELECT code FROM agencies WHERE code IN (SELECT jsonb_array_elements_text($1::jsonb))',
    [json(codes)],
  );
  return new Set(rows.map((row) => row.code));
}

/**
 * Hands out the agency's next feed seq and keeps its row locked until commit.
 * A transaction writing several feeds must call this in sorted code order, so
 * two of them never wait on each other.
 */
export async function nextFeedSeq(q: Queryable, code: string): Promise<number> {
  const [row] = await q.query<{ seq: number }>(
    'UPDATE agencies SET feed_seq = feed_seq + 1 WHERE code = $1 RETURNING feed_seq AS seq',
    [code],
  );
  if (!row) throw new Error(`agency ${code} vanished while writing its feed`);
  return row.seq;
}
