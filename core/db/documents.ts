import type { Direction, Secrecy, Urgency } from '../../shared/domain.ts';
import { statement, type Db } from './connection.ts';

export type DocumentState = 'registered' | 'draft' | 'issued';

export interface DocumentRow {
  seq: number;
  id: string;
  direction: Direction;
  state: DocumentState;
  docType: string;
  subject: string;
  notation: string | null;
  number: number | null;
  issuedOn: string | null;
  issuerName: string | null;
  issuerCode: string | null;
  registerId: string | null;
  registerYear: number | null;
  registerNumber: number | null;
  arrivedOn: string | null;
  urgency: Urgency;
  secrecy: Secrecy;
  dueOn: string | null;
  completedOn: string | null;
  recipientUnit: string | null;
  handedOn: string | null;
  handedReceipt: string | null;
  signerName: string | null;
  signerTitle: string | null;
  draftingUnit: string | null;
  archiveUnit: string | null;
  copies: number | null;
  pageCount: number | null;
  notes: string | null;
  dedupeKey: string | null;
  duplicateOf: string | null;
  createdOn: string;
  createdAt: string;
  updatedAt: string;
  filedOn: string;
}

/** Columns a caller writes; seq and filed_on belong to the database. */
export type DocumentFields = Omit<DocumentRow, 'seq' | 'filedOn'>;

const columnOf: Record<keyof DocumentFields, string> = {
  id: 'id',
  direction: 'direction',
  state: 'state',
  docType: 'doc_type',
  subject: 'subject',
  notation: 'notation',
  number: 'number',
  issuedOn: 'issued_on',
  issuerName: 'issuer_name',
  issuerCode: 'issuer_code',
  registerId: 'register_id',
  registerYear: 'register_year',
  registerNumber: 'register_number',
  arrivedOn: 'arrived_on',
  urgency: 'urgency',
  secrecy: 'secrecy',
  dueOn: 'due_on',
  completedOn: 'completed_on',
  recipientUnit: 'recipient_unit',
  handedOn: 'handed_on',
  handedReceipt: 'handed_receipt',
  signerName: 'signer_name',
  signerTitle: 'signer_title',
  draftingUnit: 'drafting_unit',
  archiveUnit: 'archive_unit',
  copies: 'copies',
  pageCount: 'page_count',
  notes: 'notes',
  dedupeKey: 'dedupe_key',
  duplicateOf: 'duplicate_of',
  createdOn: 'created_on',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const fieldNames = Object.keys(columnOf) as (keyof DocumentFields)[];

/** SELECT list that yields DocumentRow objects, for a table aliased `d`. */
export const DOCUMENT_SELECT = ['d.seq AS seq', 'd.filed_on AS filedOn']
  .concat(fieldNames.map((field) => `d.${columnOf[field]} AS ${field}`))
  .join(', ');

const INSERT_SQL = `INSERT INTO documents (${fieldNames.map((f) => columnOf[f]).join(', ')})
  VALUES (${fieldNames.map((f) => `@${f}`).join(', ')})`;

export function insertDocument(db: Db, fields: DocumentFields): number {
  return Number(statement(db, INSERT_SQL).run(fields).lastInsertRowid);
}

export function updateDocumentFields(db: Db, id: string, changes: Partial<DocumentFields>): void {
  const fields = (Object.keys(changes) as (keyof DocumentFields)[]).filter((f) => f !== 'id');
  if (fields.length === 0) return;
  const sql = `UPDATE documents SET ${fields.map((f) => `${columnOf[f]} = @${f}`).join(', ')} WHERE id = @id`;
  statement(db, sql).run({ ...changes, id });
}

export function getDocumentRow(db: Db, id: string): DocumentRow | undefined {
  return statement(db, `SELECT ${DOCUMENT_SELECT} FROM documents d WHERE d.id = ?`).get(id) as DocumentRow | undefined;
}

export function getDocumentRowsBySeq(db: Db, seqs: readonly number[]): DocumentRow[] {
  if (seqs.length === 0) return [];
  const rows = statement(
    db,
    `SELECT ${DOCUMENT_SELECT} FROM documents d WHERE d.seq IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(seqs)) as DocumentRow[];
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  return seqs.map((seq) => bySeq.get(seq)).filter((row): row is DocumentRow => row !== undefined);
}

/**
 * Puts a document at the end of the filing order, as a draft is when it is
 * issued: "newest first" then means newest in the register. Returns the new seq.
 */
export function moveToEndOfFilingOrder(db: Db, id: string): number {
  statement(db, 'UPDATE documents SET seq = (SELECT MAX(seq) + 1 FROM documents) WHERE id = ?').run(id);
  return (statement(db, 'SELECT seq FROM documents WHERE id = ?').get(id) as { seq: number }).seq;
}

/** The next số in a register for a year: gap-free, restarting at 1 each year. */
export function nextRegisterNumber(db: Db, registerId: string, year: number): number {
  const row = statement(
    db,
    'SELECT COALESCE(MAX(register_number), 0) + 1 AS next FROM documents WHERE register_id = ? AND register_year = ?',
  ).get(registerId, year) as { next: number };
  return row.next;
}

export function findByDedupeKey(db: Db, dedupeKey: string): DocumentRow | undefined {
  return statement(db, `SELECT ${DOCUMENT_SELECT} FROM documents d WHERE d.dedupe_key = ? ORDER BY d.seq LIMIT 1`).get(
    dedupeKey,
  ) as DocumentRow | undefined;
}

/** The first entry filed before this one under the same dedupe key: the one this entry repeats, if any. */
export function findEarlierByDedupeKey(db: Db, dedupeKey: string, beforeSeq: number): DocumentRow | undefined {
  return statement(
    db,
    `SELECT ${DOCUMENT_SELECT} FROM documents d WHERE d.dedupe_key = ? AND d.seq < ? ORDER BY d.seq LIMIT 1`,
  ).get(dedupeKey, beforeSeq) as DocumentRow | undefined;
}

export interface RecipientRow {
  agencyCode: string | null;
  name: string | null;
}

export function replaceRecipients(db: Db, documentId: string, recipients: readonly RecipientRow[]): void {
  statement(db, 'DELETE FROM recipients WHERE document_id = ?').run(documentId);
  const insert = statement(db, 'INSERT INTO recipients (document_id, position, agency_code, name) VALUES (?, ?, ?, ?)');
  recipients.forEach((recipient, position) => insert.run(documentId, position, recipient.agencyCode, recipient.name));
}

/** The recipients as written: a code without the directory's name beside it. */
export function listRecipientRows(db: Db, documentId: string): RecipientRow[] {
  return statement(
    db,
    `SELECT agency_code AS agencyCode, name FROM recipients WHERE document_id = ? ORDER BY position`,
  ).all(documentId) as RecipientRow[];
}

export function listRecipients(db: Db, documentId: string): RecipientRow[] {
  return statement(
    db,
    `SELECT r.agency_code AS agencyCode, COALESCE(r.name, a.name) AS name
       FROM recipients r LEFT JOIN agencies a ON a.code = r.agency_code
      WHERE r.document_id = ? ORDER BY r.position`,
  ).all(documentId) as RecipientRow[];
}

export function registerName(db: Db, registerId: string): string | undefined {
  const row = statement(db, 'SELECT name FROM registers WHERE id = ?').get(registerId) as { name: string } | undefined;
  return row?.name;
}

export function countDocuments(db: Db): { incoming: number; outgoing: number; drafts: number } {
  return statement(
    db,
    `SELECT
       COUNT(*) FILTER (WHERE direction = 'incoming') AS incoming,
       COUNT(*) FILTER (WHERE direction = 'outgoing' AND state = 'issued') AS outgoing,
       COUNT(*) FILTER (WHERE state = 'draft') AS drafts
     FROM documents`,
  ).get() as { incoming: number; outgoing: number; drafts: number };
}

/** Each issuer as written in the incoming registers (name and code), with how many entries name it. */
export function issuerUses(db: Db): { name: string; code: string | null; uses: number }[] {
  return statement(
    db,
    `SELECT d.issuer_name AS name, d.issuer_code AS code, COUNT(*) AS uses FROM documents d
      WHERE d.direction = 'incoming' AND d.issuer_name IS NOT NULL
      GROUP BY d.issuer_name, d.issuer_code`,
  ).all() as { name: string; code: string | null; uses: number }[];
}
