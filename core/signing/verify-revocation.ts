// Revocation status of a signer certificate from the offline CRL cache.
// Only facts here (revoked when, CRL current or not); what they mean for a
// signature made at a given time is decided by the verdict.
import * as asn1js from 'asn1js';
import { integerHex, publicKeyOf, type ParsedCertificate } from './certificates.ts';
import { readCrl, type CachedCrl, type CrlCache, type ParsedCrl } from './crl-cache.ts';
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

  const revokedAt = revocationTime(crl, cert.info.serialHex);
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
  const entry = parsed.crl.revokedCertificates?.find((revoked) => integerHex(revoked.userCertificate) === serialHex);
  if (!entry) return null;
  const extensions = entry.crlEntryExtensions?.extensions ?? [];
  const reason = extensions.find((extension) => extension.extnID === OID.crlReason)?.parsedValue as unknown;
  if (reason instanceof asn1js.Enumerated && reason.valueBlock.valueDec === REMOVE_FROM_CRL) return null;
  const revoked = entry.revocationDate.value;
  const invalidity = extensions.find((extension) => extension.extnID === OID.invalidityDate)?.parsedValue as unknown;
  if (invalidity instanceof asn1js.GeneralizedTime && invalidity.toDate() < revoked) return invalidity.toDate();
  return revoked;
}

function signedBy(parsed: ParsedCrl, issuer: ParsedCertificate): boolean {
  const { crl } = parsed;
  return verifySignatureValue(publicKeyOf(issuer.cert), crl.signatureAlgorithm, null, [crl.tbsView], crl.signatureValue.valueBlock.valueHexView) === true;
}

function parseOrNull(der: Uint8Array): ParsedCrl | null {
  try {
    return readCrl(der);
  } catch {
    return null;
  }
}
