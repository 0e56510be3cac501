// The CMS we write by hand, read by an independent parser: OpenSSL must accept
// it as a detached CAdES signature over the content, with our attributes.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCadesSignature, ecdsaRawToDer } from '../../core/signing/cms.ts';
import { createTestCa, issueCertificate, type TestCa } from '../../scripts/lib/test-pki.ts';

let dir: string;
let ca: TestCa;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-cms-'));
  ca = await createTestCa(path.join(dir, 'ca'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function signedBy(keyType: 'rsa' | 'ec') {
  const issued = await issueCertificate(ca, { subject: { commonName: 'Nguyễn Văn An' }, profile: 'signer', keyType });
  const key = crypto.createPrivateKey(fs.readFileSync(issued.keyPath!));
  const content = Buffer.from('nội dung được ký: the bytes a PDF ByteRange covers');
  const cms = await buildCadesSignature({
    contentDigest: crypto.createHash('sha256').update(content).digest(),
    signerDer: issued.certDer,
    chainDers: [ca.certDer],
    keyType,
    sign: (data) => Promise.resolve(crypto.sign('sha256', data, key)),
  });
  fs.writeFileSync(path.join(dir, 'content.bin'), content);
  fs.writeFileSync(path.join(dir, `${keyType}.der`), cms.der);
  return { cms, content };
}

function opensslVerify(file: string) {
  return spawnSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      file,
      '-content',
      path.join(dir, 'content.bin'),
      '-CAfile',
      ca.certPath,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ],
    {
      encoding: 'utf8',
    },
  );
}

describe('the CAdES signature vanthu writes', () => {
  it('verifies with OpenSSL for an RSA key and carries contentType, messageDigest and signing-certificate-v2, no signing time', async () => {
    await signedBy('rsa');
    const file = path.join(dir, 'rsa.der');
    const verified = opensslVerify(file);
    expect(verified.stderr).toContain('Verification successful');
    const printed = spawnSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file], {
      encoding: 'utf8',
    }).stdout;
    expect(printed).toContain('contentType');
    expect(printed).toContain('messageDigest');
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
    expect(printed).not.toContain('signingTime');
    // Detached: no eContent.
    expect(printed).toMatch(/eContent: <ABSENT>/);
  });

  it('verifies with OpenSSL for an ECDSA key', async () => {
    await signedBy('ec');
    expect(opensslVerify(path.join(dir, 'ec.der')).stderr).toContain('Verification successful');
  });

  it('fails OpenSSL verification when one content byte changes', async () => {
    await signedBy('rsa');
    fs.writeFileSync(path.join(dir, 'content.bin'), Buffer.from('nội dung được ký: the bytes a PDF ByteRange coverS'));
    expect(opensslVerify(path.join(dir, 'rsa.der')).stderr).not.toContain('Verification successful');
  });
});

describe('ECDSA signatures from a token', () => {
  it('turns r||s into DER INTEGERs, adding a zero byte before a high bit and dropping leading zeros', () => {
    const r = Buffer.alloc(32, 0);
    r[1] = 0x85;
    const s = Buffer.alloc(32, 0x7f);
    const der = Buffer.from(ecdsaRawToDer(Buffer.concat([r, s])));
    // r = 00 85 00…: the leading zero goes, then one comes back because 0x85 has its high bit set.
    expect(der[0]).toBe(0x30);
    expect(der.subarray(2, 6).toString('hex')).toBe('02200085');
    expect(der.subarray(2 + 2 + 32, 2 + 2 + 32 + 3).toString('hex')).toBe('02207f');
    const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const raw = crypto.sign('sha256', Buffer.from('x'), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(crypto.verify('sha256', Buffer.from('x'), key.publicKey, ecdsaRawToDer(raw))).toBe(true);
  });
});
