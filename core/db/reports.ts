// Figures for the dashboard and the rows of a register printout. Dates are the
// register date (filed_on): arrival for incoming documents, issue for outgoing.
import type { Urgency } from '../../shared/domain.ts';
import { openDeadlineSql } from './deadline-sql.ts';
import { statement, type Db } from './connection.ts';

// Only what entered a register: incoming documents and issued outgoing ones, not drafts.
const IN_REGISTER = `((d.direction = 'incoming' AND d.state = 'registered') OR (d.direction = 'outgoing' AND d.state = 'issued'))`;

/** Received and sent per month (yyyy-mm) for register dates in [from, before). */
export function filedPerMonth(
  db: Db,
  from: string,
  before: string,
): { month: string; received: number; sent: number }[] {
  return statement(
    db,
    `SELECT substr(d.filed_on, 1, 7) AS month,
            COUNT(*) FILTER (WHERE d.direction = 'incoming') AS received,
            COUNT(*) FILTER (WHERE d.direction = 'outgoing') AS sent
       FROM documents d
      WHERE d.filed_on >= ? AND d.filed_on < ? AND ${IN_REGISTER}
      GROUP BY month`,
  ).all(from, before) as { month: string; received: number; sent: number }[];
}

export function filedPerUrgency(db: Db, from: string, before: string): { urgency: Urgency; count: number }[] {
  return statement(
    db,
    `SELECT d.urgency AS urgency, COUNT(*) AS count FROM documents d
      WHERE d.filed_on >= ? AND d.filed_on < ? AND ${IN_REGISTER}
      GROUP BY d.urgency`,
  ).all(from, before) as { urgency: Urgency; count: number }[];
}

/** Open documents in a register (not drafts) whose deadline falls in [from, before). */
export function countOverdue(db: Db, from: string, before: string): number {
  return (
    statement(
      db,
      `SELECT COUNT(*) AS count FROM (SELECT ${openDeadlineSql('d')} AS due FROM documents d WHERE ${IN_REGISTER})
        WHERE due >= ? AND due < ?`,
    ).get(from, before) as {
      count: number;
    }
  ).count;
}

/**
 * Outgoing documents issued in [from, before): how many, how many carry a
 * digital signature this office made, and how many were queued for the hub
 * (a document.issue change, which only documents addressed to an agency code
 * get) and not refused by it.
 */
export function issuedDelivery(
  db: Db,
  from: string,
  before: string,
): { issued: number; signed: number; electronic: number } {
  return statement(
    db,
    `SELECT COUNT(*) AS issued,
            COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM signatures s WHERE s.document_id = d.id)) AS signed,
            COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM changes c WHERE c.document_id = d.id AND c.op = 'document.issue' AND c.state != 'rejected')
                               AND EXISTS (SELECT 1 FROM recipients r WHERE r.document_id = d.id AND r.agency_code IS NOT NULL)) AS electronic
       FROM documents d
      WHERE d.direction = 'outgoing' AND d.state = 'issued' AND d.filed_on >= ? AND d.filed_on < ?`,
  ).get(from, before) as { issued: number; signed: number; electronic: number };
}

/** One line of a printed register: every Decree 30 column of both registers. */
export interface RegisterLineRow {
  registerNumber: number;
  registerYear: number;
  arrivedOn: string | null;
  issuedOn: string | null;
  notation: string | null;
  issuerName: string | null;
  docType: string;
  subject: string;
  recipientUnit: string | null;
  handedOn: string | null;
  handedReceipt: string | null;
  signerName: string | null;
  recipients: string | null;
  archiveUnit: string | null;
  copies: number | null;
  notes: string | null;
}

// The lines whose register date falls in the period, by that date alone: an entry whose
// ngày đến was corrected into another year keeps its number and register year
// (core/documents/edit.ts) and is printed in the period its date now falls in.
const IN_PERIOD = `d.register_id = @registerId AND d.filed_on >= @from AND d.filed_on <= @to`;

function periodParams(registerId: string, from: string, to: string) {
  return { registerId, from, to };
}

/** Register ids are those of 0001-initial.sql: 'incoming', 'outgoing' and their secret series. */
export function countRegisterLines(db: Db, registerId: string, from: string, to: string): number {
  return (
    statement(db, `SELECT COUNT(*) AS count FROM documents d WHERE ${IN_PERIOD}`).get(
      periodParams(registerId, from, to),
    ) as { count: number }
  ).count;
}

/** The register's lines with register dates in [from, to], in the order they were numbered. */
export function registerLines(db: Db, registerId: string, from: string, to: string): RegisterLineRow[] {
  return statement(
    db,
    `SELECT d.register_number AS registerNumber, d.register_year AS registerYear, d.arrived_on AS arrivedOn, d.issued_on AS issuedOn, d.notation AS notation,
            d.issuer_name AS issuerName, d.doc_type AS docType, d.subject AS subject, d.recipient_unit AS recipientUnit,
            d.handed_on AS handedOn, d.handed_receipt AS handedReceipt, d.signer_name AS signerName,
            (SELECT group_concat(COALESCE(r.name, a.name, r.agency_code), '; ' ORDER BY r.position)
               FROM recipients r LEFT JOIN agencies a ON a.code = r.agency_code
              WHERE r.document_id = d.id) AS recipients,
            d.archive_unit AS archiveUnit, d.copies AS copies, d.notes AS notes
       FROM documents d
      WHERE ${IN_PERIOD}
      ORDER BY d.register_year, d.register_number`,
  ).all(periodParams(registerId, from, to)) as RegisterLineRow[];
}
