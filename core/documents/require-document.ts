// A document by id, or DOCUMENT_NOT_FOUND: what every operation on one document starts from.
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../db/connection.ts';
import { getDocumentRow, type DocumentRow } from '../db/documents.ts';

export function requireDocument(db: Db, id: string): DocumentRow {
  const row = getDocumentRow(db, id);
  if (!row) throw new AppError('DOCUMENT_NOT_FOUND', id);
  return row;
}
