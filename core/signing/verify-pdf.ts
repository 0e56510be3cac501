// The verdict on each signature of a received PDF: is the content what was
// signed, who signed it (chained to a CA the office trusts), was their
// certificate good when they signed, and has anything unsigned been added
// since. Works offline from the trust store and the CRL cache.
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import type { SignatureVerdict } from '../../shared/signing.ts';
import { copyInfo, hasSigningUsage, type ParsedCertificate } from './certificates.ts';
import type { CrlCache } from './crl-cache.ts';
import {
  changesAfter,
  coverageEnd,
  readSignatureStructure,
  type ChangesAfter,
  type PdfSignatureField,
  type UpdateJudge,
} from './pdf-signatures.ts';
import { matchFilledText, readFirstPage, readHeader } from './number-fill.ts';
import { filledTextOnlyUpdate, signatureOnlyUpdate } from './revision-changes.ts';
import type { TrustStore } from './trust-store.ts';
import { reasonText, validNotes, type ReasonFacts, type VerdictCode } from './verdict-text.ts';
import { buildChain } from './verify-chain.ts';
import { attributeValue, hasCadesAttributes, octets, verifyCms, type CmsCheck } from './verify-cms.ts';
import { revocationOf, type Revocation } from './verify-revocation.ts';
import { checkTimestampToken, type TimestampCheck } from './verify-timestamp.ts';

export interface VerifyOptions {
  trust: TrustStore;
  crls: CrlCache;
  now: Date;
  /** When true, missing or out-of-date CRLs of the signer are fetched first; failures fall back to the cache. */
  online: boolean;
}

// The verdict's shape is shared with every transport; reasonCode is one of VerdictCode.
export type { SignatureVerdict };

const SIGNATURE_TIMESTAMP = '1.2.840.113549.1.9.16.2.14';
const DOCUMENT_TIMESTAMP = 'ETSI.RFC3161';
const CADES = 'ETSI.CAdES.detached';
const NO_CHANGES: ChangesAfter = { bytesAppended: 0, laterSignatures: 0, otherRevisions: 0 };

// What a failed integrity check means: content or signature proven wrong is invalid; a
// signature we cannot even evaluate is indeterminate (not proven forged).
const INTEGRITY_STATUS: Record<Exclude<CmsCheck['reasonCode'], 'OK'> | 'MALFORMED', SignatureVerdict['status']> = {
  MALFORMED: 'invalid',
  CMS_UNREADABLE: 'invalid',
  DIGEST_MISMATCH: 'invalid',
  CMS_SIGNATURE_INVALID: 'invalid',
  ESS_CERT_MISMATCH: 'invalid',
  SIGNER_CERT_MISSING: 'indeterminate',
  ALGORITHM_UNSUPPORTED: 'indeterminate',
};

interface Integrity {
  reasonCode: CmsCheck['reasonCode'];
  cms: CmsCheck;
  /** The token itself, for a document timestamp (/SubFilter ETSI.RFC3161). */
  documentTimestamp: TimestampCheck | null;
}

export async function verifyPdf(pdf: Uint8Array, options: VerifyOptions): Promise<SignatureVerdict[]> {
  const head = Buffer.from(pdf.buffer, pdf.byteOffset, Math.min(pdf.length, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new AppError('PDF_NOT_PDF', 'no %PDF- header in the first 1024 bytes');
  const { fields, text, revisionEnds } = readSignatureStructure(pdf);
  if (fields.length === 0) return [];
  const anchors = options.trust.certificates();
  const integrity = fields.map((field) => (field.malformed === null ? checkIntegrity(pdf, field, anchors) : null));
  // A later update counts as "only a signature" when that signature itself is intact and
  // the update changes nothing else; otherwise anyone could hide changes behind a signature.
  const intactEnds = fields
    .filter((_, position) => integrity[position]?.reasonCode === 'OK')
    .map((field) => coverageEnd(field.byteRange));
  const updates: UpdateJudge = {
    signatureOnly: judgedOnce((from, to) => signatureOnlyUpdate(pdf.subarray(0, from), pdf.subarray(0, to)).ok),
    numberFilledIn: judgedOnce((from, to) => numberFilledIn(pdf.subarray(0, from), pdf.subarray(0, to))),
  };
  const verdicts: SignatureVerdict[] = [];
  for (const [position, field] of fields.entries()) {
    const changes =
      field.malformed === null
        ? await changesAfter(text, coverageEnd(field.byteRange), intactEnds, revisionEnds, updates)
        : NO_CHANGES;
    verdicts.push(await judge(field, integrity[position] ?? null, changes, anchors, options));
  }
  return verdicts;
}

/** Every earlier signature asks about the same later updates; each is read once. */
function judgedOnce<T>(judge: (from: number, to: number) => T): (from: number, to: number) => T {
  const judged = new Map<string, T>();
  return (from, to) => {
    const key = `${from}-${to}`;
    if (!judged.has(key)) judged.set(key, judge(from, to));
    return judged.get(key)!;
  };
}

/**
 * The Số and date lines as an update made them read, when all it did was write a number and a
 * date into their blanks: text annotations of the kind number-fill.ts draws (checked by their
 * structure and glyphs), each inside a blank of page 1 as its own text layer shows it.
 */
async function numberFilledIn(before: Uint8Array, after: Uint8Array): Promise<string[] | null> {
  const check = filledTextOnlyUpdate(before, after);
  if (!check.ok) return null;
  try {
    const { layout, page } = await readFirstPage(before);
    const match = matchFilledText(readHeader(layout, page), check.drawn);
    return match.ok ? match.lines : null;
  } catch {
    // A page pdf.js cannot read has no blanks we could vouch for.
    return null;
  }
}

function checkIntegrity(pdf: Uint8Array, field: PdfSignatureField, anchors: ParsedCertificate[]): Integrity {
  const [start, firstLength, secondStart, secondLength] = field.byteRange;
  const ranges = [pdf.subarray(start, start + firstLength), pdf.subarray(secondStart, secondStart + secondLength)];
  if (field.subFilter === DOCUMENT_TIMESTAMP) {
    // The token's own messageDigest covers its TSTInfo; what binds it to the file is the imprint.
    const token = checkTimestampToken(field.contents, ranges, anchors);
    token.cms.digestMatches = token.imprintMatches;
    const reasonCode =
      token.imprintMatches === false
        ? 'DIGEST_MISMATCH'
        : token.imprintMatches === null && token.cms.reasonCode === 'OK'
          ? 'CMS_UNREADABLE'
          : token.cms.reasonCode;
    return { reasonCode, cms: token.cms, documentTimestamp: token };
  }
  const cms = verifyCms(field.contents, ranges);
  if (cms.reasonCode === 'OK' && cms.eContent) {
    // A signature that encapsulates its content signs that content, not the file. The one
    // legitimate case is adbe.pkcs7.sha1, whose content is the SHA-1 of the byte ranges.
    const sha1 = createHash('sha1');
    for (const range of ranges) sha1.update(range);
    if (!Buffer.from(cms.eContent).equals(sha1.digest())) {
      cms.digestMatches = false;
      return { reasonCode: 'DIGEST_MISMATCH', cms, documentTimestamp: null };
    }
  }
  return { reasonCode: cms.reasonCode, cms, documentTimestamp: null };
}

async function judge(
  field: PdfSignatureField,
  integrity: Integrity | null,
  changes: ChangesAfter,
  anchors: ParsedCertificate[],
  options: VerifyOptions,
): Promise<SignatureVerdict> {
  const verdict: SignatureVerdict = {
    index: field.index,
    fieldName: field.fieldName,
    status: 'indeterminate',
    reasonCode: '',
    reason: '',
    signer: integrity?.cms.signer ? copyInfo(integrity.cms.signer.info) : null,
    signedAt: null,
    timeSource: null,
    level: null,
    subFilter: field.subFilter,
    coversWholeFile: field.coversWholeFile,
    changesAfter: changes,
    checks: {
      integrity: integrity ? integrity.cms.digestMatches : null,
      cmsSignature: integrity ? integrity.cms.signatureVerified : null,
      chain: null,
      validityAtSigning: null,
      revocation: null,
      timestamp: null,
    },
  };
  const conclude = (
    status: SignatureVerdict['status'],
    code: VerdictCode,
    facts: ReasonFacts = {},
    notes: string[] = [],
  ) => Object.assign(verdict, { status, reasonCode: code, reason: [reasonText(code, facts), ...notes].join(' ') });

  if (!integrity) return conclude('invalid', 'MALFORMED');
  if (integrity.reasonCode !== 'OK') return conclude(INTEGRITY_STATUS[integrity.reasonCode], integrity.reasonCode);
  const { cms } = integrity;
  const signer = cms.signer!;

  // When it was signed: a trusted timestamp proves it; otherwise the signer's own claim.
  const token = integrity.documentTimestamp ?? signatureTimestamp(cms, anchors);
  const timestamped = token?.status === 'valid' ? token.genTime : null;
  // A document timestamp's only time is its own; a signature timestamp that proves nothing is not used.
  const claimed =
    cms.signingTime ??
    (field.claimedTime ? new Date(field.claimedTime) : null) ??
    integrity.documentTimestamp?.genTime ??
    null;
  const signedAt = timestamped ?? claimed;
  verdict.signedAt = signedAt?.toISOString() ?? null;
  verdict.timeSource = timestamped ? 'timestamp' : signedAt ? 'claimed' : null;
  verdict.checks.timestamp = token ? token.status === 'valid' : null;
  verdict.level = levelOf(field.subFilter, token !== null);
  // With no time at all the only moment we can judge is now.
  const at = signedAt ?? options.now;

  const chain = buildChain(signer, cms.certificates, anchors, at);
  verdict.checks.chain = chain.trusted || chain.expiredCa !== null;
  const beforeValidity = at < new Date(signer.info.notBefore);
  const afterValidity = at > new Date(signer.info.notAfter);
  verdict.checks.validityAtSigning = !beforeValidity && !afterValidity && chain.expiredCa === null;
  // The signer and every CA below the anchor: any of them revoked undoes the signature (RFC 5280 §6.1.3).
  const path = chain.trusted || chain.expiredCa ? chain.path : [];
  const revocations: PathRevocation[] = [];
  for (const [position, cert] of path.slice(0, -1).entries()) {
    revocations.push({
      cert,
      revocation: await revocationOf(cert, path[position + 1]!, options.crls, options.now, options.online),
    });
  }
  verdict.checks.revocation = revocationSummary(revocations);
  const aboutCa = (cert: ParsedCertificate) => (cert === signer ? undefined : cert.info.subject);

  // Proven problems first (invalid), then what keeps us from a verdict (indeterminate).
  // ETSI EN 319 102-1 counts a signature not in its declared format as failed (FORMAT_FAILURE).
  if (field.subFilter === CADES && !hasCadesAttributes(cms.signerInfo!))
    return conclude('invalid', 'CADES_ATTRIBUTES_MISSING');
  if (afterValidity) return conclude('invalid', 'CERT_EXPIRED_AT_SIGNING', { notAfter: signer.info.notAfter });
  if (beforeValidity) return conclude('invalid', 'CERT_NOT_YET_VALID_AT_SIGNING', { notBefore: signer.info.notBefore });
  if (chain.expiredCa) return conclude('invalid', 'CERT_EXPIRED_AT_SIGNING', { ca: chain.expiredCa.info.subject });
  if (!hasSigningUsage(signer.info)) return conclude('invalid', 'CERT_NO_SIGNING_USAGE');
  const revoked = revocations.flatMap(({ cert, revocation }) =>
    revocation.state === 'revoked' ? [{ cert, at: revocation.at }] : [],
  );
  // Revoked before the time the signer claims is self-evidently bad; with no time at all it is only unproven.
  const revokedBefore = revoked.find((entry) => signedAt && entry.at <= signedAt);
  if (revokedBefore)
    return conclude('invalid', 'REVOKED', { revokedAt: revokedBefore.at, ca: aboutCa(revokedBefore.cert) });

  // SHA-1 collisions can be made to order: a SHA-1 signature may vouch for other bytes.
  if (usesSha1(field, cms)) return conclude('indeterminate', 'WEAK_HASH_ALGORITHM');
  if (changes.otherRevisions > 0) return conclude('indeterminate', 'MODIFIED_AFTER_SIGNING');
  if (!chain.trusted) return conclude('indeterminate', 'CHAIN_UNTRUSTED');
  if (token?.status === 'invalid') return conclude('indeterminate', 'TIMESTAMP_INVALID');
  // Without a timestamp the signing time is only claimed, and a claim can be backdated into the validity period.
  const expired = timestamped
    ? undefined
    : path.slice(0, -1).find((cert) => options.now > new Date(cert.info.notAfter));
  if (expired)
    return conclude('indeterminate', 'CERT_EXPIRED_NO_TIMESTAMP', {
      notAfter: expired.info.notAfter,
      ca: aboutCa(expired),
    });
  const laterRevocation = revoked[0];
  if (laterRevocation && !timestamped) {
    return conclude('indeterminate', 'REVOKED_AFTER_SIGNING_NO_TIMESTAMP', {
      revokedAt: laterRevocation.at,
      signedAt,
      ca: aboutCa(laterRevocation.cert),
    });
  }
  const stale = revocations.find(({ revocation }) => revocation.state === 'stale');
  if (stale) return conclude('indeterminate', 'CRL_STALE', { ca: aboutCa(stale.cert) });
  const [unknown] = revocations.flatMap(({ cert, revocation }) =>
    revocation.state === 'unknown' ? [{ cert, why: revocation.why }] : [],
  );
  if (unknown)
    return conclude('indeterminate', 'REVOCATION_UNKNOWN', {
      noCdp: unknown.why === 'no-cdp',
      ca: aboutCa(unknown.cert),
    });

  const notes: string[] = [];
  if (timestamped) notes.push(validNotes.timestamped(timestamped));
  if (token?.status === 'untrusted') notes.push(validNotes.untrustedTimestamp);
  for (const entry of revoked) notes.push(validNotes.revokedLater(entry.at, aboutCa(entry.cert)));
  const signerRevocation = revocations[0]?.revocation;
  if (signerRevocation?.state === 'good') notes.push(validNotes.crlAsOf(signerRevocation.crl.thisUpdate));
  if (changes.numberFilledIn)
    notes.push(validNotes.numberFilledIn(changes.numberFilledIn, changes.laterSignatures > 0));
  else if (changes.laterSignatures > 0) notes.push(validNotes.laterSignatures);
  return conclude('valid', 'OK', {}, notes);
}

interface PathRevocation {
  cert: ParsedCertificate;
  revocation: Revocation;
}

/** One state for the whole path, the most serious first. */
function revocationSummary(revocations: PathRevocation[]): SignatureVerdict['checks']['revocation'] {
  if (revocations.length === 0) return null;
  const states = new Set(revocations.map(({ revocation }) => revocation.state));
  return (['revoked', 'unknown', 'stale'] as const).find((state) => states.has(state)) ?? 'good';
}

/** SHA-1 as the content digest or in the signature algorithm, or adbe.pkcs7.sha1, whose content is a SHA-1. */
function usesSha1(field: PdfSignatureField, cms: CmsCheck): boolean {
  return cms.hashes.includes('sha1') || (field.subFilter !== DOCUMENT_TIMESTAMP && cms.eContent !== null);
}

/** The RFC 3161 token in the signer's unsigned attributes (PAdES B-T), checked against the signature value. */
function signatureTimestamp(cms: CmsCheck, anchors: ParsedCertificate[]): TimestampCheck | null {
  const token = attributeValue(cms.signerInfo?.unsignedAttrs?.attributes ?? [], SIGNATURE_TIMESTAMP) as
    { valueBeforeDecodeView?: Uint8Array } | undefined;
  if (!token?.valueBeforeDecodeView) return null;
  return checkTimestampToken(token.valueBeforeDecodeView, [octets(cms.signerInfo!.signature)], anchors);
}

function levelOf(subFilter: string | null, hasTimestamp: boolean): SignatureVerdict['level'] {
  if (subFilter === 'ETSI.CAdES.detached') return hasTimestamp ? 'B-T' : 'B-B';
  if (subFilter?.startsWith('adbe.pkcs7.')) return 'PKCS7';
  return null;
}
