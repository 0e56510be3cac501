// X.509 certificates as the clerk and the verifier see them: names decoded
// to readable UTF-8, the usages that decide whether a key may sign, and the
// CRL addresses revocation checks need.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../shared/errors.ts';
import type { CertificateInfo } from '../../shared/signing.ts';
import { ensurePkijsEngine } from './crypto-engine.ts';
import { fromBerSized } from './der-reader.ts';

// The shape every transport carries is defined once, in shared/.
export type { CertificateInfo };

/** A certificate kept three ways: its exact bytes, pkijs's structure, and the summary. */
export interface ParsedCertificate {
  der: Uint8Array;
  cert: pkijs.Certificate;
  info: CertificateInfo;
}

const OID = {
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  extKeyUsage: '2.5.29.37',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  signedData: '1.2.840.113549.1.7.2',
} as const;

// RFC 5280 §4.2.1.3, in bit order.
const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

// Short names from RFC 4514 §3 plus the ones Vietnamese CAs put in subjects
// (serialNumber carries CMND/CCCD, UID carries MST); others print as the OID.
const NAME_KEYS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

export function parseCertificate(der: Uint8Array): CertificateInfo {
  return copyInfo(readCertificate(der).info);
}

/** A caller's own copy: the parsed certificates behind it are shared and frozen. */
export function copyInfo(info: CertificateInfo): CertificateInfo {
  return structuredClone(info);
}

/** Parses one DER certificate; garbage becomes CERT_UNREADABLE, never a raw ASN.1 error. */
export function readCertificate(der: Uint8Array): ParsedCertificate {
  const known = remembered(sha256Hex(der));
  if (known) return known;
  const parsed = fromBerSized(der);
  if (parsed.offset === -1) throw new AppError('CERT_UNREADABLE', `not DER: ${parsed.result.error}`);
  return certificateFromAsn1(parsed.result, der.subarray(0, parsed.offset));
}

/** For a certificate already decoded as part of a larger structure (a CMS): no second parse. */
export function certificateFromAsn1(schema: asn1js.AsnType, der: Uint8Array): ParsedCertificate {
  const sha256 = sha256Hex(der);
  const known = remembered(sha256);
  if (known) return known;
  ensurePkijsEngine();
  let cert: pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema });
  } catch (error) {
    throw new AppError('CERT_UNREADABLE', `not an X.509 certificate: ${(error as Error).message}`, { cause: error });
  }
  const info = describe(cert, sha256);
  Object.freeze(info.keyUsage);
  Object.freeze(info.extendedKeyUsage);
  Object.freeze(info.crlUrls);
  return remember({ der, cert, info: Object.freeze(info) });
}

/**
 * The certificates in a file as DER: one DER certificate, a PEM file or PEM
 * bundle, or a PKCS#7 certificate bundle (.p7b/.p7c, DER or PEM), which is
 * how CAs often hand out their chains.
 */
export function certificateFromPemOrDer(bytes: Uint8Array): Uint8Array[] {
  if (bytes[0] === 0x30) return certificatesInDer(exactDer(bytes));
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]*)-----END \1-----/g)];
  const ders = blocks
    .filter((block) => /^(X509 |TRUSTED )?CERTIFICATE$|^PKCS7$/.test(block[1]!))
    .flatMap((block) => certificatesInDer(exactDer(Buffer.from(block[2]!.replace(/\s+/g, ''), 'base64'))));
  if (ders.length === 0) throw new AppError('CERT_UNREADABLE', 'no certificate in the file (neither DER nor PEM)');
  return ders;
}

export function canSign(
  info: CertificateInfo,
  at: Date,
): { ok: true } | { ok: false; code: 'CERT_EXPIRED' | 'CERT_NOT_YET_VALID' | 'CERT_NO_SIGNING_USAGE' } {
  if (at.getTime() < Date.parse(info.notBefore)) return { ok: false, code: 'CERT_NOT_YET_VALID' };
  if (at.getTime() > Date.parse(info.notAfter)) return { ok: false, code: 'CERT_EXPIRED' };
  if (!hasSigningUsage(info)) return { ok: false, code: 'CERT_NO_SIGNING_USAGE' };
  return { ok: true };
}

/** RFC 5280: a certificate without the keyUsage extension is not restricted. */
export function hasSigningUsage(info: CertificateInfo): boolean {
  return (
    info.keyUsage.length === 0 || info.keyUsage.includes('digitalSignature') || info.keyUsage.includes('nonRepudiation')
  );
}

export function publicKeyOf(cert: pkijs.Certificate): KeyObject {
  return createPublicKey({
    key: Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)),
    format: 'der',
    type: 'spki',
  });
}

/** A distinguished name in RFC 4514 order (the DER order reversed) with decoded values. */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((entry) => `${NAME_KEYS[entry.type] ?? entry.type}=${nameValue(entry.value)}`)
    .reverse()
    .join(',');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A DER integer's bytes as hex without the sign-padding zero, as CAs print serials. */
export function integerHex(value: asn1js.Integer): string {
  const hex = Buffer.from(value.valueBlock.valueHexView).toString('hex');
  return hex.replace(/^(00)+(?=..)/, '');
}

// pkijs's schema matcher spends about a millisecond per certificate, and the same CA
// certificates come with every document, so parsed certificates are kept (frozen, bounded).
const parsedByHash = new Map<string, ParsedCertificate>();
const REMEMBERED_LIMIT = 256;

function remembered(sha256: string): ParsedCertificate | undefined {
  const known = parsedByHash.get(sha256);
  if (known) {
    parsedByHash.delete(sha256);
    parsedByHash.set(sha256, known);
  }
  return known;
}

function remember(parsed: ParsedCertificate): ParsedCertificate {
  parsedByHash.set(parsed.info.sha256, parsed);
  if (parsedByHash.size > REMEMBERED_LIMIT) parsedByHash.delete(parsedByHash.keys().next().value!);
  return parsed;
}

function describe(cert: pkijs.Certificate, sha256: string): CertificateInfo {
  const extensions = cert.extensions ?? [];
  const find = (oid: string) => extensions.find((extension) => extension.extnID === oid)?.parsedValue as unknown;
  const keyUsage = find(OID.keyUsage);
  const extKeyUsage = find(OID.extKeyUsage);
  const basicConstraints = find(OID.basicConstraints);
  const distributionPoints = find(OID.crlDistributionPoints);
  const algorithm = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  return {
    commonName:
      cert.subject.typesAndValues.findLast((entry) => entry.type === '2.5.4.3')?.value.valueBlock.value ?? null,
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    serialHex: integerHex(cert.serialNumber),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256,
    keyUsage: keyUsage instanceof asn1js.BitString ? keyUsageNames(keyUsage) : [],
    extendedKeyUsage: extKeyUsage instanceof pkijs.ExtKeyUsage ? [...extKeyUsage.keyPurposes] : [],
    keyAlgorithm:
      algorithm === OID.rsaEncryption || algorithm === OID.rsaPss
        ? 'rsa'
        : algorithm === OID.ecPublicKey
          ? 'ec'
          : 'other',
    isCa: basicConstraints instanceof pkijs.BasicConstraints && basicConstraints.cA === true,
    crlUrls: distributionPoints instanceof pkijs.CRLDistributionPoints ? crlUrls(distributionPoints) : [],
  };
}

function keyUsageNames(bits: asn1js.BitString): string[] {
  const bytes = bits.valueBlock.valueHexView;
  return KEY_USAGE_BITS.filter((_, bit) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
}

function crlUrls(points: pkijs.CRLDistributionPoints): string[] {
  return points.distributionPoints.flatMap((point) =>
    // A relative name (RDN) form points nowhere we can fetch; only full names with a URI count.
    Array.isArray(point.distributionPoint)
      ? point.distributionPoint
          .filter((name) => name.type === 6 && typeof name.value === 'string')
          .map((name) => name.value as string)
      : [],
  );
}

function nameValue(value: unknown): string {
  const text = (value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
  if (typeof text !== 'string') {
    // RFC 4514 §2.4: a value of a type we cannot print is shown as '#' + its BER in hex.
    return `#${Buffer.from((value as asn1js.BaseBlock).toBER(false)).toString('hex')}`;
  }
  return text
    .replace(/[\\"+,;<>]/g, '\\$&')
    .replace(/^[ #]/, '\\$&')
    .replace(/ $/, '\\ ');
}

/** The bytes of the first BER element, without trailing padding or junk. */
function exactDer(bytes: Uint8Array): Uint8Array {
  const parsed = fromBerSized(bytes);
  if (parsed.offset === -1) throw new AppError('CERT_UNREADABLE', `not DER: ${parsed.result.error}`);
  return bytes.subarray(0, parsed.offset);
}

function certificatesInDer(der: Uint8Array): Uint8Array[] {
  const fields = signedDataFields(fromBerSized(der).result);
  // Taken as received, not re-encoded: the fingerprint is of these exact bytes.
  return fields ? certificateNodes(fields).map((node) => node.valueBeforeDecodeView) : [der];
}

/** The fields of a CMS ContentInfo's SignedData (RFC 5652 §5.1), or null when it is not one. */
export function signedDataFields(root: asn1js.AsnType): asn1js.AsnType[] | null {
  const [contentType, wrapped] = root instanceof asn1js.Sequence ? root.valueBlock.value : [];
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.signedData)
    return null;
  const signedData = wrapped instanceof asn1js.Constructed ? wrapped.valueBlock.value[0] : undefined;
  return signedData instanceof asn1js.Sequence ? signedData.valueBlock.value : null;
}

/** The X.509 certificates in a SignedData's optional [0] certificates set; other kinds are left out. */
export function certificateNodes(signedDataFields: asn1js.AsnType[]): asn1js.Sequence[] {
  const set = signedDataFields.find((field) => field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0);
  const items = set instanceof asn1js.Constructed ? set.valueBlock.value : [];
  return items.filter((item): item is asn1js.Sequence => item instanceof asn1js.Sequence);
}
