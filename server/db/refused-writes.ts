// Writes the hub refused because a desk acted outside its official: kept for the province's audit.
import type { Queryable } from './database.ts';

export interface RefusedWrite {
  agency: string;
  device: string;
  devicePerson: string | null;
  claimedPerson: string | null;
  changeId: string | null;
  reason: string;
}

export async function insertRefusedWrite(q: Queryable, write: RefusedWrite): Promise<void> {
  await q.query(
    `INSERT INTO refused_writes (agency, device, device_person, claimed_person, change_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [write.agency, write.device, write.devicePerson, write.claimedPerson, write.changeId, write.reason],
  );
}

export function listRefusedWrites(q: Queryable, agency: string | null): Promise<(RefusedWrite & { at: Date })[]> {
  return q.query(
    `SELECT agency, device, device_person AS "devicePerson", claimed_person AS "claimedPerson",
       change_id AS "changeId", reason, at
     FROM refused_writes WHERE $1::text IS NULL OR agency = $1 ORDER BY id`,
    [agency],
  );
}
