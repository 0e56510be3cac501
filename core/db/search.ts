import type { Direction, Urgency } from '../../shared/domain.ts';
import { statement, type Db } from './connection.ts';

/** Folded text of one document as the index holds it. */
export interface SearchEntry {
  seq: number;
  subject: string;
  code: string;
  issuer: string;
  body: string;
}

export function writeSearchEntry(db: Db, entry: SearchEntry): void {
  statement(db, 'DELETE FROM documents_fts WHERE rowid = ?').run(entry.seq);
  statement(
    db,
    'INSERT INTO documents_fts (rowid, subject, code, issuer, body) VALUES (@seq, @subject, @code, @issuer, @body)',
  ).run(entry);
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

export interface SearchPage {
  /** An FTS5 query over the folded columns, or null to list by filters alone. */
  match: string | null;
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
}

/** documents.seq of one page of results, best first. */
export function searchDocumentSeqs(db: Db, page: SearchPage): number[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: page.limit, offset: page.offset };
  const { filters } = page;
  if (filters.direction) {
    where.push('d.direction = @direction');
    params.direction = filters.direction;
  }
  if (filters.docType) {
    where.push('d.doc_type = @docType');
    params.docType = filters.docType;
  }
  if (filters.urgency) {
    where.push('d.urgency = @urgency');
    params.urgency = filters.urgency;
  }
  if (filters.filedFrom) {
    where.push('d.filed_on >= @filedFrom');
    params.filedFrom = filters.filedFrom;
  }
  if (filters.filedBefore) {
    where.push('d.filed_on < @filedBefore');
    params.filedBefore = filters.filedBefore;
  }
  if (filters.overdueOn) {
    where.push('d.due_on IS NOT NULL AND d.completed_on IS NULL AND d.due_on < @overdueOn');
    params.overdueOn = filters.overdueOn;
  }

  let sql: string;
  if (page.match === null) {
    sql = `SELECT d.seq AS seq FROM documents d
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY d.filed_on DESC, d.seq DESC LIMIT @limit OFFSET @offset`;
  } else {
    params.match = page.match;
    const order = page.sort === 'relevance' ? 'f.rank, d.filed_on DESC' : 'd.filed_on DESC, d.seq DESC';
    sql = `SELECT d.seq AS seq FROM documents_fts f JOIN documents d ON d.seq = f.rowid
      WHERE documents_fts MATCH @match ${where.map((clause) => `AND ${clause}`).join(' ')}
      ORDER BY ${order} LIMIT @limit OFFSET @offset`;
  }
  const rows = statement(db, sql).all(params) as { seq: number }[];
  return rows.map((row) => row.seq);
}
