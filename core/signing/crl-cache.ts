// Revocation lists kept on disk so that verification works without a
// network: one DER file per distribution point plus a JSON sidecar with the
// dates, refreshed opportunistically when the office is online.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { AppError } from '../../shared/errors.ts';
import { formatName, sha256Hex } from './certificates.ts';
import { ensurePkijsEngine } from './crypto-engine.ts';
import { childrenOf, decodeTlv, findChild, isTime, readTlv, timeOf, type Tlv } from './der-reader.ts';
import { replaceFileDurably } from '../documents/blob-store.ts';

// Large national CAs publish CRLs of a few MB; anything far beyond is not a CRL we want in memory.
const MAX_CRL_BYTES = 10 * 1024 * 1024;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const SEQUENCE = 0x30;

export interface CachedCrl {
  der: Uint8Array;
  thisUpdate: string;
  nextUpdate: string | null;
  fetchedAt: string;
}

export interface ParsedCrl {
  der: Uint8Array;
  issuer: string;
  thisUpdate: string;
  nextUpdate: string | null;
  /** What the CA signed (TBSCertList), with the algorithm and value, to check against the issuer key. */
  tbs: Uint8Array;
  signatureAlgorithm: pkijs.AlgorithmIdentifier;
  signatureValue: Uint8Array;
  /** The revokedCertificates list, walked on lookup; null when the CA revoked nothing. */
  revoked: Tlv | null;
}

interface Sidecar {
  url: string | null;
  issuer: string;
  fetchedAt: string;
  thisUpdate: string;
  nextUpdate: string | null;
  /** Of the DER file, so a crash between the two writes is noticed. */
  sha256: string;
}

export class CrlCache {
  readonly dir: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(dir: string, options: { fetch?: typeof fetch; timeoutMs?: number } = {}) {
    this.dir = dir;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  get(url: string): CachedCrl | null {
    return this.read(keyOfUrl(url));
  }

  /** A CRL imported from a file without an address, found by the name of the CA that issued it. */
  getForIssuer(issuer: string): CachedCrl | null {
    return this.read(keyOfIssuer(issuer));
  }

  /** Fetches the CRL at an http(s) address; any failure leaves the cached copy as it was. */
  async refresh(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      return { ok: false, reason: `not a URL: ${url}` };
    }
    // LDAP distribution points exist, but nothing in an office network serves them over anything we speak.
    if (protocol !== 'http:' && protocol !== 'https:') return { ok: false, reason: `unsupported scheme ${protocol}` };
    let body: Uint8Array;
    try {
      const response = await this.fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) return { ok: false, reason: `HTTP ${response.status} from ${url}` };
      body = await readCapped(response, MAX_CRL_BYTES);
    } catch (error) {
      return { ok: false, reason: `${url}: ${(error as Error).message}` };
    }
    let parsed: ParsedCrl;
    try {
      parsed = readCrl(body);
    } catch (error) {
      return { ok: false, reason: `${url} did not return a CRL: ${(error as AppError).detail}` };
    }
    return this.store(keyOfUrl(url), url, parsed);
  }

  /**
   * A CRL the clerk brought on a USB stick (DER or PEM), stored under its
   * address or its issuer. A list older than the cached one is ignored, as
   * in refresh(): the cache already knows more.
   */
  importCrl(bytes: Uint8Array, url?: string): void {
    const parsed = readCrl(bytes);
    this.store(url === undefined ? keyOfIssuer(parsed.issuer) : keyOfUrl(url), url ?? null, parsed);
  }

  /**
   * Never replaces a newer list with an older one: CRLs travel over plain
   * HTTP by design, and a replayed old (validly signed) list would hide
   * every revocation since.
   */
  private store(key: string, url: string | null, parsed: ParsedCrl): { ok: true } | { ok: false; reason: string } {
    const cached = this.read(key);
    if (cached && Date.parse(cached.thisUpdate) > Date.parse(parsed.thisUpdate)) {
      return {
        ok: false,
        reason: `kept the cached CRL of ${cached.thisUpdate}: the new one is older (${parsed.thisUpdate})`,
      };
    }
    const sidecar: Sidecar = {
      url,
      issuer: parsed.issuer,
      fetchedAt: new Date().toISOString(),
      thisUpdate: parsed.thisUpdate,
      nextUpdate: parsed.nextUpdate,
      sha256: sha256Hex(parsed.der),
    };
    replaceFileDurably(path.join(this.dir, `${key}.der`), parsed.der);
    replaceFileDurably(path.join(this.dir, `${key}.json`), Buffer.from(`${JSON.stringify(sidecar, null, 2)}\n`));
    return { ok: true };
  }

  private read(key: string): CachedCrl | null {
    let der: Buffer;
    try {
      der = fs.readFileSync(path.join(this.dir, `${key}.der`));
    } catch {
      return null;
    }
    const sidecar = readSidecar(path.join(this.dir, `${key}.json`));
    if (sidecar?.sha256 === sha256Hex(der)) {
      return { der, thisUpdate: sidecar.thisUpdate, nextUpdate: sidecar.nextUpdate, fetchedAt: sidecar.fetchedAt };
    }
    // Interrupted between the two writes: the DER itself is the truth.
    try {
      const parsed = readCrl(der);
      return {
        der,
        thisUpdate: parsed.thisUpdate,
        nextUpdate: parsed.nextUpdate,
        fetchedAt: fs.statSync(path.join(this.dir, `${key}.der`)).mtime.toISOString(),
      };
    } catch {
      return null;
    }
  }
}

/**
 * Parses a CRL given as DER or PEM; anything else is CRL_UNREADABLE. The
 * revoked list is only decoded entry by entry on lookup (see der-reader.ts
 * for why); its shape is checked here unless the caller reads a list the
 * cache already checked when it stored it.
 */
export function readCrl(bytes: Uint8Array, { checkEntries = true }: { checkEntries?: boolean } = {}): ParsedCrl {
  ensurePkijsEngine();
  const input = bytes[0] === 0x30 ? bytes : derFromPem(bytes);
  try {
    const outer = readTlv(input, 0);
    const der = input.subarray(0, outer.end);
    const [tbs, algorithm, signature, ...extra] = childrenOf(der, outer);
    if (!tbs || !algorithm || signature?.tag !== BIT_STRING || extra.length > 0)
      throw new Error('not a CertificateList');
    const fields = childrenOf(der, tbs);
    // TBSCertList: version (optional), signature, issuer, thisUpdate, nextUpdate (optional), revokedCertificates (optional), [0] extensions.
    let next = fields[0]?.tag === INTEGER ? 2 : 1;
    const issuer = fields[next++];
    const thisUpdate = fields[next++];
    const nextUpdate = isTime(fields[next]) ? fields[next++] : null;
    const revoked = fields[next]?.tag === SEQUENCE ? fields[next++]! : null;
    if (!issuer || !isTime(thisUpdate)) throw new Error('TBSCertList without issuer and thisUpdate');
    const malformed = revoked && checkEntries ? findChild(der, revoked, (entry) => !isRevokedEntry(der, entry)) : null;
    if (malformed) throw new Error(`malformed revoked entry at ${malformed.start}`);
    return {
      der,
      issuer: formatName(new pkijs.RelativeDistinguishedNames({ schema: decodeTlv(der, issuer) })),
      thisUpdate: timeOf(der, thisUpdate).toISOString(),
      nextUpdate: nextUpdate ? timeOf(der, nextUpdate).toISOString() : null,
      tbs: der.subarray(tbs.start, tbs.end),
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({ schema: decodeTlv(der, algorithm) }),
      // The BIT STRING's first content byte counts unused bits, always 0 for a signature.
      signatureValue: der.subarray(signature.contentStart + 1, signature.end),
      revoked,
    };
  } catch (error) {
    throw new AppError('CRL_UNREADABLE', `not an X.509 CRL: ${(error as Error).message}`, { cause: error });
  }
}

function isRevokedEntry(der: Uint8Array, entry: Tlv): boolean {
  if (entry.tag !== SEQUENCE || entry.contentStart === entry.end) return false;
  const serial = readTlv(der, entry.contentStart, entry.end);
  return serial.tag === INTEGER && serial.end < entry.end && isTime(readTlv(der, serial.end, entry.end));
}

function derFromPem(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const block = /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]*)-----END X509 CRL-----/.exec(text);
  if (!block) throw new AppError('CRL_UNREADABLE', 'neither DER nor a PEM "X509 CRL" block');
  return Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64');
}

function readSidecar(file: string): Sidecar | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Sidecar;
  } catch {
    return null;
  }
}

async function readCapped(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limit) throw new Error(`CRL larger than ${limit} bytes (${declared})`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error(`CRL larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function keyOfUrl(url: string): string {
  return createHash('sha256').update(url).digest('hex');
}

function keyOfIssuer(issuer: string): string {
  return createHash('sha256').update(`issuer:${issuer}`).digest('hex');
}
