// The pending change log as messages for the wire: each row with the
// document's current content, its blobs and the bytes it will cost.
import { change as changeSchema, type Change } from '../../shared/sync-protocol.ts';
import type { Core } from '../context.ts';
import { listAttachments } from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import { getDocumentRow, listRecipients } from '../db/documents.ts';
import { markChange, pendingChanges, type ChangeRow } from '../db/sync.ts';

export interface OutboxItem {
  row: ChangeRow;
  change: Change;
  blobs: { sha256: string; size: number }[];
  /** What the clerk recognises the item by: số/ký hiệu or trích yếu. */
  label: string;
}

/**
 * The queue, most urgent first. An item that cannot become a valid message
 * (an issued document without a PDF, say) is set aside as rejected here, with
 * its reason, instead of blocking everything behind it.
 */
export interface SetAside {
  id: string;
  label: string;
  code: string;
  message: string;
}

export function loadOutbox(core: Core): { items: OutboxItem[]; setAside: SetAside[] } {
  const items: OutboxItem[] = [];
  const setAside: SetAside[] = [];
  for (const row of pendingChanges(core.db)) {
    const built = buildChange(core, row);
    if ('reason' in built)
      setAside.push({ id: row.id, label: built.label, code: 'LOCAL_INVALID', message: built.reason });
    else items.push({ row, ...built });
  }
  if (setAside.length > 0) {
    const at = core.now().toISOString();
    writeTransaction(core.db, () => {
      for (const item of setAside) markChange(core.db, item.id, 'rejected', item.code, item.message, at);
    });
  }
  return { items, setAside };
}

function buildChange(core: Core, row: ChangeRow): Omit<OutboxItem, 'row'> | { reason: string; label: string } {
  const document = getDocumentRow(core.db, row.documentId);
  if (!document) return { reason: `document ${row.documentId} no longer exists`, label: row.documentId };
  const label = document.notation ?? document.subject.slice(0, 80);
  let candidate: unknown;
  let blobs: { sha256: string; size: number }[] = [];
  if (row.op === 'document.issue' && row.payload !== null) {
    // Sent before: the same message again, whatever happened to the document since.
    candidate = JSON.parse(row.payload) as unknown;
    const sent = (candidate as { attachments?: { sha256: string; size: number }[] }).attachments ?? [];
    blobs = [...new Map(sent.map((a) => [a.sha256, { sha256: a.sha256, size: a.size }])).values()];
  } else if (row.op === 'document.issue') {
    const attachments = listAttachments(core.db, document.id);
    if (attachments.length === 0) return { reason: 'văn bản chưa có tệp PDF nên không gửi điện tử được', label };
    blobs = [...new Map(attachments.map((a) => [a.sha256, { sha256: a.sha256, size: a.size }])).values()];
    candidate = {
      id: row.id,
      hlc: row.hlc,
      op: row.op,
      document: {
        id: document.id,
        docType: document.docType,
        subject: document.subject,
        notation: document.notation,
        number: document.number,
        issuedOn: document.issuedOn,
        issuerName: document.issuerName,
        urgency: document.urgency,
        secrecy: document.secrecy,
        dueOn: document.dueOn,
        signerName: document.signerName,
        signerTitle: document.signerTitle,
        pageCount: document.pageCount,
      },
      attachments: attachments.map((a) => ({
        sha256: a.sha256,
        size: a.size,
        filename: a.filename,
        role: a.role,
        position: a.position,
        mime: a.mime,
      })),
      recipients: listRecipients(core.db, document.id).flatMap((r) => (r.agencyCode ? [r.agencyCode] : [])),
    };
  } else {
    candidate = {
      id: row.id,
      hlc: row.hlc,
      op: row.op,
      documentId: row.documentId,
      ...(JSON.parse(row.payload ?? '{}') as object),
    };
  }
  const parsed = changeSchema.safeParse(candidate);
  if (!parsed.success)
    return {
      label,
      reason: parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')
        .slice(0, 500),
    };
  return { change: parsed.data, blobs, label };
}

export function itemBytes(item: OutboxItem): number {
  return item.blobs.reduce((sum, blob) => sum + blob.size, 0);
}
