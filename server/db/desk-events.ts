// Handling events, appended once each and never changed.
import type { DeskEvent } from '../../shared/sync-protocol.ts';
import { json, type Queryable } from './database.ts';

/** Stores the event; false when its id was stored before (it is never overwritten). */
export async function insertDeskEvent(
  q: Queryable,
  agency: string,
  event: DeskEvent,
  device: string,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO desk_events (agency, id, document_id, person_id, event, hlc, device) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
     ON CONFLICT (agency, id) DO NOTHING RETURNING id`,
    [agency, event.id, event.documentId, event.personId, json(event), event.hlc, device],
  );
  return rows.length === 1;
}

/** The document's events in HLC order, but the one named `except`. */
export async function deskEventsOf(
  q: Queryable,
  agency: string,
  documentId: string,
  except: string | null,
): Promise<DeskEvent[]> {
  const rows = await q.query<{ event: DeskEvent }>(
    `SELECT event FROM desk_events WHERE agency = $1 AND document_id = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)
     ORDER BY hlc, id`,
    [agency, documentId, except],
  );
  return rows.map((row) => row.event);
}
