// Appends one PATCH body to a partial upload as it arrives, without holding it
// in memory. Whatever happens, the file ends at a byte the hub can stand by:
// a cut body keeps what came (tus: "store as much as possible"), a body whose
// checksum is wrong is cut back to where the chunk began.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';

export type ChunkOutcome =
  /** The whole body, checksum right. */
  | { kind: 'received'; offset: number }
  /** The client went away mid-body; the bytes that arrived are kept. */
  | { kind: 'cut'; offset: number }
  /** The whole body, checksum wrong: the chunk was removed again. */
  | { kind: 'checksum-mismatch'; offset: number }
  /** More bytes than the upload has left: the chunk was removed and the connection dropped. */
  | { kind: 'too-long'; offset: number };

export async function receiveChunk(
  body: IncomingMessage,
  file: string,
  start: number,
  maxBytes: number,
  checksum: Buffer,
): Promise<ChunkOutcome> {
  const handle = await fs.open(file, 'a');
  const hash = createHash('sha256');
  let received = 0;
  let tooLong = false;
  let cut = false;
  try {
    // Only a failure to read the body is the line's doing; a failed write (disk full) is the hub's and is thrown.
    const chunks = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch {
        cut = true;
        break;
      }
      if (next.done) break;
      const data = next.value;
      if (received + data.length > maxBytes) {
        tooLong = true;
        break;
      }
      hash.update(data);
      await handle.write(data);
      received += data.length;
    }
    if (!tooLong && !body.complete) cut = true;
    if (tooLong || (!cut && !hash.digest().equals(checksum))) {
      await handle.truncate(start);
      await handle.sync();
      return { kind: tooLong ? 'too-long' : 'checksum-mismatch', offset: start };
    }
    await handle.sync();
    return { kind: cut ? 'cut' : 'received', offset: start + received };
  } finally {
    await handle.close();
  }
}
