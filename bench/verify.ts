// Verification benchmark: how long `verify` takes on a received signed scan of
// 1 MiB, with one signature, with a later signature appended (each revision read
// back), and against a national CA's revocation list of thousands of entries.
// The signatures are poppler's (pdfsig), not ours. The budgets are what the
// verification tests used to assert before timing moved here.
//
//   npm run bench -- verify [--runs 20] [--size-mb 1] [--revoked 8000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensurePkijsEngine } from '../core/signing/crypto-engine.ts';
import { CrlCache } from '../core/signing/crl-cache.ts';
import { TrustStore } from '../core/signing/trust-store.ts';
import { verifyPdf, type VerifyOptions } from '../core/signing/verify-pdf.ts';
import { vietnamesePdf } from '../scripts/lib/make-pdf.ts';
import { createTestCa, signWithPdfsig, writeCrl, type TestCa } from '../scripts/lib/test-pki.ts';

const BUDGET_MS = { oneSignature: 250, twoSignatures: 250, bigCrl: 500 };

export async function run(args: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args,
    options: { runs: { type: 'string' }, 'size-mb': { type: 'string' }, revoked: { type: 'string' } },
  });
  const runs = Number(values.runs ?? 20);
  const scanBytes = Math.round(Number(values['size-mb'] ?? 1) * 1024 * 1024);
  const revoked = Number(values.revoked ?? 8_000);
  ensurePkijsEngine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-verify-'));
  try {
    const ca = await createTestCa(path.join(dir, 'ca'), { commonName: 'CA Sở Nội vụ' });
    const unsigned = path.join(dir, 'scan.pdf');
    fs.writeFileSync(unsigned, await vietnamesePdf(['Biên bản họp thôn Đông'], { scanBytes }));
    const once = path.join(dir, 'once.pdf');
    await signWithPdfsig(ca, unsigned, once, { fieldName: 'ChuKyLanhDao' });
    const twice = path.join(dir, 'twice.pdf');
    await signWithPdfsig(ca, once, twice, { fieldName: 'ChuKyCoQuan' });

    const smallCrl = (await writeCrl(ca)).der;
    const bigCrl = (await writeCrl(ca, { othersRevoked: revoked })).der;
    const withSmallCrl = office(dir, 'small', ca, smallCrl);
    const withBigCrl = office(dir, 'big', ca, bigCrl);

    const onePdf = fs.readFileSync(once);
    const twoPdf = fs.readFileSync(twice);
    const measured = {
      oneSignature: await timeVerify(onePdf, withSmallCrl, runs, 1),
      twoSignatures: await timeVerify(twoPdf, withSmallCrl, runs, 2),
      bigCrl: await timeVerify(onePdf, withBigCrl, runs, 1),
    };
    return {
      bench: 'verify',
      runs,
      pdfBytes: { oneSignature: onePdf.length, twoSignatures: twoPdf.length },
      crl: { entries: revoked, bytes: bigCrl.length },
      ...measured,
      budgetMs: BUDGET_MS,
      p95OverBudget: {
        oneSignature: round(measured.oneSignature.p95Ms / BUDGET_MS.oneSignature),
        twoSignatures: round(measured.twoSignatures.p95Ms / BUDGET_MS.twoSignatures),
        bigCrl: round(measured.bigCrl.p95Ms / BUDGET_MS.bigCrl),
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function office(dir: string, name: string, ca: TestCa, crl: Buffer): VerifyOptions {
  const trust = new TrustStore(path.join(dir, name, 'trust'));
  trust.add(ca.certDer);
  const crls = new CrlCache(path.join(dir, name, 'crl'));
  crls.importCrl(crl);
  return { trust, crls, now: new Date(), online: false };
}

/** One warm-up, then `runs` timed verifications; every one must find every signature valid. */
async function timeVerify(
  pdf: Buffer,
  options: VerifyOptions,
  runs: number,
  signatures: number,
): Promise<{ p50Ms: number; p95Ms: number }> {
  const check = async () => {
    const verdicts = await verifyPdf(pdf, options);
    const valid = verdicts.filter((verdict) => verdict.status === 'valid').length;
    if (verdicts.length !== signatures || valid !== signatures)
      throw new Error(
        `expected ${signatures} valid signatures, got ${JSON.stringify(verdicts.map((v) => v.reasonCode))}`,
      );
  };
  await check();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await check();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { p50Ms: round(at(0.5)), p95Ms: round(at(0.95)) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
