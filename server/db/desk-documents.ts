// Desk documents (each agency's register entries its desks share), the blobs
// they name, and who each concerns. The newest (hlc, device) record wins.
import type { DeskAttachment, DeskDocument } from '../../shared/sync-protocol.ts';
import { json, type Queryable } from './database.ts';
import { deskDocumentVisibleSql } from './desk-visibility.ts';

export interface StoredDeskDocument {
  record: DeskDocument;
  attachments: DeskAttachment[];
  secret: boolean;
  hlc: string;
}

/** The document, its row locked until commit: events and records about it are applied one after another. */
export async function lockDeskDocument(q: Queryable, agency: string, id: string): Promise<StoredDeskDocument | null> {
  const [row] = await q.query<StoredDeskDocument>(
    'SELECT record, attachments, secret, hlc FROM desk_documents WHERE agency = $1 AND id = $2 FOR UPDATE',
    [agency, id],
  );
  return row ?? null;
}

/** Keeps the record if (hlc, device) is newer than the one held; returns whether it was kept. */
export async function putDeskDocument(
  q: Queryable,
  doc: {
    agency: string;
    record: DeskDocument;
    attachments: DeskAttachment[];
    secret: boolean;
    hlc: string;
    device: string;
  },
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO desk_documents AS d (agency, id, record, attachments, secret, hlc, device)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7)
     ON CONFLICT (agency, id) DO UPDATE SET record = excluded.record, attachments = excluded.attachments,
       secret = excluded.secret, hlc = excluded.hlc, device = excluded.device
       WHERE (excluded.hlc, excluded.device) > (d.hlc, d.device)
     RETURNING id`,
    [doc.agency, doc.record.id, json(doc.record), json(doc.attachments), doc.secret, doc.hlc, doc.device],
  );
  return rows.length === 1;
}

/** The blobs the document names now, its attachments' bases included: what its readers may download. */
export async function replaceDeskDocumentBlobs(
  q: Queryable,
  agency: string,
  documentId: string,
  hashes: readonly string[],
): Promise<void> {
  await q.query('DELETE FROM desk_document_blobs WHERE agency = $1 AND document_id = $2', [agency, documentId]);
  await q.query(
    `INSERT INTO desk_document_blobs (agency, document_id, sha256)
     SELECT $1, $2, h FROM (SELECT DISTINCT jsonb_array_elements_text($3::jsonb) AS h) hashes`,
    [agency, documentId, json(hashes)],
  );
}

/** Those of `people` the document does not name yet. */
export async function newParties(
  q: Queryable,
  agency: string,
  documentId: string,
  people: readonly string[],
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT named.p AS id FROM (SELECT jsonb_array_elements_text($3::jsonb)::uuid AS p) named
     WHERE NOT EXISTS (SELECT 1 FROM desk_parties x WHERE x.agency = $1 AND x.document_id = $2 AND x.person_id = named.p)
     ORDER BY id`,
    [agency, documentId, json(people)],
  );
  return rows.map((row) => row.id);
}

/**
 * Names officials as parties of the document; their desks get its feed items
 * from `sinceSeq` on. An official named before keeps the seq they had.
 */
export async function addParties(
  q: Queryable,
  agency: string,
  documentId: string,
  people: readonly string[],
  sinceSeq: number,
): Promise<void> {
  await q.query(
    `INSERT INTO desk_parties (agency, document_id, person_id, since_seq)
     SELECT $1, $2, p, $4 FROM (SELECT DISTINCT jsonb_array_elements_text($3::jsonb)::uuid AS p) named
     ON CONFLICT DO NOTHING`,
    [agency, documentId, json(people), sinceSeq],
  );
}

/** Whether official `person` (role `role`) may see the agency's document. */
export async function isDeskDocumentVisible(
  q: Queryable,
  agency: string,
  documentId: string,
  person: string,
  role: string | null,
): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM desk_documents d WHERE d.agency = $1 AND d.id = $2 AND ${deskDocumentVisibleSql({
      agency: 'd.agency',
      documentId: 'd.id',
      secret: 'd.secret',
      person: '$3::uuid',
      role: '$4::text',
    })}`,
    [agency, documentId, person, role],
  );
  return rows.length > 0;
}

/**
 * Those of `ids` that another agency holds and `agency` has no claim to (it
 * neither holds nor issued them, nor was sent them): no desk of `agency` can know them.
 */
export async function documentsOfOtherAgencies(
  q: Queryable,
  agency: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT o.id FROM desk_documents o
     WHERE o.agency <> $1 AND o.id IN (SELECT jsonb_array_elements_text($2::jsonb)::uuid)
       AND NOT EXISTS (SELECT 1 FROM desk_documents m WHERE m.agency = $1 AND m.id = o.id)
       AND NOT EXISTS (SELECT 1 FROM documents i WHERE i.owner = $1 AND i.id = o.id)
       AND NOT EXISTS (SELECT 1 FROM deliveries r WHERE r.recipient = $1 AND r.document_id = o.id)`,
    [agency, json(ids)],
  );
  return new Set(rows.map((row) => row.id));
}
