// The rows behind the handling report: incoming documents by the day they were
// first assigned, with their main handler as the derived `handling` table has
// them now (0007-handling.sql).
import { statement, type Db } from './connection.ts';

export interface HandledDocumentRow {
  documentId: string;
  registerNumber: number | null;
  registerYear: number | null;
  notation: string | null;
  subject: string;
  issuerName: string | null;
  dueOn: string | null;
  completedOn: string | null;
  personId: string;
  personName: string;
  personTitle: string | null;
  personUnit: string | null;
}

/** Incoming documents first assigned in [from, to], with their current main handler, in register order. */
export function documentsAssignedIn(db: Db, from: string, to: string): HandledDocumentRow[] {
  return statement(
    db,
    `SELECT d.id AS documentId, d.register_number AS registerNumber, d.register_year AS registerYear,
            d.notation AS notation, d.subject AS subject, d.issuer_name AS issuerName,
            h.due_on AS dueOn, h.completed_on AS completedOn,
            p.id AS personId, p.name AS personName, p.title AS personTitle, p.unit AS personUnit
       FROM handling h
       JOIN documents d ON d.id = h.document_id
       JOIN people p ON p.id = h.main_person_id
      WHERE d.direction = 'incoming' AND h.assigned_on >= ? AND h.assigned_on <= ?
      ORDER BY d.register_year, d.register_number, d.id`,
  ).all(from, to) as HandledDocumentRow[];
}
