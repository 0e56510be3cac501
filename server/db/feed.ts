// Each agency's feed: what its devices pull, in seq order without gaps.
import { json, type Queryable } from './database.ts';
import { nextFeedSeq } from './agencies.ts';

export interface FeedRow {
  seq: number;
  item: Record<string, unknown>;
  originDevice: string | null;
}

/** Appends an item (without seq) to the agency's feed and returns its seq. Call in sorted agency order within a transaction. */
export async function appendFeed(
  q: Queryable,
  agency: string,
  kind: string,
  item: object,
  originDevice: string | null,
): Promise<number> {
  const seq = await nextFeedSeq(q, agency);
  await q.query('INSERT INTO feed (agency, seq, kind, item, origin_device) VALUES ($1, $2, $3, $4::jsonb, $5)', [
    agency,
    seq,
    kind,
    json(item),
    originDevice,
  ]);
  return seq;
}

/** `after` may be any cursor a client sends, beyond the integer range included. */
export function readFeed(q: Queryable, agency: string, after: number, limit: number): Promise<FeedRow[]> {
  return q.query<FeedRow>(
    'SELECT seq, item, origin_device AS "originDevice" FROM feed WHERE agency = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3',
    [agency, after, limit],
  );
}
