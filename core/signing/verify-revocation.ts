// Revocation status of a signer certificate from the offline CRL cache.
// Only facts here (revoked when, CRL current or not); what they mean for a
// signature made at a given time is decided by the verdict.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { publicKeyOf, type ParsedCertificate } from './certificates.ts';
import { readCrl, type CachedCrl, type CrlCache, type ParsedCrl } from './crl-cache.ts';
import { childrenOf, decodeTlv, findChild, readTlv, timeOf, type Tlv } from './der-reader.ts';
import { verifySignatureValue } from './signature-value.ts';

export type Revocation =
  | { state: 'good'; crl: ParsedCrl }
  | { state: 'revoked'; at: Date; crl: ParsedCrl }
  | { state: 'stale'; crl: ParsedCrl }
  | { state: 'unknown'; why: 'no-cdp' | 'no-crl' };

const OID = { crlReason: '2.5.29.21', invalidityDate: '2.5.29.24' } as const;
const REMOVE_FROM_CRL = 8;

/**
 * Looks the certificate up in the freshest cached CRL that its issuer
 * signed: first by the certificate's distribution points (refreshed first
 * when online and missing or out of date), then a CRL the clerk imported
 * for that issuer.
 */
export async function revocationOf(
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  crls: CrlCache,
  now: Date,
  online: boolean,
): Promise<Revocation> {
  const cached: CachedCrl[] = [];
  for (const url of cert.info.crlUrls) {
    let entry = crls.get(url);
    if (online && (!entry || isStale(entry.nextUpdate, now))) {
      // A failed refresh falls back to whatever the cache holds.
      await crls.refresh(url);
      entry = crls.get(url);
    }
    if (entry) cached.push(entry);
  }
  const imported = crls.getForIssuer(cert.info.issuer);
  if (imported) cached.push(imported);

  const usable = cached
    .map((entry) => parseOrNull(entry.der))
    .filter((crl): crl is ParsedCrl => crl !== null && crl.issuer === cert.info.issuer && signedBy(crl, issuer))
    .sort((a, b) => Date.parse(b.thisUpdate) - Date.parse(a.thisUpdate));
  const crl = usable[0];
  if (!crl) return { state: 'unknown', why: cert.info.crlUrls.length === 0 && !imported ? 'no-cdp' : 'no-crl' };

  let revokedAt: Date | null;
  try {
    revokedAt = revocationTime(crl, cert.info.serialHex);
  } catch {
    // The entry for this certificate cannot be read: the list says nothing we can rely on.
    return { state: 'unknown', why: 'no-crl' };
  }
  // A CRL lists a revocation for good, so even an out-of-date one proves it.
  if (revokedAt) return { state: 'revoked', at: revokedAt, crl };
  return isStale(crl.nextUpdate, now) ? { state: 'stale', crl } : { state: 'good', crl };
}

/** RFC 5280 requires nextUpdate; a CRL without it is taken as current rather than as useless. */
function isStale(nextUpdate: string | null, now: Date): boolean {
  return nextUpdate !== null && Date.parse(nextUpdate) < now.getTime();
}

/**
 * When the certificate stopped being trustworthy: the revocation date, or
 * the invalidity date when the CA records that the key was compromised
 * earlier (RFC 5280 §5.3.2). An entry marked removeFromCRL is no revocation.
 */
function revocationTime(parsed: ParsedCrl, serialHex: string): Date | null {
  const { der, revoked } = parsed;
  const wanted = Buffer.from(serialHex, 'hex');
  const entry = revoked
    ? findChild(der, revoked, (candidate) =>
        sameInteger(der, readTlv(der, candidate.contentStart, candidate.end), wanted),
      )
    : null;
  if (!entry) return null;
  const [, date, extensions] = childrenOf(der, entry);
  const found = extensions ? new pkijs.Extensions({ schema: decodeTlv(der, extensions) }).extensions : [];
  const reason = found.find((extension) => extension.extnID === OID.crlReason)?.parsedValue as unknown;
  if (reason instanceof asn1js.Enumerated && reason.valueBlock.valueDec === REMOVE_FROM_CRL) return null;
  const revokedAt = timeOf(der, date!);
  const invalidity = found.find((extension) => extension.extnID === OID.invalidityDate)?.parsedValue as unknown;
  if (invalidity instanceof asn1js.GeneralizedTime && invalidity.toDate() < revokedAt) return invalidity.toDate();
  return revokedAt;
}

/** Serial numbers compared as numbers: a DER sign-padding zero does not make them differ. */
function sameInteger(der: Uint8Array, integer: Tlv, wanted: Buffer): boolean {
  let start = integer.contentStart;
  while (start < integer.end - 1 && der[start] === 0) start++;
  return (
    integer.end - start === wanted.length &&
    Buffer.from(der.buffer, der.byteOffset + start, wanted.length).equals(wanted)
  );
}

function signedBy(crl: ParsedCrl, issuer: ParsedCertificate): boolean {
  return (
    verifySignatureValue(publicKeyOf(issuer.cert), crl.signatureAlgorithm, null, [crl.tbs], crl.signatureValue) === true
  );
}

function parseOrNull(der: Uint8Array): ParsedCrl | null {
  try {
    // The cache checked every entry when it stored the list; a damaged entry fails the lookup instead.
    return readCrl(der, { checkEntries: false });
  } catch {
    return null;
  }
}
