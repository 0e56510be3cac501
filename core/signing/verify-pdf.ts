// The verdict on each signature of a received PDF: is the content what was
// signed, who signed it (chained to a CA the office trusts), was their
// certificate good when they signed, and has anything unsigned been added
// since. Works offline from the trust store and the CRL cache.
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.ts';
import type { SignatureVerdict } from '../../shared/signing.ts';
import { copyInfo, hasSigningUsage, type ParsedCertificate } from './certificates.ts';
import type { CrlCache } from './crl-cache.ts';
import { changesAfter, coverageEnd, readSignatureStructure, type ChangesAfter, type PdfSignatureField } from './pdf-signatures.ts';
import type { TrustStore } from './trust-store.ts';
import { reasonText, validNotes, type ReasonFacts, type VerdictCode } from './verdict-text.ts';
import { buildChain } from './verify-chain.ts';
import { attributeValue, octets, verifyCms, type CmsCheck } from './verify-cms.ts';
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
  // A later update counts as "only a signature" when that signature itself is intact;
  // otherwise anyone could hide changes behind a bogus signature field.
  const intactEnds = fields.filter((_, position) => integrity[position]?.reasonCode === 'OK').map((field) => coverageEnd(field.byteRange));
  const verdicts: SignatureVerdict[] = [];
  for (const [position, field] of fields.entries()) {
    const changes = field.malformed === null ? changesAfter(text, coverageEnd(field.byteRange), intactEnds, revisionEnds) : field.changesAfter;
    verdicts.push(await judge(field, integrity[position] ?? null, changes, anchors, options));
  }
  return verdicts;
}

/**
 * Digest and CMS signature only, no trust or revocation: the check made
 * right after signing, before the signed file replaces the original.
 */
export async function verifySignatureIntegrity(pdf: Uint8Array, field: PdfSignatureField): Promise<{ ok: boolean; reasonCode: string }> {
  if (field.malformed !== null) return { ok: false, reasonCode: 'MALFORMED' };
  const { reasonCode } = checkIntegrity(pdf, field, []);
  return { ok: reasonCode === 'OK', reasonCode };
}

function checkIntegrity(pdf: Uint8Array, field: PdfSignatureField, anchors: ParsedCertificate[]): Integrity {
  const [start, firstLength, secondStart, secondLength] = field.byteRange;
  const ranges = [pdf.subarray(start, start + firstLength), pdf.subarray(secondStart, secondStart + secondLength)];
  if (field.subFilter === DOCUMENT_TIMESTAMP) {
    // The token's own messageDigest covers its TSTInfo; what binds it to the file is the imprint.
    const token = checkTimestampToken(field.contents, ranges, anchors);
    token.cms.digestMatches = token.imprintMatches;
    const reasonCode = token.imprintMatches === false ? 'DIGEST_MISMATCH' : token.imprintMatches === null && token.cms.reasonCode === 'OK' ? 'CMS_UNREADABLE' : token.cms.reasonCode;
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
  const conclude = (status: SignatureVerdict['status'], code: VerdictCode, facts: ReasonFacts = {}, notes: string[] = []) =>
    Object.assign(verdict, { status, reasonCode: code, reason: [reasonText(code, facts), ...notes].join(' ') });

  if (!integrity) return conclude('invalid', 'MALFORMED');
  if (integrity.reasonCode !== 'OK') return conclude(INTEGRITY_STATUS[integrity.reasonCode], integrity.reasonCode);
  const { cms } = integrity;
  const signer = cms.signer!;

  // When it was signed: a trusted timestamp proves it; otherwise the signer's own claim.
  const token = integrity.documentTimestamp ?? signatureTimestamp(cms, anchors);
  const timestamped = token?.status === 'valid' ? token.genTime : null;
  // A document timestamp's only time is its own; a signature timestamp that proves nothing is not used.
  const claimed = cms.signingTime ?? (field.claimedTime ? new Date(field.claimedTime) : null) ?? integrity.documentTimestamp?.genTime ?? null;
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
  const issuer = chain.trusted || chain.expiredCa ? chain.path[1] : undefined;
  const revocation: Revocation | null = issuer ? await revocationOf(signer, issuer, options.crls, options.now, options.online) : null;
  verdict.checks.revocation = revocation?.state ?? null;

  // Proven problems first (invalid), then what keeps us from a verdict (indeterminate).
  if (afterValidity) return conclude('invalid', 'CERT_EXPIRED_AT_SIGNING', { notAfter: signer.info.notAfter });
  if (beforeValidity) return conclude('invalid', 'CERT_NOT_YET_VALID_AT_SIGNING', { notBefore: signer.info.notBefore });
  if (chain.expiredCa) return conclude('invalid', 'CERT_EXPIRED_AT_SIGNING', { expiredCa: chain.expiredCa.info.subject });
  if (!hasSigningUsage(signer.info)) return conclude('invalid', 'CERT_NO_SIGNING_USAGE');
  const revokedAt = revocation?.state === 'revoked' ? revocation.at : null;
  // Revoked before the time the signer claims is self-evidently bad; with no time at all it is only unproven.
  if (revokedAt && signedAt && revokedAt <= signedAt) return conclude('invalid', 'REVOKED', { revokedAt });

  if (changes.otherRevisions > 0) return conclude('indeterminate', 'MODIFIED_AFTER_SIGNING');
  if (!chain.trusted) return conclude('indeterminate', 'CHAIN_UNTRUSTED');
  if (token?.status === 'invalid') return conclude('indeterminate', 'TIMESTAMP_INVALID');
  if (revokedAt && !timestamped) return conclude('indeterminate', 'REVOKED_AFTER_SIGNING_NO_TIMESTAMP', { revokedAt, signedAt });
  if (revocation?.state === 'stale') return conclude('indeterminate', 'CRL_STALE');
  if (revocation?.state === 'unknown') return conclude('indeterminate', 'REVOCATION_UNKNOWN', { noCdp: revocation.why === 'no-cdp' });

  const notes: string[] = [];
  if (timestamped) notes.push(validNotes.timestamped(timestamped));
  if (token?.status === 'untrusted') notes.push(validNotes.untrustedTimestamp);
  if (revokedAt) notes.push(validNotes.revokedLater(revokedAt));
  else if (revocation?.state === 'good') notes.push(validNotes.crlAsOf(revocation.crl.thisUpdate));
  if (changes.laterSignatures > 0) notes.push(validNotes.laterSignatures);
  return conclude('valid', 'OK', {}, notes);
}

/** The RFC 3161 token in the signer's unsigned attributes (PAdES B-T), checked against the signature value. */
function signatureTimestamp(cms: CmsCheck, anchors: ParsedCertificate[]): TimestampCheck | null {
  const token = attributeValue(cms.signerInfo?.unsignedAttrs?.attributes ?? [], SIGNATURE_TIMESTAMP) as { valueBeforeDecodeView?: Uint8Array } | undefined;
  if (!token?.valueBeforeDecodeView) return null;
  return checkTimestampToken(token.valueBeforeDecodeView, [octets(cms.signerInfo!.signature)], anchors);
}

function levelOf(subFilter: string | null, hasTimestamp: boolean): SignatureVerdict['level'] {
  if (subFilter === 'ETSI.CAdES.detached') return hasTimestamp ? 'B-T' : 'B-B';
  if (subFilter?.startsWith('adbe.pkcs7.')) return 'PKCS7';
  return null;
}
