// The officials of each agency, as its clerk's desk and the hub's admin keep
// them. A record is replaced only by one with a newer (hlc, device).
import type { PersonRecord } from '../../shared/sync-protocol.ts';
import { json, type Queryable } from './database.ts';

/** Stands in for the hub's admin (device NULL) when two writers share an HLC: any desk wins that tie. */
const ADMIN_DEVICE = '00000000-0000-0000-0000-000000000000';

export interface StoredPerson {
  record: PersonRecord;
  hlc: string;
}

/**
 * Keeps `record` if it is newer than the one held (last writer wins; the same
 * HLC: the greater device id). Returns whether it was kept. The upsert takes
 * the row lock, so two desks racing on one official are decided in turn.
 */
export async function putPerson(
  q: Queryable,
  agency: string,
  record: PersonRecord,
  hlc: string,
  device: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO people AS p (agency, id, record, role, hlc, device) VALUES ($1, $2, $3::jsonb, $4, $5, $6)
     ON CONFLICT (agency, id) DO UPDATE SET record = excluded.record, role = excluded.role, hlc = excluded.hlc, device = excluded.device
       WHERE (excluded.hlc, coalesce(excluded.device, $7::uuid)) > (p.hlc, coalesce(p.device, $7::uuid))
     RETURNING id`,
    [agency, record.id, json(record), record.role, hlc, device, ADMIN_DEVICE],
  );
  return rows.length === 1;
}

export async function getPerson(q: Queryable, agency: string, id: string): Promise<PersonRecord | null> {
  const [row] = await q.query<{ record: PersonRecord }>('SELECT record FROM people WHERE agency = $1 AND id = $2', [
    agency,
    id,
  ]);
  return row?.record ?? null;
}

export function listPeople(q: Queryable, agency: string): Promise<StoredPerson[]> {
  return q.query<StoredPerson>("SELECT record, hlc FROM people WHERE agency = $1 ORDER BY record->>'name', id", [
    agency,
  ]);
}

/** The agency's officials among `ids`, by id. */
export async function peopleOf(
  q: Queryable,
  agency: string,
  ids: readonly string[],
): Promise<Map<string, PersonRecord>> {
  const rows = await q.query<{ record: PersonRecord }>(
    'SELECT record FROM people WHERE agency = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb)::uuid)',
    [agency, json(ids)],
  );
  return new Map(rows.map((row) => [row.record.id, row.record]));
}

/** Those of `ids` that are officials of an agency other than `agency`: no desk of `agency` can know them. */
export async function peopleOfOtherAgencies(
  q: Queryable,
  agency: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT id FROM people WHERE agency <> $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb)::uuid)
       AND NOT EXISTS (SELECT 1 FROM people own WHERE own.agency = $1 AND own.id = people.id)`,
    [agency, json(ids)],
  );
  return new Set(rows.map((row) => row.id));
}

/** The agency's clerks and leaders the document does not name: they see it only while it is not secret. */
export async function clerksAndLeadersOutside(q: Queryable, agency: string, documentId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM people WHERE agency = $1 AND role IN ('clerk', 'leader')
       AND NOT EXISTS (SELECT 1 FROM desk_parties p WHERE p.agency = $1 AND p.document_id = $2 AND p.person_id = people.id)
     ORDER BY id`,
    [agency, documentId],
  );
  return rows.map((row) => row.id);
}
