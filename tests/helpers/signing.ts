// A commune office with real USB tokens (SoftHSM2), a trusted test CA, the
// chairman's signature image and the commune's seal: what signing tests start from.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import type { TokenCertificateView } from '../../shared/signing.ts';
import { loadTestCa, nssDbTrusting, writeCrl, type TestCa } from '../../scripts/lib/test-pki.ts';
import { createTestTokens, type TestTokens } from '../../scripts/lib/test-tokens.ts';
import { sealPng, signaturePng } from '../../scripts/lib/make-png.ts';
import { openTestOffice, type TestOffice } from './office.ts';

export interface TokenLab {
  dir: string;
  tokens: TestTokens;
  ca: TestCa;
  nssDir: string;
  signaturePath: string;
  sealPath: string;
}

/** Makes test tokens once for the file; the PKCS#11 module finds them through SOFTHSM2_CONF. */
export function useTokenLab(): () => TokenLab {
  let lab: TokenLab | undefined;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-tokens-'));
    const tokens = await createTestTokens(path.join(dir, 'tokens'));
    process.env.SOFTHSM2_CONF = tokens.softhsm2Conf;
    const ca = loadTestCa(tokens.caDir);
    const signaturePath = path.join(dir, 'chu-ky.png');
    const sealPath = path.join(dir, 'con-dau.png');
    fs.writeFileSync(signaturePath, signaturePng());
    fs.writeFileSync(sealPath, sealPng());
    lab = { dir, tokens, ca, nssDir: await nssDbTrusting(ca), signaturePath, sealPath };
  });
  afterAll(() => {
    if (lab) fs.rmSync(lab.dir, { recursive: true, force: true });
  });
  return () => {
    if (!lab) throw new Error('token lab not ready');
    return lab;
  };
}

/** An office whose clock is the real one (the test certificates are valid from yesterday). */
export async function signingOffice(lab: TokenLab, options: { crl?: boolean } = {}): Promise<TestOffice> {
  const office = await openTestOffice({ now: new Date().toISOString() });
  await office.call('trust.add', { path: lab.tokens.caCert });
  await office.call('settings.signatureImage', {
    path: lab.signaturePath,
    kind: 'signature',
    signerName: 'Nguyễn Văn An',
  });
  await office.call('settings.signatureImage', { path: lab.sealPath, kind: 'seal', sizeMm: 36 });
  if (options.crl !== false) {
    const crl = await writeCrl(lab.ca);
    await office.call('crl.import', { path: crl.path, url: lab.ca.crlUrl });
  }
  return office;
}

export async function certificateOf(
  office: TestOffice,
  lab: TokenLab,
  token: 'personal' | 'organization',
  keyId = '01',
): Promise<TokenCertificateView> {
  const { certificates } = await office.call('tokens.certificates', { modules: [lab.tokens.module], all: true });
  const label = lab.tokens.tokens[token].label;
  const found = certificates.find((entry) => entry.tokenLabel === label && entry.keyId === keyId);
  if (!found) throw new Error(`no certificate ${keyId} on ${label}`);
  return found;
}

/** A draft decision of the chairman with the given PDF as its main file. */
export async function draftDecision(
  office: TestOffice,
  pdf: Uint8Array,
  dir: string,
  name = 'quyet-dinh.pdf',
): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  const draft = await office.call('outgoing.draft', {
    file: { path: file },
    type: 'QD',
    subject: 'Phê duyệt kế hoạch phòng, chống thiên tai năm 2026',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Chủ tịch',
    recipients: [{ agencyCode: '000.00.31.H56' }],
  });
  return draft.id;
}

/** The current bytes of a document's file, as stored. */
export function storedPdf(office: TestOffice, sha256: string): Buffer {
  return office.core.blobs.read(sha256);
}

export interface PdfsigSignature {
  text: string;
  valid: boolean;
  totalDocument: boolean;
  trusted: boolean;
}

/** poppler's independent verdict on each signature, with the test CA trusted. */
export function pdfsig(file: string, nssDir: string): PdfsigSignature[] {
  const run = spawnSync('pdfsig', ['-nssdir', `sql:${nssDir}`, '-no-ocsp', file], { encoding: 'utf8' });
  return run.stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((text) => ({
      text,
      valid: text.includes('Signature Validation: Signature is Valid.'),
      totalDocument: text.includes('Total document signed'),
      trusted: text.includes('Certificate Validation: Certificate is Trusted.'),
    }));
}

export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return {
    ok: run.status === 0 && run.stdout.includes('No syntax or stream encoding errors found'),
    output: run.stdout + run.stderr,
  };
}

/** Pixels of a page region rendered by poppler at 72 dpi: counts of blue-ish, red-ish and non-white pixels. */
export function inkIn(
  file: string,
  page: number,
  box: { x: number; y: number; width: number; height: number },
): { blue: number; red: number; dark: number; any: number } {
  const sizeText = execFileSync('pdfinfo', ['-f', String(page), '-l', String(page), '-box', file], {
    encoding: 'utf8',
  });
  const mediaHeight = Number(/Page\s+\d+\s+MediaBox:\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)/.exec(sizeText)?.[1] ?? 842);
  const x = Math.floor(box.x);
  const y = Math.floor(mediaHeight - box.y - box.height);
  const ppm = execFileSync('pdftoppm', [
    '-r',
    '72',
    '-f',
    String(page),
    '-l',
    String(page),
    '-x',
    String(x),
    '-y',
    String(y),
    '-W',
    String(Math.ceil(box.width)),
    '-H',
    String(Math.ceil(box.height)),
    file,
  ]);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PPM image');
  const pixels = ppm.subarray(header[0].length);
  const counts = { blue: 0, red: 0, dark: 0, any: 0 };
  for (let offset = 0; offset + 2 < pixels.length; offset += 3) {
    const [r, g, b] = [pixels[offset]!, pixels[offset + 1]!, pixels[offset + 2]!];
    if (r < 245 || g < 245 || b < 245) counts.any++;
    if (b > 120 && r < 120 && g < 140) counts.blue++;
    if (r > 150 && g < 110 && b < 110) counts.red++;
    if (r < 100 && g < 100 && b < 100) counts.dark++;
  }
  return counts;
}

/** The AppError a promise rejects with; fails the test when it resolves or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
