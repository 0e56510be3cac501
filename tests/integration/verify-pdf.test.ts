import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificate } from '../../core/signing/certificates.ts';
import { CrlCache } from '../../core/signing/crl-cache.ts';
import { ensurePkijsEngine } from '../../core/signing/crypto-engine.ts';
import { findPdfSignatures } from '../../core/signing/pdf-signatures.ts';
import { verifyPdf } from '../../core/signing/verify-pdf.ts';
import { checkTimestampToken } from '../../core/signing/verify-timestamp.ts';
import { asciiPdf, vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import {
  createTestCa,
  issueCertificate,
  revokeCertificate,
  signWithPdfsig,
  startTestTsa,
  writeCrl,
  type TestCa,
} from '../../scripts/lib/test-pki.ts';
import { signWithKey, summary, verifyingOffice as office } from '../helpers/verify.ts';

const run = promisify(execFile);
const DAY = 86_400_000;

let root: string;
let unsigned: Buffer;
let counter = 0;

beforeAll(async () => {
  ensurePkijsEngine();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-verify-'));
  unsigned = await vietnamesePdf([
    'ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ',
    'Quyết định số 12/QĐ-UBND về việc phê duyệt kế hoạch',
  ]);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function scratch(name: string): string {
  return path.join(root, `${++counter}-${name}`);
}

/** A PDF signed by a third party (poppler's pdfsig) with a key the given CA certified. */
async function signedBy(
  ca: TestCa,
  input: Buffer = unsigned,
  options: { etsi?: boolean; fieldName?: string } = {},
): Promise<Buffer> {
  const inPath = scratch('in.pdf');
  const outPath = scratch('signed.pdf');
  fs.writeFileSync(inPath, input);
  await signWithPdfsig(ca, inPath, outPath, options);
  return fs.readFileSync(outPath);
}

/**
 * The same file with its first signature's CMS replaced by one `openssl cms -sign` makes
 * over the same bytes with `extra` options, from a new certificate of `ca`: how a signer
 * with other habits (no signed attributes, SHA-1) would have signed it.
 */
async function resignedWith(ca: TestCa, pdf: Buffer, extra: string[]): Promise<Buffer> {
  const signer = await issueCertificate(ca, { subject: { commonName: 'Đỗ Văn Cường' }, profile: 'signer' });
  const [, firstLength, secondStart, secondLength] = findPdfSignatures(pdf)[0]!.byteRange;
  const content = scratch('content.bin');
  fs.writeFileSync(
    content,
    Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(secondStart, secondStart + secondLength)]),
  );
  await run('openssl', [
    'cms',
    '-sign',
    '-binary',
    '-nosmimecap',
    '-signer',
    signer.certPath,
    '-inkey',
    signer.keyPath!,
    '-in',
    content,
    '-outform',
    'DER',
    '-out',
    `${content}.cms`,
    ...extra,
  ]);
  const resigned = Buffer.from(pdf);
  resigned.write(
    fs
      .readFileSync(`${content}.cms`)
      .toString('hex')
      .padEnd(secondStart - firstLength - 2, '0'),
    firstLength + 1,
    'latin1',
  );
  return resigned;
}

/** An incremental update that changes the page, as a forger (or a careless tool) would. */
async function appendUnsignedChange(signed: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.getPage(0).drawText('So tien: 900.000.000 dong', { x: 50, y: 500, size: 12, font });
  return Buffer.from(await doc.commit());
}

describe('verifying a received signed PDF', () => {
  let ca: TestCa;
  let crl: Buffer;
  let signedEtsi: Buffer;
  let signedAdbe: Buffer;

  beforeAll(async () => {
    ca = await createTestCa(scratch('ca'), { commonName: 'CA Sở Nội vụ' });
    crl = (await writeCrl(ca)).der;
    signedEtsi = await signedBy(ca, unsigned, { etsi: true, fieldName: 'ChuKyLanhDao' });
    signedAdbe = await signedBy(ca, unsigned, { fieldName: 'ChuKyCoQuan' });
  });

  it('accepts a PAdES signature from a trusted CA with a current revocation list', async () => {
    const [verdict, ...rest] = await verifyPdf(signedEtsi, office([ca], [crl]));
    expect(rest).toEqual([]);
    expect(verdict).toMatchObject({
      index: 1,
      fieldName: 'ChuKyLanhDao',
      status: 'valid',
      reasonCode: 'OK',
      timeSource: 'claimed',
      level: 'B-B',
      subFilter: 'ETSI.CAdES.detached',
      coversWholeFile: true,
      changesAfter: { bytesAppended: 0, laterSignatures: 0, otherRevisions: 0 },
      checks: {
        integrity: true,
        cmsSignature: true,
        chain: true,
        validityAtSigning: true,
        revocation: 'good',
        timestamp: null,
      },
    });
    expect(verdict!.reason).toMatch(/^Chữ ký hợp lệ\./);
    expect(verdict!.signer).toMatchObject({
      commonName: 'Trần Thị Bình',
      issuer: 'CN=CA Sở Nội vụ,O=Vanthu Test,C=VN',
    });
    expect(Math.abs(Date.parse(verdict!.signedAt!) - Date.now())).toBeLessThan(5 * 60_000);
  });

  it('accepts an adbe.pkcs7.detached signature the same way', async () => {
    const [verdict] = await verifyPdf(signedAdbe, office([ca], [crl]));
    expect(verdict).toMatchObject({
      status: 'valid',
      reasonCode: 'OK',
      level: 'PKCS7',
      subFilter: 'adbe.pkcs7.detached',
      fieldName: 'ChuKyCoQuan',
    });
  });

  it('cannot vouch for a signer whose CA the office does not trust', async () => {
    const [verdict] = await verifyPdf(signedEtsi, office([], [crl]));
    expect(verdict).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'CHAIN_UNTRUSTED',
      checks: { integrity: true, cmsSignature: true, chain: false },
    });
    expect(verdict!.reason).toContain('danh sách tin cậy');
  });

  it('reports a byte changed after signing as invalid', async () => {
    const [field] = findPdfSignatures(signedEtsi);
    const tampered = Buffer.from(signedEtsi);
    const inside = Math.floor(field!.byteRange[1] / 2);
    tampered[inside] = tampered[inside]! ^ 0x01;
    const [verdict] = await verifyPdf(tampered, office([ca], [crl]));
    expect(verdict).toMatchObject({
      status: 'invalid',
      reasonCode: 'DIGEST_MISMATCH',
      reason: 'Nội dung tệp đã bị thay đổi sau khi ký.',
      checks: { integrity: false },
    });
  });

  it('warns that the content may have changed when an unsigned update follows the signature', async () => {
    const modified = await appendUnsignedChange(signedEtsi);
    const [verdict] = await verifyPdf(modified, office([ca], [crl]));
    expect(verdict).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'MODIFIED_AFTER_SIGNING',
      coversWholeFile: false,
      changesAfter: { bytesAppended: modified.length - signedEtsi.length, laterSignatures: 0, otherRevisions: 1 },
      checks: { integrity: true, cmsSignature: true },
    });
    expect(verdict!.reason).toContain('có thể đã bị thay đổi sau khi ký');
  });

  it('warns about bytes pasted after the end of the file, but not about a trailing newline', async () => {
    const [pasted] = await verifyPdf(
      Buffer.concat([signedEtsi, Buffer.from('\n1 0 obj << /Title (sửa) >> endobj\n')]),
      office([ca], [crl]),
    );
    expect(summary([pasted!])).toEqual([['indeterminate', 'MODIFIED_AFTER_SIGNING']]);
    const [newline] = await verifyPdf(Buffer.concat([signedEtsi, Buffer.from('\r\n')]), office([ca], [crl]));
    expect(newline).toMatchObject({
      status: 'valid',
      coversWholeFile: false,
      changesAfter: { bytesAppended: 2, otherRevisions: 0 },
    });
  });

  it('keeps both signatures valid when the second signer adds an incremental update', async () => {
    const twice = await signedBy(ca, signedEtsi, { fieldName: 'ChuKyCoQuan' });
    const verdicts = await verifyPdf(twice, office([ca], [crl]));
    expect(summary(verdicts)).toEqual([
      ['valid', 'OK'],
      ['valid', 'OK'],
    ]);
    expect(
      verdicts.map((verdict) => [verdict.fieldName, verdict.coversWholeFile, verdict.changesAfter.laterSignatures]),
    ).toEqual([
      ['ChuKyLanhDao', false, 1],
      ['ChuKyCoQuan', true, 0],
    ]);
    expect(verdicts[0]!.reason).toContain('chỉ được bổ sung thêm chữ ký khác');
    // Changing the page after both signed puts both in doubt.
    const modified = await verifyPdf(await appendUnsignedChange(twice), office([ca], [crl]));
    expect(summary(modified)).toEqual([
      ['indeterminate', 'MODIFIED_AFTER_SIGNING'],
      ['indeterminate', 'MODIFIED_AFTER_SIGNING'],
    ]);
  });

  it('does not let a broken later signature vouch for the update it came with', async () => {
    const twice = await signedBy(ca, signedEtsi, { fieldName: 'ChuKyCoQuan' });
    const second = findPdfSignatures(twice)[1]!;
    twice.write('30'.padEnd(400, '5a'), second.byteRange[1] + 1, 'latin1');
    expect(summary(await verifyPdf(twice, office([ca], [crl])))).toEqual([
      ['indeterminate', 'MODIFIED_AFTER_SIGNING'],
      ['invalid', 'CMS_UNREADABLE'],
    ]);
  });

  it('cannot check revocation before the office has the CA revocation list', async () => {
    const [verdict] = await verifyPdf(signedEtsi, office([ca]));
    expect(verdict).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'REVOCATION_UNKNOWN',
      checks: { chain: true, revocation: 'unknown' },
    });
    expect(verdict!.reason).toContain('CRL');
  });

  it('asks to go online when the cached revocation list is out of date', async () => {
    const stale = (
      await writeCrl(ca, { thisUpdate: new Date(Date.now() - 10 * DAY), nextUpdate: new Date(Date.now() - 3 * DAY) })
    ).der;
    const [verdict] = await verifyPdf(signedEtsi, office([ca], [stale]));
    expect(verdict).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'CRL_STALE',
      reason:
        'Không kiểm tra được tình trạng thu hồi: danh sách thu hồi (CRL) đã quá hạn, cần kết nối mạng để cập nhật.',
      checks: { revocation: 'stale' },
    });
  });

  it('reports garbage in the signature value as invalid without failing the whole check', async () => {
    const [field] = findPdfSignatures(signedEtsi);
    const broken = Buffer.from(signedEtsi);
    const contentsStart = field!.byteRange[1] + 1;
    broken.write('3082'.padEnd(200, 'ab'), contentsStart, 'latin1');
    const [verdict] = await verifyPdf(broken, office([ca], [crl]));
    expect(verdict).toMatchObject({ status: 'invalid', reasonCode: 'CMS_UNREADABLE', signer: null });

    // A /ByteRange whose gap starts one byte early no longer leaves out exactly the /Contents.
    const shifted = Buffer.from(signedEtsi);
    const firstLength = field!.byteRange[1];
    shifted.write(
      String(firstLength - 1),
      shifted.indexOf(String(firstLength), shifted.indexOf('/ByteRange')),
      'latin1',
    );
    const [malformed] = await verifyPdf(shifted, office([ca], [crl]));
    expect(malformed).toMatchObject({ status: 'invalid', reasonCode: 'MALFORMED', checks: { integrity: null } });
    expect(findPdfSignatures(shifted)[0]!.malformed).toContain('not exactly one hex string');
  });

  it('cannot accept a signing time the signer claims to be before the certificate expired', async () => {
    const now = Date.now();
    const expired = await issueCertificate(ca, {
      subject: { commonName: 'Lê Văn Cũ' },
      profile: 'signer',
      notBefore: new Date(now - 800 * DAY),
      notAfter: new Date(now - 30 * DAY),
    });
    // Signed today with /M set two months back, inside the certificate's validity.
    const backdated = await signWithKey(unsigned, expired, {
      fieldName: 'ChuKyLanhDao',
      signingTime: new Date(now - 60 * DAY),
    });
    const [verdict] = await verifyPdf(backdated, office([ca], [crl]));
    expect(verdict).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'CERT_EXPIRED_NO_TIMESTAMP',
      timeSource: 'claimed',
      checks: { integrity: true, chain: true, validityAtSigning: true },
    });
    expect(verdict!.reason).toMatch(/^Chứng thư số của người ký đã hết hạn .* không có dấu thời gian/);
  });

  it('requires a PAdES signature to sign its content type, digest and certificate; adbe.pkcs7 need not', async () => {
    for (const options of [['-noattr'], ['-md', 'sha256']]) {
      const [verdict] = await verifyPdf(await resignedWith(ca, signedEtsi, options), office([ca], [crl]));
      expect(verdict).toMatchObject({
        status: 'invalid',
        reasonCode: 'CADES_ATTRIBUTES_MISSING',
        subFilter: 'ETSI.CAdES.detached',
        checks: { integrity: true, cmsSignature: true },
      });
      expect(verdict!.reason).toContain('PAdES');
    }
    const withEss = await resignedWith(ca, signedEtsi, ['-cades', '-md', 'sha256']);
    expect(summary(await verifyPdf(withEss, office([ca], [crl])))).toEqual([['valid', 'OK']]);
    const bareAdbe = await resignedWith(ca, signedAdbe, ['-noattr', '-md', 'sha256']);
    expect(summary(await verifyPdf(bareAdbe, office([ca], [crl])))).toEqual([['valid', 'OK']]);
  });

  it('does not vouch for a signature whose digest is SHA-1', async () => {
    for (const [pdf, options] of [
      [signedEtsi, ['-cades', '-md', 'sha1']],
      [signedAdbe, ['-md', 'sha1']],
    ] as const) {
      const [verdict] = await verifyPdf(await resignedWith(ca, pdf, [...options]), office([ca], [crl]));
      expect(verdict).toMatchObject({
        status: 'indeterminate',
        reasonCode: 'WEAK_HASH_ALGORITHM',
        checks: { integrity: true, cmsSignature: true },
      });
      expect(verdict!.reason).toContain('SHA-1');
    }
  });

  it('returns no verdicts for an unsigned PDF and refuses a file that is not a PDF', async () => {
    expect(await verifyPdf(await asciiPdf('Cong van so 15/UBND'), office([ca]))).toEqual([]);
    await expect(verifyPdf(Buffer.from('PK\x03\x04 Quyết định.docx'), office([ca]))).rejects.toMatchObject({
      code: 'PDF_NOT_PDF',
    });
  });

  // How fast this goes is measured by `npm run bench -- verify`.
  it('verifies a signed scan of over a megabyte', async () => {
    const scan = await vietnamesePdf(['Biên bản họp thôn Đông'], { scanBytes: 1_100_000 });
    const signed = await signedBy(ca, scan, { fieldName: 'ChuKyCoQuan' });
    expect(signed.length).toBeGreaterThan(1_100_000);
    expect(summary(await verifyPdf(signed, office([ca], [crl])))).toEqual([['valid', 'OK']]);
  });
});

describe('revocation: what the CA says about the signer', () => {
  /** A CA of its own (its signer is revoked in one test only), a signed PDF, and the signer's serial. */
  async function revocableSigner(
    name: string,
  ): Promise<{ ca: TestCa; pdf: Buffer; serialHex: string; signedAt: Date }> {
    const ca = await createTestCa(scratch(name), { commonName: `CA ${name}` });
    const pdf = await signedBy(ca, unsigned, { etsi: true });
    const [verdict] = await verifyPdf(pdf, office([ca]));
    return { ca, pdf, serialHex: verdict!.signer!.serialHex, signedAt: new Date(verdict!.signedAt!) };
  }

  it('reports a certificate revoked before signing as invalid, even from an out-of-date list', async () => {
    const { ca, pdf, serialHex } = await revocableSigner('revoked-before');
    revokeCertificate(ca, serialHex, { at: new Date(Date.now() - DAY), reason: 'keyCompromise' });
    const [verdict] = await verifyPdf(pdf, office([ca], [(await writeCrl(ca)).der]));
    expect(verdict).toMatchObject({ status: 'invalid', reasonCode: 'REVOKED', checks: { revocation: 'revoked' } });
    expect(verdict!.reason).toMatch(/^Chứng thư số đã bị thu hồi trước thời điểm ký/);
    const stale = (
      await writeCrl(ca, {
        thisUpdate: new Date(Date.now() - 10 * DAY + 1),
        nextUpdate: new Date(Date.now() - 3 * DAY),
      })
    ).der;
    expect(summary(await verifyPdf(pdf, office([ca], [stale])))).toEqual([['invalid', 'REVOKED']]);
  });

  it('cannot tell whether a signature without a timestamp predates a later revocation', async () => {
    const { ca, pdf, serialHex, signedAt } = await revocableSigner('revoked-after');
    const revokedAt = new Date(signedAt.getTime() + 60_000);
    revokeCertificate(ca, serialHex, { at: revokedAt });
    const crl = (await writeCrl(ca, { thisUpdate: new Date(revokedAt.getTime() + 1000) })).der;
    const [verdict] = await verifyPdf(pdf, office([ca], [crl], new Date(revokedAt.getTime() + 2 * 60_000)));
    expect(verdict).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'REVOKED_AFTER_SIGNING_NO_TIMESTAMP',
      timeSource: 'claimed',
    });
    expect(verdict!.reason).toContain('không có dấu thời gian');
  });

  it('checks the intermediate CA as well as the signer', async () => {
    const nationalRoot = await createTestCa(scratch('root'), {
      commonName: 'Root CA Quốc gia',
      crlUrl: 'http://127.0.0.1:8099/root.crl',
    });
    const province = await createTestCa(scratch('province'), {
      commonName: 'CA Tỉnh Quảng Trị',
      crlUrl: 'http://127.0.0.1:8099/province.crl',
      issuer: nationalRoot,
    });
    const signer = await issueCertificate(province, { subject: { commonName: 'Phạm Thị Dung' }, profile: 'signer' });
    const pdf = await signWithKey(unsigned, signer, { fieldName: 'ChuKyLanhDao', chain: [province.certDer] });
    const provinceCrl = (await writeCrl(province)).der;

    const [good] = await verifyPdf(pdf, office([nationalRoot], [(await writeCrl(nationalRoot)).der, provinceCrl]));
    expect(good).toMatchObject({ status: 'valid', checks: { chain: true, revocation: 'good' } });
    // The national root's list says whether the province CA itself still stands.
    const [unknown] = await verifyPdf(pdf, office([nationalRoot], [provinceCrl]));
    expect(unknown).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'REVOCATION_UNKNOWN',
      checks: { revocation: 'unknown' },
    });
    expect(unknown!.reason).toContain('CA Tỉnh Quảng Trị');

    revokeCertificate(nationalRoot, readCertificate(province.certDer).info.serialHex, {
      at: new Date(Date.now() - DAY),
      reason: 'keyCompromise',
    });
    const [revoked] = await verifyPdf(pdf, office([nationalRoot], [(await writeCrl(nationalRoot)).der, provinceCrl]));
    expect(revoked).toMatchObject({ status: 'invalid', reasonCode: 'REVOKED', checks: { revocation: 'revoked' } });
    expect(revoked!.reason).toMatch(
      /^Chứng thư số của tổ chức chứng thực .*CA Tỉnh Quảng Trị.* đã bị thu hồi trước thời điểm ký/,
    );
  });

  it('finds the signer among the thousands of certificates a national CA has revoked', async () => {
    const { ca, pdf, serialHex } = await revocableSigner('revoked-many');
    revokeCertificate(ca, serialHex, { at: new Date(Date.now() - DAY) });
    // Past 2,000 entries asn1js's default node limit would refuse the list.
    const { der } = await writeCrl(ca, { othersRevoked: 8_000 });
    expect(der.length).toBeGreaterThan(200_000);
    expect(summary(await verifyPdf(pdf, office([ca], [der])))).toEqual([['invalid', 'REVOKED']]);
  });

  it('fetches the revocation list when online and keeps using it offline', async () => {
    let crlBody: Buffer | null = null;
    let requests = 0;
    const server = http.createServer((_, response) => {
      requests++;
      response.writeHead(crlBody ? 200 : 404).end(crlBody ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const ca = await createTestCa(scratch('ca-online'), {
      crlUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ca.crl`,
    });
    crlBody = (await writeCrl(ca)).der;
    const pdf = await signedBy(ca);
    const options = office([ca]);

    expect(summary(await verifyPdf(pdf, options))).toEqual([['indeterminate', 'REVOCATION_UNKNOWN']]);
    expect(requests).toBe(0);
    expect(summary(await verifyPdf(pdf, { ...options, online: true }))).toEqual([['valid', 'OK']]);
    expect(requests).toBe(1);
    // A current cached list is not fetched again.
    await verifyPdf(pdf, { ...options, online: true });
    expect(requests).toBe(1);

    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const offline = { ...options, crls: new CrlCache(options.crls.dir) };
    expect(summary(await verifyPdf(pdf, offline))).toEqual([['valid', 'OK']]);
    // Out of date and the CA server unreachable: the cached list is used and judged stale.
    const nextWeek = new Date(Date.now() + 8 * DAY);
    expect(summary(await verifyPdf(pdf, { ...offline, online: true, now: nextWeek }))).toEqual([
      ['indeterminate', 'CRL_STALE'],
    ]);
  });
});

/** An RFC 3161 token over `data` from the test TSA, requested and unpacked with openssl as a third party would. */
async function timestampToken(tsaUrl: string, data: Buffer): Promise<Buffer> {
  const dataPath = scratch('stamped.bin');
  fs.writeFileSync(dataPath, data);
  await run('openssl', ['ts', '-query', '-data', dataPath, '-sha256', '-cert', '-out', `${dataPath}.tsq`]);
  const response = await fetch(tsaUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: fs.readFileSync(`${dataPath}.tsq`),
  });
  fs.writeFileSync(`${dataPath}.tsr`, Buffer.from(await response.arrayBuffer()));
  await run('openssl', ['ts', '-reply', '-in', `${dataPath}.tsr`, '-token_out', '-out', `${dataPath}.tok`]);
  return fs.readFileSync(`${dataPath}.tok`);
}

describe('RFC 3161 timestamps', () => {
  let ca: TestCa;
  let tsa: Awaited<ReturnType<typeof startTestTsa>>;

  beforeAll(async () => {
    ca = await createTestCa(scratch('ca-tsa'), { commonName: 'CA Dấu thời gian' });
    tsa = await startTestTsa(ca);
  });

  afterAll(() => tsa.close());

  it('accepts a token from a trusted TSA for these bytes, and nothing else', async () => {
    const signatureValue = Buffer.from('giá trị chữ ký giả định 0123456789');
    const token = await timestampToken(tsa.url, signatureValue);
    const anchors = [readCertificate(ca.certDer)];

    const valid = checkTimestampToken(token, [signatureValue], anchors);
    expect(valid).toMatchObject({ status: 'valid', imprintMatches: true });
    expect(Math.abs(valid.genTime!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(checkTimestampToken(token, [Buffer.from('một chữ ký khác')], anchors)).toMatchObject({
      status: 'invalid',
      imprintMatches: false,
    });
    expect(checkTimestampToken(token, [signatureValue], [])).toMatchObject({
      status: 'untrusted',
      imprintMatches: true,
    });
    // Moving genTime a year on (GeneralizedTime, tag 0x18, 15 bytes) breaks the TSA's signature.
    const forged = Buffer.from(token);
    const genTimeAt = forged.indexOf(
      Buffer.concat([Buffer.from([0x18, 0x0f]), Buffer.from(String(valid.genTime!.getUTCFullYear()))]),
    );
    expect(genTimeAt).toBeGreaterThan(0);
    forged[genTimeAt + 5] = forged[genTimeAt + 5]! + 1;
    expect(checkTimestampToken(forged, [signatureValue], anchors).status).toBe('invalid');
    expect(checkTimestampToken(Buffer.from('rác'), [signatureValue], anchors).status).toBe('invalid');
  });

  it('accepts a document timestamp (ETSI.RFC3161) and dates the file by it', async () => {
    // A signature field turned into a document timestamp: same length, new /SubFilter, and a
    // TSA token over the byte ranges in place of the CMS.
    const signed = await signedBy(ca, unsigned, { etsi: true });
    const pdf = Buffer.from(
      signed.toString('latin1').replace('/SubFilter /ETSI.CAdES.detached', '/SubFilter /ETSI.RFC3161       '),
      'latin1',
    );
    expect(pdf.length).toBe(signed.length);
    const [, firstLength, secondStart, secondLength] = findPdfSignatures(pdf)[0]!.byteRange;
    const token = await timestampToken(
      tsa.url,
      Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(secondStart, secondStart + secondLength)]),
    );
    pdf.write(token.toString('hex').padEnd(secondStart - firstLength - 2, '0'), firstLength + 1, 'latin1');

    const [verdict] = await verifyPdf(pdf, office([ca], [(await writeCrl(ca)).der]));
    expect(verdict).toMatchObject({
      status: 'valid',
      subFilter: 'ETSI.RFC3161',
      timeSource: 'timestamp',
      level: null,
      checks: { integrity: true, cmsSignature: true, chain: true, timestamp: true, revocation: 'good' },
      signer: { commonName: 'Vanthu Test TSA' },
    });
    expect(verdict!.reason).toContain('dấu thời gian');
    pdf[100] = pdf[100]! ^ 0x01;
    expect(summary(await verifyPdf(pdf, office([ca])))).toEqual([['invalid', 'DIGEST_MISMATCH']]);
  });
});
