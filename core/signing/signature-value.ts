// Checks one signature value (of a CMS signer, a certificate or a CRL) with
// node:crypto: synchronous, streaming over byte ranges, and far faster than
// going through WebCrypto.
import { constants, createVerify, type KeyObject } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

// Signature algorithm → key family and the hash it implies (null: the hash comes from
// the CMS digestAlgorithm, as with plain rsaEncryption / ecPublicKey).
const SIGNATURES: Record<string, { family: 'rsa' | 'ec'; hash: string | null }> = {
  '1.2.840.113549.1.1.1': { family: 'rsa', hash: null },
  '1.2.840.113549.1.1.5': { family: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { family: 'rsa', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { family: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { family: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { family: 'rsa', hash: 'sha512' },
  '1.2.840.10045.2.1': { family: 'ec', hash: null },
  '1.2.840.10045.4.1': { family: 'ec', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { family: 'ec', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { family: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { family: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { family: 'ec', hash: 'sha512' },
};
const RSA_PSS = '1.2.840.113549.1.1.10';

/** node:crypto's name for a digest algorithm OID, or null when unsupported. */
export function hashName(oid: string): string | null {
  return HASHES[oid] ?? null;
}

/** The hash a signature algorithm applies (the CMS digest's for plain rsaEncryption or ecPublicKey), or null when unsupported. */
export function signatureHashName(algorithm: pkijs.AlgorithmIdentifier, digestHash: string | null): string | null {
  return signatureScheme(algorithm, digestHash)?.hash ?? null;
}

/**
 * Whether `signature` over the concatenation of `data` verifies with `key`.
 * 'unsupported' when the algorithm is one we cannot check; a key of the
 * wrong family is a failed signature, never a reinterpretation.
 */
export function verifySignatureValue(
  key: KeyObject,
  algorithm: pkijs.AlgorithmIdentifier,
  digestHash: string | null,
  data: Uint8Array[],
  signature: Uint8Array,
): boolean | 'unsupported' {
  const scheme = signatureScheme(algorithm, digestHash);
  if (scheme === null) return 'unsupported';
  const keyFamily =
    key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss' ? 'rsa' : key.asymmetricKeyType;
  if (keyFamily !== scheme.family) return false;
  try {
    const verifier = createVerify(scheme.hash);
    for (const chunk of data) verifier.update(chunk);
    return scheme.pssSaltLength === undefined
      ? verifier.verify(key, signature)
      : verifier.verify({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.pssSaltLength }, signature);
  } catch {
    // A signature of the wrong size or shape for the key is simply not valid.
    return false;
  }
}

function signatureScheme(
  algorithm: pkijs.AlgorithmIdentifier,
  digestHash: string | null,
): { family: 'rsa' | 'ec'; hash: string; pssSaltLength?: number } | null {
  if (algorithm.algorithmId === RSA_PSS) {
    try {
      // RFC 4055 defaults: SHA-1 and a 20-byte salt when the parameters leave them out.
      const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams as asn1js.Sequence });
      const hash = hashName(params.hashAlgorithm.algorithmId);
      return hash === null ? null : { family: 'rsa', hash, pssSaltLength: params.saltLength };
    } catch {
      return null;
    }
  }
  const known = SIGNATURES[algorithm.algorithmId];
  const hash = known?.hash ?? digestHash;
  return known && hash ? { family: known.family, hash } : null;
}
