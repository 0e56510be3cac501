import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asciiPdf } from '../../scripts/lib/make-pdf.ts';
import {
  loadTestCa,
  nssDbTrusting,
  revokeCertificate,
  signWithPdfsig,
  startTestTsa,
  writeCrl,
  type TestCa,
} from '../../scripts/lib/test-pki.ts';
import { createTestTokens, type TestTokens } from '../../scripts/lib/test-tokens.ts';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

let work: string;
let tokens: TestTokens;
let ca: TestCa;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-test-pki-'));
  // Through the npm script's entry point, as a developer would make them.
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/test-token.ts', '--dir', path.join(work, 'tokens')],
    { cwd: repo },
  );
  tokens = JSON.parse(stdout) as TestTokens;
  ca = loadTestCa(tokens.caDir);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function pkcs11Tool(label: string, pin: string, args: string[]): string {
  return execFileSync(
    'pkcs11-tool',
    ['--module', tokens.module, '--token-label', label, '--login', '--pin', pin, ...args],
    {
      env: { ...process.env, SOFTHSM2_CONF: tokens.softhsm2Conf },
      encoding: 'utf8',
    },
  );
}

/** "Private Key Object" → ids, from pkcs11-tool --list-objects. */
function objectIds(listing: string): Record<string, string[]> {
  const ids: Record<string, string[]> = {};
  for (const block of listing.split(/\n(?=\S)/)) {
    const kind = /^(Private Key|Public Key|Certificate) Object/.exec(block)?.[1];
    const id = /ID:\s+(\S+)/.exec(block)?.[1];
    if (kind && id) (ids[kind] ??= []).push(id);
  }
  for (const list of Object.values(ids)) list.sort();
  return ids;
}

function certificate(certPath: string): crypto.X509Certificate {
  return new crypto.X509Certificate(fs.readFileSync(certPath));
}

describe('test tokens', () => {
  it("are the chairman's and the commune's tokens, each certificate paired with its key by id", () => {
    expect(tokens.module).toMatch(/libsofthsm2\.so$/);
    expect(fs.readFileSync(tokens.softhsm2Conf, 'utf8')).toContain(
      `directories.tokendir = ${path.join(work, 'tokens', 'tokens')}`,
    );
    const { personal, organization } = tokens.tokens;
    expect([personal.label, personal.pin, personal.soPin]).toEqual(['vanthu-personal', '123456', '12345678']);
    expect([organization.label, organization.pin, organization.soPin]).toEqual([
      'vanthu-organization',
      '654321',
      '87654321',
    ]);
    expect(Object.values(personal.certs).map((cert) => cert.id)).toEqual(['01', '02', '03', '04', '05']);
    expect(organization.certs.signing.id).toBe('01');
    const all = [...Object.values(personal.certs), organization.certs.signing];
    for (const cert of all) expect(fs.existsSync(cert.certPath)).toBe(true);
    expect(new Set(all.map((cert) => cert.serialHex)).size).toBe(all.length);

    expect(objectIds(pkcs11Tool(personal.label, personal.pin, ['--list-objects']))).toEqual({
      'Private Key': ['01', '02', '03', '04', '05'],
      'Public Key': ['01', '02', '03', '04', '05'],
      Certificate: ['01', '02', '03', '04', '05', '6361'],
    });
    expect(objectIds(pkcs11Tool(organization.label, organization.pin, ['--list-objects']))).toEqual({
      'Private Key': ['01'],
      'Public Key': ['01'],
      Certificate: ['01', '6361'],
    });
  });

  it('hold certificates for the keys generated on them, named in Vietnamese', () => {
    const { personal } = tokens.tokens;
    const pubkey = path.join(work, 'pub.der');
    pkcs11Tool(personal.label, personal.pin, ['--read-object', '--type', 'pubkey', '--id', '01', '-o', pubkey]);
    const cert = certificate(personal.certs.signing.certPath);
    expect(cert.publicKey.export({ type: 'spki', format: 'der' })).toEqual(fs.readFileSync(pubkey));
    expect(cert.subject).toContain('CN=Nguyễn Văn An');
    expect(cert.subject).toContain('O=UBND xã Quảng Phú');
    expect(cert.subject).toContain('serialNumber=CCCD:038090001234');
    expect(cert.checkIssued(new crypto.X509Certificate(ca.certDer))).toBe(true);
    expect(certificate(tokens.tokens.organization.certs.signing.certPath).subject).toContain(
      'serialNumber=MST:2801234567',
    );
    expect(certificate(personal.certs.ecdsa.certPath).publicKey.asymmetricKeyType).toBe('ec');

    const text = execFileSync('openssl', ['x509', '-in', personal.certs.signing.certPath, '-noout', '-text'], {
      encoding: 'utf8',
    });
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toContain(`URI:${ca.crlUrl}`);
    const encryption = execFileSync(
      'openssl',
      ['x509', '-in', personal.certs.noSigningUsage.certPath, '-noout', '-text'],
      { encoding: 'utf8' },
    );
    expect(encryption).toMatch(/Key Usage: critical\s+Key Encipherment\n/);
    expect(encryption).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication\n/);
  });

  it('include a certificate that ran out a year ago', () => {
    const expired = certificate(tokens.tokens.personal.certs.expired.certPath);
    expect(new Date(expired.validTo).getTime()).toBeLessThan(Date.now() - 300 * 86_400_000);
    const current = certificate(tokens.tokens.personal.certs.signing.certPath);
    expect(new Date(current.validTo).getTime()).toBeGreaterThan(Date.now());
  });

  it('need an empty directory', async () => {
    await expect(createTestTokens(path.join(work, 'tokens'))).rejects.toThrow(/not empty/);
  });
});

describe('test PKI', () => {
  it('lets poppler sign received documents, adbe or ETSI, and pdfsig trusts them', async () => {
    const unsigned = path.join(work, 'incoming.pdf');
    fs.writeFileSync(unsigned, await asciiPdf('Cong van so 12/UBND-VP gui UBND xa Quang Phu'));
    const adbe = path.join(work, 'incoming-adbe.pdf');
    const etsi = path.join(work, 'incoming-etsi.pdf');
    await signWithPdfsig(ca, unsigned, adbe, { fieldName: 'NguoiKy' });
    await signWithPdfsig(ca, unsigned, etsi, { etsi: true });
    const trusting = await nssDbTrusting(ca);

    for (const [file, type] of [
      [adbe, 'adbe.pkcs7.detached'],
      [etsi, 'ETSI.CAdES.detached'],
    ] as const) {
      const { stdout } = await run('pdfsig', ['-nssdir', `sql:${trusting}`, '-no-ocsp', file]);
      expect(stdout).toContain(`Signature Type: ${type}`);
      expect(stdout).toContain('Signer Certificate Common Name: Trần Thị Bình');
      expect(stdout).toContain('Signature Validation: Signature is Valid.');
      expect(stdout).toContain('Certificate Validation: Certificate is Trusted.');
    }
    expect((await run('pdfsig', ['-nssdir', `sql:${trusting}`, '-no-ocsp', adbe])).stdout).toContain(
      'Signature Field Name: NguoiKy',
    );
  });

  it('lets poppler add a second signature without breaking the first', async () => {
    const once = path.join(work, 'incoming-adbe.pdf');
    const twice = path.join(work, 'incoming-twice.pdf');
    await signWithPdfsig(ca, once, twice, { etsi: true, fieldName: 'DongDau' });
    const { stdout } = await run('pdfsig', ['-nssdir', `sql:${await nssDbTrusting(ca)}`, '-no-ocsp', twice]);
    const [first, second] = stdout.split(/Signature #2:/);
    expect(first).toContain('Signature Field Name: NguoiKy');
    expect(first).toContain('Not total document signed');
    expect(first).toContain('Signature is Valid.');
    expect(second).toContain('Signature Field Name: DongDau');
    expect(second).toContain('Total document signed');
    expect(second).toContain('Signature is Valid.');
    // Certificate validation of #2 is not asserted: pdfsig 22.12 reports "Unknown issue with
    // Certificate" whenever one certificate signs twice in a file, a poppler/NSS quirk.
  });

  it('runs a timestamp authority whose replies openssl verifies against the CA alone', async () => {
    const data = path.join(work, 'signature-value.bin');
    fs.writeFileSync(data, crypto.randomBytes(256));
    execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', `${data}.tsq`], {
      stdio: 'ignore',
    });
    const tsa = await startTestTsa(ca);
    try {
      const response = await fetch(tsa.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: fs.readFileSync(`${data}.tsq`),
      });
      expect(response.headers.get('content-type')).toBe('application/timestamp-reply');
      fs.writeFileSync(`${data}.tsr`, Buffer.from(await response.arrayBuffer()));
    } finally {
      await tsa.close();
    }
    // No -untrusted: the TSA certificate must come inside the reply.
    const verify = execFileSync(
      'openssl',
      ['ts', '-verify', '-data', data, '-in', `${data}.tsr`, '-CAfile', ca.certPath],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    expect(verify).toContain('Verification: OK');
    const reply = execFileSync('openssl', ['ts', '-reply', '-in', `${data}.tsr`, '-text'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(reply).toMatch(/Hash Algorithm: sha256/);
  });

  it('lists a revoked certificate in the next CRL, with when and why', async () => {
    const revoked = tokens.tokens.personal.certs.signing;
    revokeCertificate(ca, revoked.serialHex, { at: new Date('2026-02-03T04:05:06Z'), reason: 'keyCompromise' });
    const crl = await writeCrl(ca);
    expect(crl.path).toBe(path.join(ca.dir, 'crl.der'));
    expect(fs.readFileSync(crl.path)).toEqual(crl.der);
    const text = execFileSync(
      'openssl',
      ['crl', '-inform', 'DER', '-in', crl.path, '-text', '-noout', '-CAfile', ca.certPath],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(text).toMatch(
      new RegExp(`Serial Number: ${revoked.serialHex.toUpperCase()}\\s+Revocation Date: Feb  3 04:05:06 2026 GMT`),
    );
    expect(text).toContain('Key Compromise');
    expect(text).not.toContain(`Serial Number: ${tokens.tokens.personal.certs.ecdsa.serialHex.toUpperCase()}`);
  });
});
