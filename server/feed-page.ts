// Pull and ack: an agency's feed page by page, sized by the bytes of JSON the
// client can take, and how far each device has stored it.
import type { Database } from './db/database.ts';
import { advanceAck } from './db/devices.ts';
import { markFetched } from './db/documents.ts';
import { readFeed } from './db/feed.ts';
import type { CallingDevice } from './auth.ts';

const ROWS_PER_READ = 100;
/** `{"items":[],"cursor":…,"more":…,"hubTime":…}` around the items, at its longest. */
const ENVELOPE_BYTES = Buffer.byteLength(
  JSON.stringify({ items: [], cursor: Number.MAX_SAFE_INTEGER, more: false, hubTime: new Date(0).toISOString() }),
);

export interface FeedPage {
  items: Record<string, unknown>[];
  cursor: number;
  more: boolean;
}

/**
 * Items after `cursor`, oldest first, while the reply fits `budget` bytes; at
 * least one, so a large item cannot stall the feed. Items the calling device
 * caused are skipped but the cursor moves past them.
 */
export async function readPage(db: Database, device: CallingDevice, cursor: number, budget: number): Promise<FeedPage> {
  const items: Record<string, unknown>[] = [];
  let bytes = ENVELOPE_BYTES;
  let next = cursor;
  for (;;) {
    const rows = await readFeed(db, device.agency, next, ROWS_PER_READ);
    for (const row of rows) {
      if (row.originDevice === device.id) {
        next = row.seq;
        continue;
      }
      const item = { seq: row.seq, ...row.item };
      const size = Buffer.byteLength(JSON.stringify(item)) + (items.length > 0 ? 1 : 0);
      if (items.length > 0 && bytes + size > budget) return { items, cursor: next, more: true };
      items.push(item);
      bytes += size;
      next = row.seq;
    }
    if (rows.length < ROWS_PER_READ) return { items, cursor: next, more: false };
  }
}

/**
 * Records that the device stored everything up to `cursor`. Only the device
 * holding the registers stores incoming documents, so only its ack counts as
 * the agency's receipt of them.
 */
export function acknowledge(db: Database, device: CallingDevice, cursor: number): Promise<number> {
  return db.transaction(async (tx) => {
    const acked = await advanceAck(tx, device.id, cursor);
    if (device.holdsRegister) await markFetched(tx, device.agency, acked);
    return acked;
  });
}
