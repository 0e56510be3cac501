import { statement, type Db } from './connection.ts';
import type { HandlingEventKind, HandlingState, TaskRole } from '../../shared/handling.ts';

export interface HandlingEventRow {
  id: string;
  documentId: string;
  kind: HandlingEventKind;
  personId: string;
  at: string;
  hlc: string;
  /** JSON, by kind. */
  detail: string;
}

export interface HandlingRow {
  documentId: string;
  state: HandlingState;
  mainPersonId: string | null;
  dueOn: string | null;
  assignedOn: string | null;
  completedOn: string | null;
  updatedHlc: string;
}

export interface PartyRow {
  personId: string;
  role: TaskRole;
}

export function insertHandlingEvent(db: Db, row: HandlingEventRow): void {
  statement(
    db,
    `INSERT INTO handling_events (id, document_id, kind, person_id, at, hlc, detail)
     VALUES (@id, @documentId, @kind, @personId, @at, @hlc, @detail)`,
  ).run(row);
}

export function listHandlingEvents(db: Db, documentId: string): HandlingEventRow[] {
  return statement(
    db,
    `SELECT id, document_id AS documentId, kind, person_id AS personId, at, hlc, detail
     FROM handling_events WHERE document_id = ? ORDER BY hlc, id`,
  ).all(documentId) as HandlingEventRow[];
}

export function getHandling(db: Db, documentId: string): HandlingRow | undefined {
  return statement(
    db,
    `SELECT document_id AS documentId, state, main_person_id AS mainPersonId, due_on AS dueOn,
       assigned_on AS assignedOn, completed_on AS completedOn, updated_hlc AS updatedHlc
     FROM handling WHERE document_id = ?`,
  ).get(documentId) as HandlingRow | undefined;
}

/** Replaces the derived rows of one document: its state and the officials it concerns now. */
export function putHandling(db: Db, row: HandlingRow, parties: PartyRow[]): void {
  statement(
    db,
    `INSERT INTO handling (document_id, state, main_person_id, due_on, assigned_on, completed_on, updated_hlc)
     VALUES (@documentId, @state, @mainPersonId, @dueOn, @assignedOn, @completedOn, @updatedHlc)
     ON CONFLICT (document_id) DO UPDATE SET state = excluded.state, main_person_id = excluded.main_person_id,
       due_on = excluded.due_on, assigned_on = excluded.assigned_on, completed_on = excluded.completed_on,
       updated_hlc = excluded.updated_hlc`,
  ).run(row);
  statement(db, 'DELETE FROM handling_parties WHERE document_id = ?').run(row.documentId);
  const insert = statement(
    db,
    'INSERT OR IGNORE INTO handling_parties (document_id, person_id, role) VALUES (?, ?, ?)',
  );
  for (const party of parties) insert.run(row.documentId, party.personId, party.role);
}

/** The officials a document concerns as stored, in a fixed order. */
export function listParties(db: Db, documentId: string): PartyRow[] {
  return statement(
    db,
    'SELECT person_id AS personId, role FROM handling_parties WHERE document_id = ? ORDER BY role, person_id',
  ).all(documentId) as PartyRow[];
}

/** Every document with a handling event. */
export function documentsWithHandling(db: Db): string[] {
  return (statement(db, 'SELECT DISTINCT document_id AS id FROM handling_events').all() as { id: string }[]).map(
    (row) => row.id,
  );
}

export interface TaskRow {
  documentId: string;
  role: TaskRole;
  state: HandlingState;
  dueOn: string | null;
  direction: 'incoming' | 'outgoing';
  subject: string;
  notation: string | null;
  registerNumber: number | null;
  urgency: string;
  updatedHlc: string;
}

/** Everything that concerns one official now, newest movement first. */
export function listTasks(db: Db, personId: string): TaskRow[] {
  return statement(
    db,
    `SELECT p.document_id AS documentId, p.role, h.state, h.due_on AS dueOn, d.direction, d.subject,
       d.notation, d.register_number AS registerNumber, d.urgency, h.updated_hlc AS updatedHlc
     FROM handling_parties p
     JOIN handling h ON h.document_id = p.document_id
     JOIN documents d ON d.id = p.document_id
     WHERE p.person_id = ?
     ORDER BY h.updated_hlc DESC`,
  ).all(personId) as TaskRow[];
}

/** Whether a leader has put a personal signature on the document's main file. */
export function hasPersonalSignature(db: Db, documentId: string): boolean {
  return (
    statement(db, "SELECT 1 FROM signatures WHERE document_id = ? AND kind = 'personal' LIMIT 1").get(documentId) !==
    undefined
  );
}
