// The registers as the desktop UI pages through them: a count, a window of
// seqs in register order read from the index alone, then the rows of that
// window with their recipients and counts in one query.
import type { RegisterRowView } from '../../shared/api.ts';
import type { Urgency } from '../../shared/domain.ts';
import { statement, type Db } from './connection.ts';
import { openDeadlineSql } from './deadline-sql.ts';

export type RegisterListView = 'incoming' | 'outgoing' | 'drafts';

export interface RegisterListFilters {
  view: RegisterListView;
  /** The register's year; for drafts, the year they were made. */
  year?: number | undefined;
  docType?: string | undefined;
  urgency?: Urgency | undefined;
  /** Inclusive bounds on the register date (yyyy-mm-dd). */
  filedFrom?: string | undefined;
  filedTo?: string | undefined;
  /** Open documents whose due date is before this day are overdue. */
  overdueOn?: string | undefined;
  /** Handling: its state ('registered' also matches documents with no handling yet), main handler, deadline. */
  handlingState?: string | undefined;
  mainHandler?: string | undefined;
  handlingDueBy?: string | undefined;
  /** An FTS5 query over the folded index (core/documents/search.ts builds it): only entries it matches. */
  match?: string | undefined;
}

// Each view is an equality on the leading columns of its index (0004-register-order.sql),
// and its order is that index read backwards: no sort, however deep the page.
const views: Record<RegisterListView, { where: string; order: string }> = {
  incoming: {
    where: `d.direction = 'incoming' AND d.state = 'registered'`,
    order: 'd.register_year DESC, d.register_number DESC, d.seq DESC',
  },
  outgoing: {
    where: `d.direction = 'outgoing' AND d.state = 'issued'`,
    order: 'd.register_year DESC, d.register_number DESC, d.seq DESC',
  },
  // A draft keeps the seq it was made with until it is issued, so seq is the order drafts were made in;
  // its register columns are NULL, which lets the same index serve.
  drafts: {
    where: `d.direction = 'outgoing' AND d.state = 'draft' AND d.register_year IS NULL AND d.register_number IS NULL`,
    order: 'd.seq DESC',
  },
};

function whereClause(filters: RegisterListFilters): { sql: string; params: Record<string, string | number> } {
  const clauses = [views[filters.view].where];
  const params: Record<string, string | number> = {};
  const add = (clause: string, name: string, value: string | number | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    params[name] = value;
  };
  if (filters.year !== undefined) {
    if (filters.view === 'drafts') {
      add('d.filed_on >= @yearStart', 'yearStart', `${filters.year}-01-01`);
      add('d.filed_on < @yearEnd', 'yearEnd', `${filters.year + 1}-01-01`);
    } else {
      add('d.register_year = @year', 'year', filters.year);
    }
  }
  add('d.doc_type = @docType', 'docType', filters.docType);
  add('d.urgency = @urgency', 'urgency', filters.urgency);
  add('d.filed_on >= @filedFrom', 'filedFrom', filters.filedFrom);
  add('d.filed_on <= @filedTo', 'filedTo', filters.filedTo);
  add(`${openDeadlineSql('d')} < @overdueOn`, 'overdueOn', filters.overdueOn);
  if (filters.handlingState === 'registered' || filters.handlingState === 'drafting')
    add(
      '(NOT EXISTS (SELECT 1 FROM handling h WHERE h.document_id = d.id) OR d.id IN (SELECT h.document_id FROM handling h WHERE h.state = @handlingState))',
      'handlingState',
      filters.handlingState,
    );
  else
    add(
      'd.id IN (SELECT h.document_id FROM handling h WHERE h.state = @handlingState)',
      'handlingState',
      filters.handlingState,
    );
  add(
    'd.id IN (SELECT h.document_id FROM handling h WHERE h.main_person_id = @mainHandler)',
    'mainHandler',
    filters.mainHandler,
  );
  add(
    "d.id IN (SELECT h.document_id FROM handling h WHERE h.due_on <= @handlingDueBy AND h.state != 'completed')",
    'handlingDueBy',
    filters.handlingDueBy,
  );
  // The matches are a set of seqs the register index is probed against: the view keeps its order and its count.
  add('d.seq IN (SELECT f.rowid FROM documents_fts f WHERE documents_fts MATCH @match)', 'match', filters.match);
  return { sql: clauses.join(' AND '), params };
}

/**
 * The years that hold entries of a view, newest first: the register year for
 * the registers, the year a draft was made for the drafts. Read from the
 * register index alone (both columns are in it), never the table.
 */
export function registerYears(db: Db, view: RegisterListView): number[] {
  const year = view === 'drafts' ? 'CAST(substr(d.filed_on, 1, 4) AS INTEGER)' : 'd.register_year';
  return (
    statement(
      db,
      `SELECT DISTINCT ${year} AS year FROM documents d WHERE ${views[view].where} ORDER BY year DESC`,
    ).all() as {
      year: number;
    }[]
  ).map((row) => row.year);
}

export function countRegisterEntries(db: Db, filters: RegisterListFilters): number {
  const { sql, params } = whereClause(filters);
  return (statement(db, `SELECT COUNT(*) AS total FROM documents d WHERE ${sql}`).get(params) as { total: number })
    .total;
}

/** The query that pages a view; exported so a test can read its plan. */
export function registerPageSql(filters: RegisterListFilters): {
  sql: string;
  params: Record<string, string | number>;
} {
  const { sql, params } = whereClause(filters);
  return {
    sql: `SELECT d.seq AS seq FROM documents d WHERE ${sql} ORDER BY ${views[filters.view].order} LIMIT @limit OFFSET @offset`,
    params,
  };
}

export function registerPageSeqs(db: Db, filters: RegisterListFilters, limit: number, offset: number): number[] {
  const { sql, params } = registerPageSql(filters);
  return (statement(db, sql).all({ ...params, limit, offset }) as { seq: number }[]).map((row) => row.seq);
}

/** A register line as stored: the view's fields, with the type key as the column holds it. */
export type RegisterEntryRow = Omit<RegisterRowView, 'type' | 'typeName' | 'overdue'> & {
  seq: number;
  docType: string;
};

// The signatures in the main file: all of them as the last verification of its
// current bytes found them (the sender's included), else those this office made.
const ENTRY_SQL = `
  SELECT d.seq AS seq, d.id AS id, d.direction AS direction, d.state AS state,
         d.register_number AS registerNumber, d.register_year AS registerYear, d.arrived_on AS arrivedOn,
         d.filed_on AS filedOn, d.notation AS notation, d.issued_on AS issuedOn, d.issuer_name AS issuerName,
         d.doc_type AS docType, d.subject AS subject, d.urgency AS urgency, d.secrecy AS secrecy,
         d.due_on AS dueOn, d.completed_on AS completedOn, d.recipient_unit AS recipientUnit,
         d.signer_name AS signerName, d.handed_on AS handedOn, d.copies AS copies, d.archive_unit AS archiveUnit, d.notes AS notes,
         (SELECT group_concat(COALESCE(r.name, a.name, r.agency_code), '; ' ORDER BY r.position)
            FROM recipients r LEFT JOIN agencies a ON a.code = r.agency_code
           WHERE r.document_id = d.id) AS recipients,
         (SELECT COUNT(*) FROM attachments x WHERE x.document_id = d.id) AS attachmentCount,
         h.state AS handlingState, p.name AS mainHandler, h.due_on AS handlingDueOn,
         COALESCE((SELECT COALESCE(
                     (SELECT json_array_length(c.verdicts) FROM signature_checks c WHERE c.attachment_id = m.id AND c.sha256 = m.sha256),
                     (SELECT COUNT(*) FROM signatures s WHERE s.attachment_id = m.id))
                     FROM attachments m WHERE m.document_id = d.id AND m.role = 'main'), 0) AS signatureCount
    FROM documents d
    LEFT JOIN handling h ON h.document_id = d.id
    LEFT JOIN people p ON p.id = h.main_person_id`;

/** The rows of a window, in the order of the seqs given. */
export function registerEntries(db: Db, seqs: readonly number[]): RegisterEntryRow[] {
  if (seqs.length === 0) return [];
  const rows = statement(db, `${ENTRY_SQL} WHERE d.seq IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(seqs),
  ) as RegisterEntryRow[];
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  return seqs.map((seq) => bySeq.get(seq)).filter((row): row is RegisterEntryRow => row !== undefined);
}

export interface DuplicateCandidateRow {
  id: string;
  registerNumber: number | null;
  registerYear: number | null;
  arrivedOn: string | null;
  subject: string;
}

/** Registered documents under any of these dedupe keys, oldest first. */
export function documentsByDedupeKeys(db: Db, keys: readonly string[]): DuplicateCandidateRow[] {
  if (keys.length === 0) return [];
  return statement(
    db,
    `SELECT d.id AS id, d.register_number AS registerNumber, d.register_year AS registerYear, d.arrived_on AS arrivedOn, d.subject AS subject
       FROM documents d WHERE d.dedupe_key IN (SELECT value FROM json_each(?)) ORDER BY d.seq`,
  ).all(JSON.stringify(keys)) as DuplicateCandidateRow[];
}
