// The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1 §6.3):
// signed attributes contentType, messageDigest and ESS signing-certificate-v2,
// no signing-time attribute (the time goes in the signature dictionary's /M),
// the certificate chain embedded, and for B-T the RFC 3161 timestamp of the
// signature value as an unsigned attribute. The key stays on the token: only
// the DER of the signed attributes is handed to `sign`.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensurePkijsEngine } from './crypto-engine.ts';

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

export async function buildCadesSignature(input: CadesInput): Promise<{ der: Uint8Array; timestamped: boolean }> {
  ensurePkijsEngine();
  const signer = parsed(input.signerDer);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: bufferOf(input.contentDigest) })] }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(signer, input.signerDer)] }),
    ],
  });
  const signedAttrsDer = new Uint8Array(signedAttrs.toSchema().toBER());
  // RFC 5652 §5.4: the signature covers the attributes encoded as a SET, not as the [0] field.
  signedAttrsDer[0] = 0x31;
  const signatureValue = await input.sign(signedAttrsDer);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm:
      input.keyType === 'ec'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: bufferOf(signatureValue) }),
  });

  const token = input.timestamp ? await input.timestamp(signatureValue) : null;
  if (token) {
    const tokenAsn1 = asn1js.fromBER(bufferOf(token));
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [tokenAsn1.result] })],
    });
  }

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [signer, ...input.chainDers.map(parsed)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return { der: new Uint8Array(contentInfo.toSchema().toBER()), timestamped: token !== null };
}

// A batch signs many documents with one certificate: parse it once.
const parsedCertificates = new WeakMap<Uint8Array, pkijs.Certificate>();

function parsed(der: Uint8Array): pkijs.Certificate {
  let certificate = parsedCertificates.get(der);
  if (!certificate) {
    certificate = pkijs.Certificate.fromBER(der);
    parsedCertificates.set(der, certificate);
  }
  return certificate;
}

/** ESS SigningCertificateV2 (RFC 5035) with SHA-256, the default hash, so hashAlgorithm is omitted. */
function signingCertificateV2(signer: pkijs.Certificate, signerDer: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(signerDer).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [signer.issuer.toSchema()] })],
      }),
      signer.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: bufferOf(certHash) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** PKCS#11 CKM_ECDSA returns r||s; CMS wants ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new Error(`ECDSA signature of odd length ${raw.length}`);
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const padded = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : Buffer.from(trimmed);
    return Buffer.concat([Buffer.from([0x02]), derLength(padded.length), padded]);
  };
  const body = Buffer.concat([integer(raw.subarray(0, half)), integer(raw.subarray(half))]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]));
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x100) return Buffer.from([0x81, length]);
  return Buffer.from([0x82, length >> 8, length & 0xff]);
}

function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
