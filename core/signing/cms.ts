// The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1 §6.3):
// signed attributes contentType, messageDigest and ESS signing-certificate-v2,
// no signing-time attribute (the time goes in the signature dictionary's /M),
// the certificate chain embedded, and for B-T the RFC 3161 timestamp of the
// signature value as an unsigned attribute. The key stays on the token: only
// the DER of the signed attributes is handed to `sign`.
//
// Written as DER directly: the structure is fixed, and building it through
// an ASN.1 object model cost more than the rest of a signature.
import { createHash } from 'node:crypto';
import { readTlv } from './der-reader.ts';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

export interface CadesInput {
  /** SHA-256 of the bytes the signature covers (the PDF's ByteRange). */
  contentDigest: Uint8Array;
  signerDer: Uint8Array;
  /** Issuer certificates to embed, signer's issuer first. */
  chainDers: Uint8Array[];
  keyType: 'rsa' | 'ec';
  /** Signs the DER of the signed attributes on the token; returns the CMS signature value. */
  sign(toBeSigned: Uint8Array): Promise<Uint8Array>;
  /** Returns an RFC 3161 TimeStampToken (ContentInfo DER) over SHA-256 of the signature value, or null. */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array | null>;
}

export interface CadesSignature {
  der: Uint8Array;
  /** What the token signed (the signed attributes as a SET) and its answer, for checking the result. */
  signedAttributes: Uint8Array;
  signatureValue: Uint8Array;
}

export async function buildCadesSignature(input: CadesInput): Promise<CadesSignature> {
  const { issuer, serial } = issuerAndSerial(input.signerDer);
  const attributes = derSetOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, tlv(0x04, input.contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signerDer, issuer, serial)),
  ]);
  // RFC 5652 §5.4: the signature covers the attributes encoded as a SET; in SignerInfo they are [0] IMPLICIT.
  const signedAttributes = tlv(0x31, attributes);
  const signatureValue = await input.sign(signedAttributes);
  const token = input.timestamp ? await input.timestamp(signatureValue) : null;

  const signerInfo = tlv(
    0x30,
    integer(1),
    tlv(0x30, issuer, serial),
    algorithm(OID.sha256),
    tlv(0xa0, attributes),
    input.keyType === 'ec' ? algorithm(OID.ecdsaWithSha256) : algorithm(OID.rsaEncryption, true),
    tlv(0x04, signatureValue),
    ...(token ? [tlv(0xa1, attribute(OID.signatureTimeStampToken, token))] : []),
  );
  const signedData = tlv(
    0x30,
    integer(1),
    tlv(0x31, algorithm(OID.sha256)),
    tlv(0x30, oid(OID.data)),
    tlv(0xa0, input.signerDer, ...input.chainDers),
    tlv(0x31, signerInfo),
  );
  return { der: tlv(0x30, oid(OID.signedData), tlv(0xa0, signedData)), signedAttributes, signatureValue };
}

/** The issuer Name and serialNumber INTEGER of a certificate, as their DER bytes. */
function issuerAndSerial(certificate: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
  const outer = readTlv(certificate, 0);
  const tbs = readTlv(certificate, outer.contentStart, outer.end);
  let field = readTlv(certificate, tbs.contentStart, tbs.end);
  // version is an optional [0] EXPLICIT field before the serial number.
  if (field.tag === 0xa0) field = readTlv(certificate, field.end, tbs.end);
  const serial = field;
  const signatureAlgorithm = readTlv(certificate, serial.end, tbs.end);
  const issuer = readTlv(certificate, signatureAlgorithm.end, tbs.end);
  return {
    issuer: certificate.subarray(issuer.start, issuer.end),
    serial: certificate.subarray(serial.start, serial.end),
  };
}

/** ESS SigningCertificateV2 (RFC 5035) with SHA-256, the default hash, so hashAlgorithm is omitted. */
function signingCertificateV2(certificate: Uint8Array, issuer: Uint8Array, serial: Uint8Array): Uint8Array {
  const certHash = createHash('sha256').update(certificate).digest();
  // IssuerSerial ::= SEQUENCE { issuer GeneralNames (directoryName [4] EXPLICIT Name), serialNumber }
  const issuerSerial = tlv(0x30, tlv(0x30, tlv(0xa4, issuer)), serial);
  const essCertIdV2 = tlv(0x30, tlv(0x04, certHash), issuerSerial);
  return tlv(0x30, tlv(0x30, essCertIdV2));
}

function attribute(type: string, value: Uint8Array): Uint8Array {
  return tlv(0x30, oid(type), tlv(0x31, value));
}

function algorithm(id: string, nullParameters = false): Uint8Array {
  return nullParameters ? tlv(0x30, oid(id), Uint8Array.of(0x05, 0x00)) : tlv(0x30, oid(id));
}

function integer(value: number): Uint8Array {
  return tlv(0x02, Uint8Array.of(value));
}

function oid(dotted: string): Uint8Array {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first! * 40 + second!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

/** DER SET OF: the elements' contents sorted by their encodings (X.690 §11.6). */
function derSetOf(elements: Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => Buffer.compare(a, b));
  return Buffer.concat(sorted);
}

function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  return Buffer.concat([Uint8Array.of(tag), derLength(length), ...parts]);
}

/** PKCS#11 CKM_ECDSA returns r||s; CMS wants ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new Error(`ECDSA signature of odd length ${raw.length}`);
  const half = raw.length / 2;
  const integerOf = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Uint8Array.of(0), trimmed]) : trimmed);
  };
  return new Uint8Array(tlv(0x30, integerOf(raw.subarray(0, half)), integerOf(raw.subarray(half))));
}

function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let value = length; value > 0; value = Math.floor(value / 256)) bytes.unshift(value & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}
