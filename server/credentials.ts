// Device credentials and enrollment codes: random secrets of which the hub
// keeps only the SHA-256, compared in constant time.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * 128 bits, too long to guess. Hex, not base64url: a code starting with '-'
 * would be read as an option by `vanthu connect <url> <code>` (1 code in 64).
 */
export const newEnrollCode = (): string => randomBytes(16).toString('hex');

export function newCredential(): { deviceId: string; secret: string; credential: string } {
  const deviceId = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { deviceId, secret, credential: `${deviceId}.${secret}` };
}

const BEARER = /^Bearer ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{16,128})$/;

export function parseBearer(header: string): { deviceId: string; secret: string } | null {
  const match = BEARER.exec(header);
  return match ? { deviceId: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHashHex: string): boolean {
  const given = createHash('sha256').update(secret, 'utf8').digest();
  const stored = Buffer.from(storedHashHex, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}
