// What verification tests start from: an office's trust store and revocation
// lists in a folder, and PDFs signed through vanthu's own PAdES pipeline with
// a software key, so certificates, dates and chains can be anything a test needs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { buildCadesSignature } from '../../core/signing/cms.ts';
import { CrlCache } from '../../core/signing/crl-cache.ts';
import type { AppearanceSpec } from '../../core/signing/pades/appearance.ts';
import { placeAppearance } from '../../core/signing/pades/placement.ts';
import { signPdf } from '../../core/signing/pades/sign-pdf.ts';
import { TrustStore } from '../../core/signing/trust-store.ts';
import type { SignatureVerdict, VerifyOptions } from '../../core/signing/verify-pdf.ts';
import type { IssuedCertificate, TestCa } from '../../scripts/lib/test-pki.ts';

// Kept until the file's tests are done: an office may be set up once and used by several tests.
const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** An office trusting the given CAs, with the given CRLs imported. */
export function verifyingOffice(trusted: TestCa[], crls: Uint8Array[] = [], now = new Date()): VerifyOptions {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-verify-office-'));
  dataDirs.push(dataDir);
  const trust = new TrustStore(path.join(dataDir, 'trust'));
  for (const ca of trusted) trust.add(ca.certDer);
  const cache = new CrlCache(path.join(dataDir, 'crl'));
  for (const der of crls) cache.importCrl(der);
  return { trust, crls: cache, now, online: false };
}

export function summary(verdicts: SignatureVerdict[]): [string, string][] {
  return verdicts.map((verdict) => [verdict.status, verdict.reasonCode]);
}

export interface KeySignOptions {
  fieldName: string;
  /** A chairman's signature or the office's seal (Decree 30): the two appearances vanthu draws. */
  kind?: 'personal' | 'organization';
  /** Written to /M: what the signer claims. */
  signingTime?: Date;
  /** CA certificates to embed, the signer's issuer first. */
  chain?: Uint8Array[];
}

/** Signs as vanthu does (ETSI.CAdES.detached, B-B) with the software key of an issued certificate. */
export async function signWithKey(
  pdf: Uint8Array,
  signer: IssuedCertificate,
  options: KeySignOptions,
): Promise<Buffer> {
  const key = crypto.createPrivateKey(fs.readFileSync(signer.keyPath!));
  const time = options.signingTime ?? new Date();
  const spec: AppearanceSpec =
    options.kind === 'organization'
      ? { kind: 'organization', seal: null, sealSizePt: 36, agencyName: 'UBND xã Quảng Phú', time }
      : { kind: 'personal', image: null, signerName: 'Nguyễn Văn An', time };
  const signed = await signPdf(
    pdf,
    {
      subFilter: 'ETSI.CAdES.detached',
      fieldName: options.fieldName,
      signingTime: time,
      reason: null,
      signerName: 'Nguyễn Văn An',
      appearance: spec,
      place: (sizes, parts) =>
        placeAppearance({ spec, user: null, layout: [], signerName: null, signerImage: null, drawn: [] }, sizes, parts),
    },
    async (digest) =>
      (
        await buildCadesSignature({
          contentDigest: digest,
          signerDer: signer.certDer,
          chainDers: options.chain ?? [],
          keyType: 'rsa',
          sign: (data) => Promise.resolve(crypto.sign('sha256', data, key)),
        })
      ).der,
  );
  return Buffer.from(signed.bytes);
}
