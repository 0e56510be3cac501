import type { Direction, Urgency } from '../../shared/domain.ts';
import { openDeadlineSql } from './deadline-sql.ts';
import { statement, type Db } from './connection.ts';

/** Folded text of one document as the index holds it; the rowid is documents.seq. */
export interface SearchEntry {
  seq: number;
  subject: string;
  code: string;
  issuer: string;
  body: string;
}

export function writeSearchEntry(db: Db, entry: SearchEntry): void {
  removeSearchEntry(db, entry.seq);
  statement(
    db,
    'INSERT INTO documents_fts (rowid, subject, code, issuer, body) VALUES (@seq, @subject, @code, @issuer, @body)',
  ).run(entry);
}

export function removeSearchEntry(db: Db, seq: number): void {
  statement(db, 'DELETE FROM documents_fts WHERE rowid = ?').run(seq);
}

export interface SearchFilters {
  direction?: Direction | undefined;
  docType?: string | undefined;
  urgency?: Urgency | undefined;
  /** Inclusive lower bound on the register date (yyyy-mm-dd). */
  filedFrom?: string | undefined;
  /** Exclusive upper bound on the register date (yyyy-mm-dd). */
  filedBefore?: string | undefined;
  /** Open documents whose due date is before this day are overdue. */
  overdueOn?: string | undefined;
}

/** SQL conditions on the documents table aliased `d`. */
function filterClauses(filters: SearchFilters, d = 'd'): { clauses: string[]; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  const add = (clause: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    params[name] = value;
  };
  add(`${d}.direction = @direction`, 'direction', filters.direction);
  add(`${d}.doc_type = @docType`, 'docType', filters.docType);
  add(`${d}.urgency = @urgency`, 'urgency', filters.urgency);
  add(`${d}.filed_on >= @filedFrom`, 'filedFrom', filters.filedFrom);
  add(`${d}.filed_on < @filedBefore`, 'filedBefore', filters.filedBefore);
  add(`${openDeadlineSql(d)} < @overdueOn`, 'overdueOn', filters.overdueOn);
  return { clauses, params };
}

/**
 * Newest first (filing order), by filters alone or among the matches of an
 * FTS5 query. Walking the doclists by rowid stops as soon as the page is
 * full, so even a word found in most documents costs well under a millisecond.
 */
export function seqsByFilingOrder(
  db: Db,
  match: string | null,
  filters: SearchFilters,
  limit: number,
  offset: number,
): number[] {
  const { clauses, params } = filterClauses(filters);
  const sql =
    match === null
      ? `SELECT d.seq AS seq FROM documents d ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
          ORDER BY d.seq DESC LIMIT @limit OFFSET @offset`
      : `SELECT f.rowid AS seq FROM documents_fts f JOIN documents d ON d.seq = f.rowid
          WHERE documents_fts MATCH @match ${clauses.map((c) => `AND ${c}`).join(' ')}
          ORDER BY f.rowid DESC LIMIT @limit OFFSET @offset`;
  const rows = statement(db, sql).all({ ...params, match, limit, offset }) as { seq: number }[];
  return rows.map((row) => row.seq);
}

/** The folded subjects the index holds for some documents. */
export function indexedSubjects(db: Db, seqs: readonly number[]): Map<number, string> {
  const rows = statement(
    db,
    'SELECT rowid AS seq, subject FROM documents_fts WHERE rowid IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(seqs)) as { seq: number; subject: string }[];
  return new Map(rows.map((row) => [row.seq, row.subject]));
}
