import type { DocumentView, Outputs, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { auditRowsFor } from '../db/audit.ts';
import { writeTransaction } from '../db/connection.ts';
import { getDocumentRow, updateDocumentFields, type DocumentFields } from '../db/documents.ts';
import { recordUpdate } from '../sync/change-log.ts';
import { reindexDocument } from './search-index.ts';
import { requireDocument, toDocumentView } from './view.ts';

type EditableField = Exclude<keyof ValidInput<'documents.update'>, 'id'>;

/**
 * Corrects or completes a document's register entry (ngày chuyển, ký nhận,
 * ghi chú, a mistyped trích yếu…). The audit row keeps the old and new value
 * of every field that changed; a request that changes nothing writes nothing.
 */
export function updateDocument(core: Core, input: ValidInput<'documents.update'>): DocumentView {
  const now = core.now();
  return writeTransaction(core.db, () => {
    const before = requireDocument(core.db, input.id);
    const changes: Partial<DocumentFields> = {};
    const audit: Record<string, [unknown, unknown]> = {};
    for (const field of Object.keys(input) as (EditableField | 'id')[]) {
      if (field === 'id') continue;
      const value = input[field];
      if (value === undefined || before[field] === value) continue;
      (changes as Record<string, unknown>)[field] = value;
      audit[field] = [before[field], value];
    }
    if (Object.keys(audit).length > 0) {
      updateDocumentFields(core.db, before.id, { ...changes, updatedAt: now.toISOString() });
      recordUpdate(core, before, changes);
      appendAudit(
        core.db,
        {
          actor: core.actor,
          action: 'document.update',
          entity: 'document',
          entityId: before.id,
          detail: { changes: audit },
        },
        now,
      );
    }
    const row = getDocumentRow(core.db, before.id)!;
    if (audit.subject) reindexDocument(core.db, row);
    return toDocumentView(core.db, row, localDate(now));
  });
}

export function documentHistory(core: Core, input: ValidInput<'documents.history'>): Outputs['documents.history'] {
  requireDocument(core.db, input.id);
  return {
    entries: auditRowsFor(core.db, input.id).map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      detail: JSON.parse(row.detail) as unknown,
    })),
  };
}
