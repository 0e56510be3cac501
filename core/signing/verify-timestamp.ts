// RFC 3161 timestamp tokens: the signature timestamp of a PAdES B-T
// signature (over the signature value) and the document timestamp of
// /SubFilter ETSI.RFC3161 (over the PDF's byte ranges).
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { ParsedCertificate } from './certificates.ts';
import { fromBerSized } from './der-reader.ts';
import { hashName } from './signature-value.ts';
import { buildChain } from './verify-chain.ts';
import { verifyCms, type CmsCheck } from './verify-cms.ts';

const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

export interface TimestampCheck {
  /**
   * valid: proves the time; invalid: broken or not about these bytes;
   * untrusted: intact, but from a TSA the office does not trust (or cannot identify).
   */
  status: 'valid' | 'invalid' | 'untrusted';
  /** Whether the token's message imprint is the hash of the stamped bytes; null when not reached. */
  imprintMatches: boolean | null;
  genTime: Date | null;
  detail: string;
  cms: CmsCheck;
}

/** Checks a token against the bytes it should have timestamped, hashing them in place. */
export function checkTimestampToken(
  token: Uint8Array,
  stamped: Uint8Array[],
  anchors: ParsedCertificate[],
): TimestampCheck {
  const cms = verifyCms(token, null);
  let imprintMatches: boolean | null = null;
  const result = (status: TimestampCheck['status'], detail: string, genTime: Date | null = null): TimestampCheck => ({
    status,
    imprintMatches,
    genTime,
    detail,
    cms,
  });
  if (cms.eContentType !== TST_INFO || !cms.eContent)
    return result('invalid', `not a timestamp token (${cms.eContentType ?? cms.detail})`);
  let tstInfo: pkijs.TSTInfo;
  try {
    tstInfo = new pkijs.TSTInfo({ schema: fromBerSized(cms.eContent).result });
  } catch (error) {
    return result('invalid', `unreadable TSTInfo: ${(error as Error).message}`);
  }
  const genTime = tstInfo.genTime;
  const hash = hashName(tstInfo.messageImprint.hashAlgorithm.algorithmId);
  if (!hash) return result('invalid', `imprint algorithm ${tstInfo.messageImprint.hashAlgorithm.algorithmId}`, genTime);
  const digest = createHash(hash);
  for (const chunk of stamped) digest.update(chunk);
  imprintMatches = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).equals(digest.digest());
  if (!imprintMatches) return result('invalid', 'the timestamp was issued for other data', genTime);
  // Without the TSA certificate the token cannot be checked, which is not proof that it is forged.
  if (cms.reasonCode === 'SIGNER_CERT_MISSING' || cms.reasonCode === 'ALGORITHM_UNSUPPORTED')
    return result('untrusted', cms.detail, genTime);
  if (cms.reasonCode !== 'OK') return result('invalid', cms.detail, genTime);
  const tsa = cms.signer!;
  // RFC 3161 §2.3: a TSA certificate carries the timeStamping extended key usage.
  if (!tsa.info.extendedKeyUsage.includes(TIME_STAMPING))
    return result('untrusted', `${tsa.info.subject} is not a timestamping certificate`, genTime);
  if (genTime < new Date(tsa.info.notBefore) || genTime > new Date(tsa.info.notAfter)) {
    return result('untrusted', `${tsa.info.subject} was not valid at ${genTime.toISOString()}`, genTime);
  }
  const chain = buildChain(tsa, cms.certificates, anchors, genTime);
  if (!chain.trusted) return result('untrusted', chain.detail, genTime);
  return result('valid', '', genTime);
}
