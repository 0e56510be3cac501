// Verifies a CMS SignedData (RFC 5652) the way a PDF signature and an
// RFC 3161 timestamp token both need: digest of the content against the
// signed messageDigest, signature value with the signer certificate's key,
// and the ESS signing-certificate binding. No trust decisions here.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  certificateFromAsn1,
  certificateNodes,
  formatName,
  integerHex,
  publicKeyOf,
  signedDataFields,
  type ParsedCertificate,
} from './certificates.ts';
import { ensurePkijsEngine } from './crypto-engine.ts';
import { fromBerSized } from './der-reader.ts';
import { hashName, signatureHashName, verifySignatureValue } from './signature-value.ts';

export type CmsReasonCode =
  | 'OK'
  | 'CMS_UNREADABLE'
  | 'ALGORITHM_UNSUPPORTED'
  | 'DIGEST_MISMATCH'
  | 'SIGNER_CERT_MISSING'
  | 'CMS_SIGNATURE_INVALID'
  | 'ESS_CERT_MISMATCH';

export interface CmsCheck {
  reasonCode: CmsReasonCode;
  detail: string;
  /** Whether the content digest matched the signed one; null when not reached. */
  digestMatches: boolean | null;
  /** Whether the signature value verified; null when not reached. */
  signatureVerified: boolean | null;
  signer: ParsedCertificate | null;
  /** Every certificate the CMS carries, signer included: the pieces for chain building. */
  certificates: ParsedCertificate[];
  signerInfo: pkijs.SignerInfo | null;
  /** The encapsulated content (a timestamp token's TSTInfo), null for detached signatures. */
  eContent: Uint8Array | null;
  eContentType: string | null;
  /** The signingTime signed attribute, which adbe.pkcs7 signers add. */
  signingTime: Date | null;
  /** The hashes the signature rests on (content digest, then the signature algorithm's), as node:crypto names them. */
  hashes: string[];
}

const OID = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  subjectKeyIdentifier: '2.5.29.14',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/**
 * Checks a SignedData over `detached` content (the PDF's byte ranges, hashed
 * in place) or, when it encapsulates its content, over that. Never throws:
 * every failure is a reason code.
 */
export function verifyCms(der: Uint8Array, detached: Uint8Array[] | null): CmsCheck {
  ensurePkijsEngine();
  const result: CmsCheck = {
    reasonCode: 'CMS_UNREADABLE',
    detail: '',
    digestMatches: null,
    signatureVerified: null,
    signer: null,
    certificates: [],
    signerInfo: null,
    eContent: null,
    eContentType: null,
    signingTime: null,
    hashes: [],
  };
  const fail = (reasonCode: CmsReasonCode, detail: string): CmsCheck => Object.assign(result, { reasonCode, detail });

  // Only the parts needed are handed to pkijs: its SignedData class would also decode every
  // certificate through its schema matcher, which costs more than all the crypto here.
  let signerInfos: asn1js.AsnType[];
  let encapContentInfo: pkijs.EncapsulatedContentInfo;
  try {
    const asn = fromBerSized(der);
    if (asn.offset === -1) return fail('CMS_UNREADABLE', `not BER: ${asn.result.error}`);
    const fields = signedDataFields(asn.result);
    if (!fields) return fail('CMS_UNREADABLE', 'not a CMS SignedData');
    const last = fields.at(-1);
    if (fields.length < 4 || !(last instanceof asn1js.Set))
      return fail('CMS_UNREADABLE', 'SignedData without signerInfos');
    encapContentInfo = new pkijs.EncapsulatedContentInfo({ schema: fields[2] });
    signerInfos = last.valueBlock.value;
    result.certificates = embeddedCertificates(fields);
  } catch (error) {
    return fail('CMS_UNREADABLE', `not a CMS SignedData: ${(error as Error).message}`);
  }
  // PAdES and RFC 3161 both require exactly one signer; a second one would be a signature nobody looks at.
  if (signerInfos.length !== 1) return fail('CMS_UNREADABLE', `${signerInfos.length} signers instead of one`);
  let signerInfo: pkijs.SignerInfo;
  try {
    signerInfo = new pkijs.SignerInfo({ schema: signerInfos[0] });
  } catch (error) {
    return fail('CMS_UNREADABLE', `unreadable SignerInfo: ${(error as Error).message}`);
  }
  result.signerInfo = signerInfo;
  result.eContentType = encapContentInfo.eContentType;
  const eContent = encapContentInfo.eContent;
  result.eContent = eContent ? octets(eContent) : null;
  const content = result.eContent ? [result.eContent] : detached;
  if (!content) return fail('CMS_UNREADABLE', 'detached signature without the content it signs');

  const digestHash = hashName(signerInfo.digestAlgorithm.algorithmId);
  if (!digestHash) return fail('ALGORITHM_UNSUPPORTED', `digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  result.hashes = [digestHash, signatureHashName(signerInfo.signatureAlgorithm, digestHash)].filter(
    (hash): hash is string => hash !== null,
  );
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  let signedBytes: Uint8Array[];
  if (signerInfo.signedAttrs) {
    const messageDigest = attributeValue(attributes, OID.messageDigest);
    if (!(messageDigest instanceof asn1js.OctetString))
      return fail('CMS_UNREADABLE', 'signed attributes without messageDigest');
    const digest = createHash(digestHash);
    for (const chunk of content) digest.update(chunk);
    result.digestMatches = Buffer.from(messageDigest.valueBlock.valueHexView).equals(digest.digest());
    if (!result.digestMatches)
      return fail('DIGEST_MISMATCH', 'the content digest differs from the signed messageDigest');
    // pkijs keeps the attributes as received, already re-tagged from [0] to SET (RFC 5652 §5.4).
    signedBytes = [new Uint8Array(signerInfo.signedAttrs.encodedValue)];
  } else {
    signedBytes = content;
  }

  const signer = result.certificates.find((cert) => identifies(signerInfo.sid, cert)) ?? null;
  if (!signer) return fail('SIGNER_CERT_MISSING', 'the CMS does not carry the signer certificate');
  result.signer = signer;
  const verified = verifySignatureValue(
    publicKeyOf(signer.cert),
    signerInfo.signatureAlgorithm,
    digestHash,
    signedBytes,
    octets(signerInfo.signature),
  );
  if (verified === 'unsupported')
    return fail('ALGORITHM_UNSUPPORTED', `signature algorithm ${signerInfo.signatureAlgorithm.algorithmId}`);
  result.signatureVerified = verified;
  // Without signed attributes the signature is over the content itself, so this is also the integrity check.
  if (!signerInfo.signedAttrs) result.digestMatches = verified;
  if (!verified)
    return fail(
      signerInfo.signedAttrs ? 'CMS_SIGNATURE_INVALID' : 'DIGEST_MISMATCH',
      'the signature value does not verify with the signer key',
    );

  const essMismatch = essCertificateMismatch(attributes, signer);
  if (essMismatch) return fail('ESS_CERT_MISMATCH', essMismatch);
  const signingTime = attributeValue(attributes, OID.signingTime);
  if (signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime)
    result.signingTime = signingTime.toDate();
  return Object.assign(result, { reasonCode: 'OK', detail: '' });
}

/**
 * Whether the signer signed what CAdES requires besides the content (ETSI EN
 * 319 122-1 §5.1, §5.2.2): its content type, its digest, and the hash of the
 * signer's certificate, so no other certificate for the same key can be
 * passed off as the signer's.
 */
export function hasCadesAttributes(signerInfo: pkijs.SignerInfo): boolean {
  const types = new Set((signerInfo.signedAttrs?.attributes ?? []).map((attribute) => attribute.type));
  return (
    types.has(OID.contentType) &&
    types.has(OID.messageDigest) &&
    (types.has(OID.signingCertificateV2) || types.has(OID.signingCertificate))
  );
}

export function attributeValue(attributes: pkijs.Attribute[], oid: string): unknown {
  return attributes.find((attribute) => attribute.type === oid)?.values[0];
}

export function octets(value: asn1js.OctetString | asn1js.BitString): Uint8Array {
  // A constructed (BER) OCTET STRING keeps its pieces in valueBlock.value; joined they are the content.
  if (value instanceof asn1js.OctetString && value.valueBlock.isConstructed) {
    return Buffer.concat(value.valueBlock.value.map((part) => octets(part as asn1js.OctetString)));
  }
  return value.valueBlock.valueHexView;
}

/**
 * ESS signing-certificate(-v2): the signer committed to the hash of its
 * certificate, so a different certificate with the same key and name
 * cannot be substituted. Returns why it does not match, or null.
 */
function essCertificateMismatch(attributes: pkijs.Attribute[], signer: ParsedCertificate): string | null {
  for (const [oid, version] of [
    [OID.signingCertificateV2, 2],
    [OID.signingCertificate, 1],
  ] as const) {
    const value = attributeValue(attributes, oid);
    if (value === undefined) continue;
    const firstId = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
    const certIds = firstId instanceof asn1js.Sequence ? firstId.valueBlock.value : [];
    const essCertId = certIds[0];
    if (!(essCertId instanceof asn1js.Sequence)) return `unreadable ESS signing-certificate v${version}`;
    const [first, second] = essCertId.valueBlock.value;
    // v2 starts with an optional hashAlgorithm (default SHA-256); v1 is always SHA-1.
    const algorithm =
      version === 1
        ? '1.3.14.3.2.26'
        : first instanceof asn1js.Sequence
          ? new pkijs.AlgorithmIdentifier({ schema: first }).algorithmId
          : OID.sha256;
    const certHash = first instanceof asn1js.Sequence ? second : first;
    const hash = hashName(algorithm);
    if (!(certHash instanceof asn1js.OctetString) || !hash) return `unreadable ESS signing-certificate v${version}`;
    if (!Buffer.from(certHash.valueBlock.valueHexView).equals(createHash(hash).update(signer.der).digest())) {
      return `ESS signing-certificate v${version} names a different certificate than the one that signed`;
    }
  }
  return null;
}

/** The CMS certificates as their exact received bytes, which the ESS hash and trust store are about. */
function embeddedCertificates(signedDataFields: asn1js.AsnType[]): ParsedCertificate[] {
  return certificateNodes(signedDataFields).flatMap((node) => {
    try {
      return [certificateFromAsn1(node, node.valueBeforeDecodeView)];
    } catch {
      // An unreadable entry cannot be the signer or a CA.
      return [];
    }
  });
}

function identifies(sid: pkijs.SignerInfo['sid'], cert: ParsedCertificate): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return formatName(sid.issuer) === cert.info.issuer && integerHex(sid.serialNumber) === cert.info.serialHex;
  }
  const keyId = (sid as asn1js.Constructed | asn1js.Primitive).idBlock.isConstructed
    ? ((sid as asn1js.Constructed).valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView
    : (sid as asn1js.Primitive).valueBlock.valueHexView;
  const ski = cert.cert.extensions?.find((extension) => extension.extnID === OID.subjectKeyIdentifier)
    ?.parsedValue as unknown;
  return ski instanceof asn1js.OctetString && Buffer.from(ski.valueBlock.valueHexView).equals(keyId);
}
