import { findDocumentType } from '../../shared/domain.ts';
import { foldVietnamese } from '../../shared/fold.ts';
import { attachmentText, printedNotations } from '../db/attachments.ts';
import type { Db } from '../db/connection.ts';
import type { DocumentRow } from '../db/documents.ts';
import { writeSearchEntry } from '../db/search.ts';

/**
 * Rewrites a document's row in the search index from what the store holds
 * now. Called in the same transaction as every change to the document, so the
 * index never disagrees with the registers.
 */
export function reindexDocument(db: Db, row: DocumentRow): void {
  const typeName = findDocumentType(row.docType)?.name ?? '';
  writeSearchEntry(db, {
    seq: row.seq,
    // The register shows "tên loại và trích yếu" together; search them together.
    subject: foldVietnamese(`${typeName} ${row.subject}`),
    // The số/ký hiệu as registered, and as the letter prints it on its first page.
    code: foldVietnamese([row.notation ?? '', ...printedNotations(db, row.id)].join(' ')),
    issuer: foldVietnamese(row.issuerName ?? ''),
    body: foldVietnamese(attachmentText(db, row.id)),
  });
}
