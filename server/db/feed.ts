// Each agency's feed: what its devices pull, in seq order without gaps, and
// which of its items each device may see.
import type { PersonRole } from '../../shared/handling-words.ts';
import { json, type Queryable } from './database.ts';
import { nextFeedSeq } from './agencies.ts';
import { deskDocumentVisibleSql } from './desk-visibility.ts';

export type FeedKind = 'document' | 'status' | 'update' | 'person' | 'desk.document' | 'desk.event';

export interface FeedRow {
  seq: number;
  item: Record<string, unknown>;
}

/** What an item is about and whom it is for; an item with neither is for every device of the agency. */
export interface FeedScope {
  /** The document the item concerns: only devices that may see it get the item. */
  documentId?: string | null;
  /** The one official whose desks get the item (what they missed before a document named them). */
  audience?: string | null;
}

export interface FeedWrite extends FeedScope {
  agency: string;
  kind: FeedKind;
  /** The feed item without its seq. */
  item: object;
  /** Pull skips the item for the device that caused it. */
  originDevice: string | null;
}

/** Appends an item (without seq) to the agency's feed and returns its seq. Call in sorted agency order within a transaction. */
export async function appendFeed(
  q: Queryable,
  agency: string,
  kind: FeedKind,
  item: object,
  originDevice: string | null,
  scope: FeedScope = {},
): Promise<number> {
  const seq = await nextFeedSeq(q, agency);
  await q.query(
    `INSERT INTO feed (agency, seq, kind, item, origin_device, document_id, audience)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
    [agency, seq, kind, json(item), originDevice, scope.documentId ?? null, scope.audience ?? null],
  );
  return seq;
}

/**
 * Appends items to several feeds, each feed's in the order given, the feeds
 * in sorted agency order: the order in which every transaction takes them.
 * Returns each write's seq, in the order of `writes`.
 */
export async function appendFeeds(q: Queryable, writes: readonly FeedWrite[]): Promise<number[]> {
  const ordered = writes
    .map((write, index) => ({ write, index }))
    .sort((a, b) => (a.write.agency < b.write.agency ? -1 : a.write.agency > b.write.agency ? 1 : a.index - b.index));
  const seqs: number[] = new Array<number>(writes.length);
  for (const { write, index } of ordered) {
    seqs[index] = await appendFeed(q, write.agency, write.kind, write.item, write.originDevice, write);
  }
  return seqs;
}

/** The last seq handed out: every item up to it was committed when it was read (seqs commit in order). */
export async function feedHead(q: Queryable, agency: string): Promise<number> {
  const [row] = await q.query<{ seq: number }>('SELECT feed_seq AS seq FROM agencies WHERE code = $1', [agency]);
  return row?.seq ?? 0;
}

export interface FeedReader {
  agency: string;
  device: string;
  /** The official the device is enrolled for; null for an agency-wide device, which sees every item. */
  personId: string | null;
  personRole: PersonRole | null;
  /** Documents from other agencies go to the register holder alone: it registers them for the desks. */
  holdsRegister: boolean;
}

/**
 * Up to `limit` items after `after` that this device may see, oldest first.
 * The rule is one SQL condition over the feed's primary key and indexed
 * lookups of the document and its parties, so rows the device may not see
 * are passed over in the database, their items never read. `after` may be
 * any cursor a client sends, beyond the integer range included.
 */
export function readVisibleFeed(q: Queryable, reader: FeedReader, after: number, limit: number): Promise<FeedRow[]> {
  return q.query<FeedRow>(
    `SELECT f.seq, f.item FROM feed f
     LEFT JOIN desk_documents d ON d.agency = f.agency AND d.id = f.document_id
     WHERE f.agency = $1 AND f.seq > $2::bigint
       AND f.origin_device IS DISTINCT FROM $3::uuid
       AND (f.kind <> 'document' OR $4::boolean)
       AND (f.audience IS NULL OR f.audience = $5::uuid)
       AND ($5::uuid IS NULL OR f.audience IS NOT NULL OR f.document_id IS NULL
            OR ${deskDocumentVisibleSql({ agency: 'f.agency', documentId: 'f.document_id', secret: 'd.secret', person: '$5::uuid', role: '$6::text', seq: 'f.seq' })})
     ORDER BY f.seq LIMIT $7`,
    [reader.agency, after, reader.device, reader.holdsRegister, reader.personId, reader.personRole, limit],
  );
}
