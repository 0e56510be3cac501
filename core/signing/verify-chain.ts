// Path building from a signer certificate to one of the office's trust
// anchors, using the certificates the signature carries. Our own small
// builder instead of pkijs's engine: it must not judge revocation (that
// needs the PAdES time rules) and node:crypto checks each link in
// microseconds.
import { X509Certificate } from 'node:crypto';
import type { ParsedCertificate } from './certificates.ts';

// Real chains are 2–4 certificates; the bound keeps a crafted certificate loop cheap.
const MAX_DEPTH = 8;

export interface ChainResult {
  trusted: boolean;
  /** leaf → … → anchor when trusted, else the longest path found. */
  path: ParsedCertificate[];
  /** A CA on the path that was not valid at the time of signing. */
  expiredCa: ParsedCertificate | null;
  detail: string;
}

/**
 * A path leaf → … → anchor (inclusive), or the longest path found when no
 * anchor is reached. CAs on the path must be within their validity at `at`
 * (the signing time); the anchor is trusted as configured, whatever its dates.
 */
export function buildChain(
  leaf: ParsedCertificate,
  candidates: ParsedCertificate[],
  anchors: ParsedCertificate[],
  at: Date,
): ChainResult {
  const anchorHashes = new Set(anchors.map((anchor) => anchor.info.sha256));
  const pool = [...anchors, ...candidates.filter((cert) => !anchorHashes.has(cert.info.sha256))];
  let longest: ParsedCertificate[] = [leaf];

  const extend = (path: ParsedCertificate[]): ParsedCertificate[] | null => {
    const last = path.at(-1)!;
    if (anchorHashes.has(last.info.sha256)) return path;
    if (path.length > MAX_DEPTH) return null;
    if (path.length > longest.length) longest = path;
    for (const issuer of pool) {
      if (path.includes(issuer) || issuer.info.subject !== last.info.issuer || !mayIssue(issuer)) continue;
      if (!signedBy(last, issuer)) continue;
      const found = extend([...path, issuer]);
      if (found) return found;
    }
    return null;
  };

  const path = extend([leaf]);
  if (!path)
    return {
      trusted: false,
      path: longest,
      expiredCa: null,
      detail: `no path from ${leaf.info.subject} to a trusted CA`,
    };
  const expiredCa =
    path.slice(1, -1).find((ca) => at < new Date(ca.info.notBefore) || at > new Date(ca.info.notAfter)) ?? null;
  if (expiredCa)
    return {
      trusted: false,
      path,
      expiredCa,
      detail: `${expiredCa.info.subject} was not valid at ${at.toISOString()}`,
    };
  return { trusted: true, path, expiredCa: null, detail: '' };
}

/** RFC 5280 §4.2.1.3/§4.2.1.9: only a CA whose key usage (if stated) allows certificate signing. */
function mayIssue(issuer: ParsedCertificate): boolean {
  return issuer.info.isCa && (issuer.info.keyUsage.length === 0 || issuer.info.keyUsage.includes('keyCertSign'));
}

function signedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  try {
    return new X509Certificate(child.der).verify(new X509Certificate(issuer.der).publicKey);
  } catch {
    return false;
  }
}
