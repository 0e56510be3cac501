// The pending change log as messages for the wire: each row with the
// document's current content, its blobs and the bytes it will cost.
import { change as changeSchema, type Change } from '../../shared/sync-protocol.ts';
import type { Core } from '../context.ts';
import { listAttachments } from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import { getDocumentRow, listRecipients, type DocumentRow } from '../db/documents.ts';
import { DESK_ONLY_OPS, getDevice, markChange, pendingChanges, type ChangeRow } from '../db/sync.ts';
import { deskDocumentMessage } from './desk-outbox.ts';

/** A PDF a change names; `base`, when the hub holds it, lets the upload start from that earlier version. */
export interface OutboxBlob {
  sha256: string;
  size: number;
  base: { sha256: string; size: number } | null;
}

export interface OutboxItem {
  row: ChangeRow;
  change: Change;
  blobs: OutboxBlob[];
  /** What the clerk recognises the item by: số/ký hiệu or trích yếu (an official's name for person.put). */
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

/**
 * Documents' entries and handling events wait in the log, neither sent nor
 * refused, until the hub says the agency has desks (`deskSync`): an agency on
 * one PC never pays for them. The officials list goes at once.
 */
export function loadOutbox(core: Core): { items: OutboxItem[]; setAside: SetAside[] } {
  const withDesk = getDevice(core.db)?.deskSync ?? false;
  const items: OutboxItem[] = [];
  const setAside: SetAside[] = [];
  for (const row of pendingChanges(core.db)) {
    if (!withDesk && DESK_ONLY_OPS.includes(row.op)) continue;
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

type Built = Omit<OutboxItem, 'row'> | { reason: string; label: string };

function buildChange(core: Core, row: ChangeRow): Built {
  if (row.op === 'person.put') {
    const payload = JSON.parse(row.payload ?? '{}') as { person?: { name?: string } };
    return validated({ id: row.id, hlc: row.hlc, op: row.op, ...payload }, [], payload.person?.name ?? row.documentId);
  }
  const document = getDocumentRow(core.db, row.documentId);
  if (!document) return { reason: `document ${row.documentId} no longer exists`, label: row.documentId };
  const label = document.notation ?? document.subject.slice(0, 80);
  if (row.op === 'document.issue' || row.op === 'desk.document') {
    // Sent before: the same message again, whatever happened to the document since.
    const candidate =
      row.payload !== null
        ? (JSON.parse(row.payload) as unknown)
        : row.op === 'desk.document'
          ? deskDocumentMessage(core, row, document)
          : issueMessage(core, row, document);
    if (candidate === null) return { reason: 'văn bản chưa có tệp PDF nên không gửi điện tử được', label };
    const named = (candidate as { attachments?: Partial<OutboxBlob>[] }).attachments ?? [];
    const blobs = new Map(
      named.map((a) => [a.sha256!, { sha256: a.sha256!, size: a.size!, base: a.base ?? null } satisfies OutboxBlob]),
    );
    return validated(candidate, [...blobs.values()], label);
  }
  return validated(
    {
      id: row.id,
      hlc: row.hlc,
      op: row.op,
      documentId: row.documentId,
      ...(JSON.parse(row.payload ?? '{}') as object),
    },
    [],
    label,
  );
}

function issueMessage(core: Core, row: ChangeRow, document: DocumentRow): unknown {
  const attachments = listAttachments(core.db, document.id);
  if (attachments.length === 0) return null;
  return {
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
}

function validated(candidate: unknown, blobs: OutboxBlob[], label: string): Built {
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
