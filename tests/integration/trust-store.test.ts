import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { canSign, certificateFromPemOrDer, parseCertificate } from '../../core/signing/certificates.ts';
import { TrustStore } from '../../core/signing/trust-store.ts';
import { createTestCa, issueCertificate, type TestCa } from '../../scripts/lib/test-pki.ts';

// Two self-signed ECDSA CA certificates with the same content and different (randomised)
// signatures, picked from ~74,000 signings because their SHA-256 fingerprints share the
// first 8 hex digits (1b6ce1bf): the only way to see an ambiguous 8-digit prefix.
const TWIN_PREFIX = '1b6ce1bf';
const TWINS = [
  'MIIBWTCCAQCgAwIBAgIBBzAKBggqhkjOPQQDAjArMSkwCQYDVQQGEwJWTjAcBgNVBAMMFVZhbnRodSBUd2luIFByZWZpeCBDQTAgFw0yNTAxMDEwMDAwMDBaGA8yMDU1MDEwMTAwMDAwMFowKzEpMAkGA1UEBhMCVk4wHAYDVQQDDBVWYW50aHUgVHdpbiBQcmVmaXggQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQkRO97NfhKWVniEuDPlvYv9sf5EhD8tGqLAgXO4PBhHD6St9JhwdsrAf8bzl8zz8EC+qPiBllH85q1KXWFsSPyoxMwETAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIEYKSLUzDxywzM4KvZHEmVwr9qzLQauanORktTfm6/iOAiAuaqOmFSBPtxfqvKwxgh9+TdtEIeVjLni2A53LJl0hhw==',
  'MIIBWTCCAQCgAwIBAgIBBzAKBggqhkjOPQQDAjArMSkwCQYDVQQGEwJWTjAcBgNVBAMMFVZhbnRodSBUd2luIFByZWZpeCBDQTAgFw0yNTAxMDEwMDAwMDBaGA8yMDU1MDEwMTAwMDAwMFowKzEpMAkGA1UEBhMCVk4wHAYDVQQDDBVWYW50aHUgVHdpbiBQcmVmaXggQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQkRO97NfhKWVniEuDPlvYv9sf5EhD8tGqLAgXO4PBhHD6St9JhwdsrAf8bzl8zz8EC+qPiBllH85q1KXWFsSPyoxMwETAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIGj6Hxc69EcyFbyv3IWT6+0H+T5cbZurwgDRU4T7LycrAiAceGUrpW6qtumU95o2X234LQ+E9HbyzJDNg6PZWz2VmA==',
].map((base64) => Buffer.from(base64, 'base64'));

const run = promisify(execFile);

let root: string;
let province: TestCa;
let national: TestCa;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-trust-'));
  province = await createTestCa(path.join(root, 'ca-province'), { commonName: 'CA Tỉnh Quảng Bình' });
  national = await createTestCa(path.join(root, 'ca-national'), { commonName: 'Root CA Quốc gia' });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function freshStore(): TrustStore {
  return new TrustStore(fs.mkdtempSync(path.join(root, 'trust-')));
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return undefined;
}

describe('trust store: the CAs the office trusts', () => {
  it('adds both CAs from one PEM bundle the provider sent, with readable Vietnamese names', () => {
    const store = freshStore();
    const bundle = Buffer.concat([fs.readFileSync(province.certPath), fs.readFileSync(national.certPath)]);
    const added = store.add(bundle);
    expect(added.map((info) => info.commonName)).toEqual(['CA Tỉnh Quảng Bình', 'Root CA Quốc gia']);
    expect(added[0]!.subject).toBe('CN=CA Tỉnh Quảng Bình,O=Vanthu Test,C=VN');
    expect(added.every((info) => info.isCa)).toBe(true);
    expect(
      store
        .list()
        .map((info) => info.sha256)
        .sort(),
    ).toEqual(added.map((info) => info.sha256).sort());
    expect(fs.readdirSync(store.dir).sort()).toEqual(added.map((info) => `${info.sha256}.der`).sort());
  });

  it('adds the chain from a .p7b file, the way CAs publish it for Windows', async () => {
    const store = freshStore();
    const bundle = path.join(root, 'bundle.pem');
    fs.writeFileSync(bundle, Buffer.concat([fs.readFileSync(province.certPath), fs.readFileSync(national.certPath)]));
    for (const outform of ['DER', 'PEM']) {
      const p7b = path.join(root, `chain-${outform}.p7b`);
      await run('openssl', ['crl2pkcs7', '-nocrl', '-certfile', bundle, '-outform', outform, '-out', p7b]);
      const added = store.add(fs.readFileSync(p7b));
      expect(added.map((info) => info.sha256).sort()).toEqual(
        [parseCertificate(province.certDer).sha256, parseCertificate(national.certDer).sha256].sort(),
      );
    }
    expect(store.list()).toHaveLength(2);
  });

  it('adds a DER certificate once, however many times the clerk imports it', () => {
    const store = freshStore();
    store.add(province.certDer);
    store.add(province.certDer);
    store.add(fs.readFileSync(province.certPath));
    expect(store.list()).toHaveLength(1);
    expect(Buffer.from(store.certificates()[0]!.der)).toEqual(province.certDer);
  });

  it('refuses a signer certificate, and adds nothing from a bundle that contains one', async () => {
    const store = freshStore();
    const leaf = await issueCertificate(province, { subject: { commonName: 'Nguyễn Văn An' }, profile: 'signer' });
    expect(codeOf(() => store.add(leaf.certDer))).toBe('TRUST_NOT_CA');
    const mixed = Buffer.concat([fs.readFileSync(national.certPath), fs.readFileSync(leaf.certPath)]);
    expect(codeOf(() => store.add(mixed))).toBe('TRUST_NOT_CA');
    expect(store.list()).toEqual([]);
  });

  it('refuses a file that holds no certificate', () => {
    const store = freshStore();
    expect(codeOf(() => store.add(Buffer.from('Công văn số 15/UBND, không phải chứng thư số')))).toBe(
      'CERT_UNREADABLE',
    );
    expect(codeOf(() => store.add(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05])))).toBe('CERT_UNREADABLE');
  });

  it('removes a CA by the first 8 characters of its fingerprint', () => {
    const store = freshStore();
    const [first, second] = store.add(
      Buffer.concat([fs.readFileSync(province.certPath), fs.readFileSync(national.certPath)]),
    );
    const removed = store.remove(first!.sha256.slice(0, 8).toUpperCase());
    expect(removed.sha256).toBe(first!.sha256);
    expect(store.list().map((info) => info.sha256)).toEqual([second!.sha256]);
    expect(codeOf(() => store.remove(first!.sha256))).toBe('TRUST_NOT_FOUND');
  });

  it('refuses a fingerprint prefix that is too short or matches two CAs', () => {
    const store = freshStore();
    store.add(TWINS[0]!);
    store.add(TWINS[1]!);
    expect(store.list().map((info) => info.sha256.slice(0, 8))).toEqual([TWIN_PREFIX, TWIN_PREFIX]);
    expect(codeOf(() => store.remove(TWIN_PREFIX.slice(0, 7)))).toBe('INPUT_INVALID');
    expect(codeOf(() => store.remove('zz6ce1bf'))).toBe('INPUT_INVALID');
    expect(codeOf(() => store.remove(TWIN_PREFIX))).toBe('INPUT_INVALID');
    expect(store.list()).toHaveLength(2);
    const longer = store.list()[1]!.sha256.slice(0, 12);
    expect(store.remove(longer).sha256.startsWith(longer)).toBe(true);
    expect(store.list()).toHaveLength(1);
  });

  it('ignores a stored file whose bytes no longer match its name', () => {
    const store = freshStore();
    const [info] = store.add(province.certDer);
    const file = path.join(store.dir, `${info!.sha256}.der`);
    const damaged = Buffer.from(province.certDer);
    damaged[damaged.length - 1]! ^= 0xff;
    fs.writeFileSync(file, damaged);
    expect(store.list()).toEqual([]);
    expect(store.certificates()).toEqual([]);
  });
});

describe('certificates: what the signing dialog shows', () => {
  it('reads key usage, extended key usage and the CRL address of a signer certificate', async () => {
    const issued = await issueCertificate(province, {
      subject: { commonName: 'Nguyễn Văn An', organization: 'UBND xã Quảng Phú', serialNumber: 'CCCD:044185000321' },
      keyType: 'ec',
      profile: 'signer',
    });
    const info = parseCertificate(issued.certDer);
    expect(info).toMatchObject({
      commonName: 'Nguyễn Văn An',
      subject: 'serialNumber=CCCD:044185000321,CN=Nguyễn Văn An,O=UBND xã Quảng Phú,C=VN',
      issuer: 'CN=CA Tỉnh Quảng Bình,O=Vanthu Test,C=VN',
      serialHex: issued.serialHex,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      keyAlgorithm: 'ec',
      isCa: false,
      crlUrls: [province.crlUrl],
    });
    expect(info.extendedKeyUsage).toContain('1.3.6.1.4.1.311.10.3.12');
    expect(canSign(info, new Date())).toEqual({ ok: true });
    expect(canSign(info, new Date(Date.parse(info.notAfter) + 1000))).toEqual({ ok: false, code: 'CERT_EXPIRED' });
    expect(canSign(info, new Date(Date.parse(info.notBefore) - 1000))).toEqual({
      ok: false,
      code: 'CERT_NOT_YET_VALID',
    });
  });

  it('refuses to sign with an encryption-only certificate', async () => {
    const issued = await issueCertificate(province, {
      subject: { commonName: 'Máy chủ thư' },
      profile: 'no-signing-usage',
    });
    const info = parseCertificate(issued.certDer);
    expect(info.keyUsage).toEqual(['keyEncipherment']);
    expect(canSign(info, new Date())).toEqual({ ok: false, code: 'CERT_NO_SIGNING_USAGE' });
  });

  it('reads DER, PEM and PEM bundles alike', () => {
    const pem = fs.readFileSync(province.certPath);
    expect(certificateFromPemOrDer(province.certDer)).toHaveLength(1);
    expect(Buffer.from(certificateFromPemOrDer(pem)[0]!)).toEqual(province.certDer);
    expect(certificateFromPemOrDer(Buffer.concat([pem, fs.readFileSync(national.certPath)]))).toHaveLength(2);
    expect(codeOf(() => parseCertificate(Buffer.from('rác')))).toBe('CERT_UNREADABLE');
  });
});
