// Ids the hub makes itself (an official the admin adds): UUIDv7 like the
// desks' own, so they sort by creation time wherever they end up.
import { randomBytes } from 'node:crypto';

/** UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. */
export function newUuidV7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
