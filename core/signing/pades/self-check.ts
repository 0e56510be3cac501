// Before a signed PDF replaces the old one, its bytes are read back as a
// verifier would: the ByteRange written in the file is the one signed, it
// spans everything but /Contents, /Contents holds exactly our CMS, the covered
// bytes hash to the digest the token signed, and the token's signature checks
// out against the certificate. Anything else and the old file stays.
import { createHash, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type { CadesSignature } from '../cms.ts';

// One certificate signs a whole batch: read its key once.
const keys = new WeakMap<Uint8Array, KeyObject>();

function publicKeyOf(certificateDer: Uint8Array): KeyObject {
  let key = keys.get(certificateDer);
  if (!key) {
    key = new X509Certificate(certificateDer).publicKey;
    keys.set(certificateDer, key);
  }
  return key;
}

export function checkSignedPdf(
  bytes: Uint8Array,
  byteRange: [number, number, number, number],
  digest: Uint8Array,
  cms: CadesSignature,
  certificateDer: Uint8Array,
): void {
  const fail = (why: string) => {
    throw new AppError('SIGN_RESULT_INVALID', why);
  };
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [start, contentsStart, contentsEnd, tailLength] = byteRange;
  if (start !== 0 || contentsEnd + tailLength !== file.length) fail('ByteRange does not cover the whole file');
  if (file[contentsStart] !== 0x3c || file[contentsEnd - 1] !== 0x3e) fail('/Contents is not where ByteRange says');

  const written = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(
    file.toString('latin1', Math.max(0, contentsStart - 400), contentsStart),
  );
  if (written?.slice(1).map(Number).join() !== byteRange.join()) fail('the ByteRange written in the file differs');

  const hex = file.toString('latin1', contentsStart + 1, contentsEnd - 1);
  const expected = Buffer.from(cms.der).toString('hex');
  if (!hex.startsWith(expected) || !/^0*$/.test(hex.slice(expected.length))) fail('/Contents does not hold the CMS');

  const covered = createHash('sha256')
    .update(file.subarray(0, contentsStart))
    .update(file.subarray(contentsEnd))
    .digest();
  if (!covered.equals(digest)) fail('the covered bytes do not hash to the signed digest');
  if (Buffer.from(cms.signedAttributes).indexOf(covered) === -1) fail('messageDigest is not the covered bytes');

  if (!verify('sha256', cms.signedAttributes, publicKeyOf(certificateDer), cms.signatureValue))
    fail('the token signature does not verify with the certificate');
}
