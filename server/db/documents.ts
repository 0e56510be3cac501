// Documents routed through the hub, their deliveries, statuses and per-field metadata.
import type { AttachmentRef, DocumentEnvelope } from '../../shared/sync-protocol.ts';
import { json, type Queryable } from './database.ts';

/** Stores an issued document; false when (owner, id) is already on the hub. */
export async function insertDocument(
  q: Queryable,
  doc: {
    owner: string;
    envelope: DocumentEnvelope;
    attachments: AttachmentRef[];
    recipients: string[];
    changeId: string;
    device: string;
  },
): Promise<boolean> {
  const inserted = await q.query(
    `INSERT INTO documents (owner, id, envelope, recipients, change_id, device) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)
     ON CONFLICT (owner, id) DO NOTHING RETURNING id`,
    [doc.owner, doc.envelope.id, json(doc.envelope), json(doc.recipients), doc.changeId, doc.device],
  );
  if (inserted.length === 0) return false;
  for (const [ordinal, a] of doc.attachments.entries()) {
    await q.query(
      `INSERT INTO document_attachments (owner, document_id, ordinal, sha256, size, filename, role, position, mime)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [doc.owner, doc.envelope.id, ordinal, a.sha256, a.size, a.filename, a.role, a.position, a.mime],
    );
  }
  return true;
}

export async function insertDelivery(
  q: Queryable,
  owner: string,
  documentId: string,
  recipient: string,
  feedSeq: number,
): Promise<void> {
  await q.query(
    "INSERT INTO deliveries (owner, document_id, recipient, status, feed_seq) VALUES ($1, $2, $3, 'queued', $4)",
    [owner, documentId, recipient, feedSeq],
  );
}

export async function isDeliveredTo(
  q: Queryable,
  owner: string,
  documentId: string,
  recipient: string,
): Promise<boolean> {
  return (
    (
      await q.query('SELECT 1 FROM deliveries WHERE owner = $1 AND document_id = $2 AND recipient = $3', [
        owner,
        documentId,
        recipient,
      ])
    ).length > 0
  );
}

/** Whether the agency issued the document or had it delivered: the documents whose metadata it keeps. */
export async function isKnownTo(q: Queryable, agency: string, documentId: string): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM documents WHERE owner = $1 AND id = $2
     UNION ALL SELECT 1 FROM deliveries WHERE recipient = $1 AND document_id = $2 LIMIT 1`,
    [agency, documentId],
  );
  return rows.length > 0;
}

/** Marks the deliveries whose feed item the agency has acknowledged as fetched. */
export async function markFetched(q: Queryable, recipient: string, cursor: number): Promise<void> {
  await q.query(
    "UPDATE deliveries SET status = 'fetched', fetched_at = now() WHERE recipient = $1 AND status = 'queued' AND feed_seq <= $2",
    [recipient, cursor],
  );
}

export async function insertStatusEvent(
  q: Queryable,
  event: {
    changeId: string;
    from: string;
    owner: string;
    documentId: string;
    statusCode: string;
    description: string;
    at: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO status_events (change_id, from_agency, owner, document_id, status_code, description, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)`,
    [event.changeId, event.from, event.owner, event.documentId, event.statusCode, event.description, event.at],
  );
}

/** Whether `from` has sent the sender this status code about the document already (by any means). */
export async function hasStatusEvent(
  q: Queryable,
  status: { from: string; owner: string; documentId: string; statusCode: string },
): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM status_events WHERE owner = $1 AND document_id = $2 AND from_agency = $3 AND status_code = $4 LIMIT 1',
    [status.owner, status.documentId, status.from, status.statusCode],
  );
  return rows.length > 0;
}

/**
 * Last writer wins, per field: the value is kept only if (hlc, device) is newer
 * than the stored one. Returns whether it was kept. The upsert takes the row
 * lock, so two devices racing on one field are decided one after the other.
 */
export async function mergeField(
  q: Queryable,
  field: { agency: string; documentId: string; name: string; value: unknown; hlc: string; device: string },
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO document_fields AS f (agency, document_id, field, value, hlc, device) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (agency, document_id, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, device = excluded.device
       WHERE (excluded.hlc, excluded.device) > (f.hlc, f.device)
     RETURNING field`,
    [field.agency, field.documentId, field.name, json(field.value), field.hlc, field.device],
  );
  return rows.length === 1;
}
