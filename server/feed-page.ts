// Pull and ack: an agency's feed page by page, sized by the bytes of JSON the
// client can take, only the items the calling device may see, and how far
// each device has stored it.
import type { CallingDevice } from './auth.ts';
import type { Database } from './db/database.ts';
import { advanceAck, agencyHasDesks } from './db/devices.ts';
import { markFetched } from './db/documents.ts';
import { feedHead, readVisibleFeed } from './db/feed.ts';

const ROWS_PER_READ = 100;
/** `{"items":[],"cursor":…,"more":…,"deskSync":…,"hubTime":…}` around the items, at its longest. */
const ENVELOPE_BYTES = Buffer.byteLength(
  JSON.stringify({
    items: [],
    cursor: Number.MAX_SAFE_INTEGER,
    more: false,
    deskSync: false,
    hubTime: new Date(0).toISOString(),
  }),
);

export interface FeedPage {
  items: Record<string, unknown>[];
  cursor: number;
  more: boolean;
  deskSync: boolean;
}

/**
 * Items after `cursor`, oldest first, while the reply fits `budget` bytes; at
 * least one, so a large item cannot stall the feed. Items the device caused,
 * or may not see (PROTOCOL.md "Who sees what"), are skipped but the cursor
 * moves past them.
 */
export async function readPage(db: Database, device: CallingDevice, cursor: number, budget: number): Promise<FeedPage> {
  const deskSync = await agencyHasDesks(db, device.agency);
  // Read before the items: every seq up to it is committed, so a page that
  // ends short may move the cursor up to it past items this device skips.
  const head = await feedHead(db, device.agency);
  const reader = {
    agency: device.agency,
    device: device.id,
    personId: device.personId,
    personRole: device.personRole,
    holdsRegister: device.holdsRegister,
  };
  const items: Record<string, unknown>[] = [];
  let bytes = ENVELOPE_BYTES;
  let next = cursor;
  for (;;) {
    const rows = await readVisibleFeed(db, reader, next, ROWS_PER_READ);
    for (const row of rows) {
      const item = { seq: row.seq, ...row.item };
      const size = Buffer.byteLength(JSON.stringify(item)) + (items.length > 0 ? 1 : 0);
      if (items.length > 0 && bytes + size > budget) return { items, cursor: next, more: true, deskSync };
      items.push(item);
      bytes += size;
      next = row.seq;
    }
    if (rows.length < ROWS_PER_READ) return { items, cursor: Math.max(next, head), more: false, deskSync };
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
