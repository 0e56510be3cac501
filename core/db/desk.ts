// The tables of 0008-desks.sql that carry one agency's work between its
// desktops: what changed here and must go, the clock of each register entry,
// officials as the hub shares them, and what came from other desks.
import type { PersonRecord } from '../../shared/sync-protocol.ts';
import type { AttachmentRow } from './attachments.ts';
import { statement, type Db } from './connection.ts';
import type { HandlingEventRow } from './handling.ts';

/** Documents written here (entry, recipients or files) since they last became a desk change. */
export function dirtyDocuments(db: Db): string[] {
  return (
    statement(db, 'SELECT k.document_id AS id FROM desk_dirty k JOIN documents d ON d.id = k.document_id').all() as {
      id: string;
    }[]
  ).map((row) => row.id);
}

export function clearDeskDirty(db: Db, documentId: string): void {
  statement(db, 'DELETE FROM desk_dirty WHERE document_id = ?').run(documentId);
}

/**
 * Documents named by a pending handling event whose entry the hub does not
 * hold and that no pending change will carry there: an entry made before the
 * desks synced, say. The event would wait for it forever.
 */
export function documentsEventsWaitFor(db: Db): string[] {
  return (
    statement(
      db,
      `SELECT DISTINCT c.document_id AS id FROM changes c JOIN documents d ON d.id = c.document_id
        WHERE c.op = 'desk.event' AND c.state = 'pending'
          AND NOT EXISTS (SELECT 1 FROM desk_clocks k WHERE k.document_id = c.document_id AND k.on_hub = 1)
          AND NOT EXISTS (SELECT 1 FROM changes p WHERE p.document_id = c.document_id AND p.op = 'desk.document'
                                                   AND p.state = 'pending')`,
    ).all() as { id: string }[]
  ).map((row) => row.id);
}

/** A desk.document change for the document that has not been sent yet: it will say what the entry is then. */
export function hasUnsentDeskDocument(db: Db, documentId: string): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM changes WHERE document_id = ? AND op = 'desk.document' AND state = 'pending' AND payload IS NULL`,
    ).get(documentId) !== undefined
  );
}

/** Whether the document's entry is still on its way to the hub, so its handling events must follow it. */
export function deskDocumentAwaited(db: Db, documentId: string): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM changes c WHERE c.document_id = ? AND c.op = 'desk.document' AND c.state = 'pending'
          AND NOT EXISTS (SELECT 1 FROM desk_clocks k WHERE k.document_id = c.document_id AND k.on_hub = 1)`,
    ).get(documentId) !== undefined
  );
}

export function deskClock(db: Db, documentId: string): string | undefined {
  const row = statement(db, 'SELECT hlc FROM desk_clocks WHERE document_id = ?').get(documentId) as
    { hlc: string } | undefined;
  return row?.hlc;
}

/** The entry's clock now; `onHub` once the hub is known to hold an entry of the document (it never forgets one). */
export function setDeskClock(db: Db, documentId: string, hlc: string, onHub: boolean): void {
  statement(
    db,
    `INSERT INTO desk_clocks (document_id, hlc, on_hub) VALUES (?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET hlc = excluded.hlc, on_hub = MAX(on_hub, excluded.on_hub)`,
  ).run(documentId, hlc, onHub ? 1 : 0);
}

export function markDeskDocumentOnHub(db: Db, documentId: string): void {
  statement(db, 'UPDATE desk_clocks SET on_hub = 1 WHERE document_id = ?').run(documentId);
}

/** The bytes an attachment pointed to before its current ones, if it was ever replaced. */
export function previousVersion(db: Db, attachmentId: string): { sha256: string; size: number } | undefined {
  return statement(
    db,
    `SELECT v.sha256, b.size FROM attachment_versions v JOIN blobs b ON b.sha256 = v.sha256
      WHERE v.attachment_id = ? ORDER BY v.version DESC LIMIT 1`,
  ).get(attachmentId) as { sha256: string; size: number } | undefined;
}

export function blobExtends(db: Db, sha256: string, baseSha256: string): boolean | undefined {
  const row = statement(db, 'SELECT extends FROM desk_blob_extends WHERE sha256 = ? AND base_sha256 = ?').get(
    sha256,
    baseSha256,
  ) as { extends: number } | undefined;
  return row === undefined ? undefined : row.extends === 1;
}

export function setBlobExtends(db: Db, sha256: string, baseSha256: string, extendsBase: boolean): void {
  statement(db, 'INSERT OR REPLACE INTO desk_blob_extends (sha256, base_sha256, extends) VALUES (?, ?, ?)').run(
    sha256,
    baseSha256,
    extendsBase ? 1 : 0,
  );
}

/** Whether the store has a record (and so the bytes) of this blob. */
export function blobKnown(db: Db, sha256: string): boolean {
  return statement(db, 'SELECT 1 FROM blobs WHERE sha256 = ?').get(sha256) !== undefined;
}

/**
 * An official as the hub shares them, when newer (by HLC) than the record
 * here. The password stays as it is: it never leaves a desk. A null `hlc`
 * (the enrollment's own copy) only fills a record not yet shared.
 */
export function upsertPersonRecord(db: Db, person: PersonRecord, hlc: string | null, at: string): boolean {
  return (
    statement(
      db,
      `INSERT INTO people (id, name, title, unit, role, active, password_hash, created_at, updated_at, hlc)
       VALUES (@id, @name, @title, @unit, @role, @active, NULL, @at, @at, @hlc)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, title = excluded.title, unit = excluded.unit,
         role = excluded.role, active = excluded.active, updated_at = excluded.updated_at, hlc = excluded.hlc
       WHERE people.hlc IS NULL OR people.hlc < excluded.hlc`,
    ).run({ ...person, active: person.active ? 1 : 0, hlc, at }).changes === 1
  );
}

/**
 * Someone an event names before their record has arrived: an inactive entry
 * with no clock, so the record, whenever it comes, replaces it.
 */
export function insertPlaceholderPerson(db: Db, id: string, name: string, at: string): void {
  statement(
    db,
    `INSERT INTO people (id, name, title, unit, role, active, password_hash, created_at, updated_at, hlc)
     VALUES (?, ?, NULL, NULL, 'officer', 0, NULL, ?, ?, NULL)
     ON CONFLICT (id) DO NOTHING`,
  ).run(id, name, at, at);
}

/** False when the event was stored before (a page pulled twice, or the event this desk made). */
export function insertHandlingEventIfNew(db: Db, row: HandlingEventRow): boolean {
  return (
    statement(
      db,
      `INSERT INTO handling_events (id, document_id, kind, person_id, at, hlc, detail)
       VALUES (@id, @documentId, @kind, @personId, @at, @hlc, @detail)
       ON CONFLICT (id) DO NOTHING`,
    ).run(row).changes === 1
  );
}

export function keepWaitingEvent(db: Db, id: string, documentId: string, event: string): void {
  statement(
    db,
    'INSERT INTO desk_waiting_events (id, document_id, event) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
  ).run(id, documentId, event);
}

/** The events that waited for this document, removed from the waiting room. */
export function takeWaitingEvents(db: Db, documentId: string): string[] {
  const rows = statement(db, 'SELECT event FROM desk_waiting_events WHERE document_id = ? ORDER BY id').all(
    documentId,
  ) as { event: string }[];
  statement(db, 'DELETE FROM desk_waiting_events WHERE document_id = ?').run(documentId);
  return rows.map((row) => row.event);
}

/** The document holding a register number, if any. */
export function registerSlotHolder(
  db: Db,
  slot: { registerId: string; registerYear: number; registerNumber: number },
): string | undefined {
  const row = statement(
    db,
    'SELECT id FROM documents WHERE register_id = @registerId AND register_year = @registerYear AND register_number = @registerNumber',
  ).get(slot) as { id: string } | undefined;
  return row?.id;
}

/**
 * Moves a document's files out of the positions a desk entry may give them
 * (positions are unique per document), before they are set one by one.
 */
export function parkAttachmentPositions(db: Db, documentId: string): void {
  statement(db, 'UPDATE attachments SET position = -1 - position WHERE document_id = ?').run(documentId);
}

export function insertDeskAttachment(db: Db, row: AttachmentRow): void {
  statement(
    db,
    `INSERT INTO attachments (id, document_id, role, position, filename, mime, sha256, size, created_at)
     VALUES (@id, @documentId, @role, @position, @filename, @mime, @sha256, @size, @createdAt)`,
  ).run(row);
}

export function placeAttachment(
  db: Db,
  row: Pick<AttachmentRow, 'id' | 'role' | 'position' | 'filename' | 'mime'>,
): void {
  statement(
    db,
    'UPDATE attachments SET role = @role, position = @position, filename = @filename, mime = @mime WHERE id = @id',
  ).run(row);
}

/**
 * What tells the scheduler a desk change was made: the newest desk change in
 * the log (priority -1: events and officials), and how many documents wait to
 * become one.
 */
export function deskActivity(db: Db): { lastDeskChange: number; dirty: number } {
  return statement(
    db,
    `SELECT (SELECT COALESCE(MAX(seq), 0) FROM changes WHERE priority = -1) AS lastDeskChange,
            (SELECT COUNT(*) FROM desk_dirty) AS dirty`,
  ).get() as { lastDeskChange: number; dirty: number };
}
