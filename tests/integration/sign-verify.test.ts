// Checking signatures the way a receiving office must, on files signed by our
// own token path: tampering, expired and revoked certificates, stale or
// missing revocation data, and RFC 3161 timestamps (PAdES B-T).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCadesSignature } from '../../core/signing/cms.ts';
import { placeAppearance } from '../../core/signing/pades/placement.ts';
import { signPdf } from '../../core/signing/pades/sign-pdf.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { issueCertificate, revokeCertificate, startTestTsa, writeCrl } from '../../scripts/lib/test-pki.ts';
import { tempDir, type TestOffice } from '../helpers/office.ts';
import { certificateOf, draftDecision, pdfsig, signingOffice, useTokenLab } from '../helpers/signing.ts';

const lab = useTokenLab();
const HOUR = 3600_000;

async function signedCopy(
  office: TestOffice,
  options: { token?: 'personal' | 'organization'; keyId?: string } = {},
): Promise<{ id: string; file: string; bytes: Buffer }> {
  const dir = tempDir();
  const id = await draftDecision(
    office,
    await vietnamesePdf(['Quyết định', 'CHỦ TỊCH', '', '', '', 'Nguyễn Văn An']),
    dir,
  );
  const certificate = await certificateOf(office, lab(), options.token ?? 'personal', options.keyId ?? '01');
  const result = await office.call('sign.documents', {
    ids: [id],
    certId: certificate.id,
    as: 'personal',
    pin: lab().tokens.tokens.personal.pin,
    modules: [lab().tokens.module],
  });
  expect(result.stoppedAt).toBeNull();
  const attachment = (await office.call('documents.get', { id })).attachments[0]!;
  const file = path.join(dir, 'signed.pdf');
  await office.call('attachments.export', { documentId: id, attachmentId: attachment.id, out: file });
  return { id, file, bytes: fs.readFileSync(file) };
}

describe('verifying what our tokens signed', () => {
  it('reports a byte changed after signing as invalid', async () => {
    const office = await signingOffice(lab());
    const { file, bytes } = await signedCopy(office);
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('Quy');
    tampered[at + 20] = tampered[at + 20]! ^ 0x01;
    fs.writeFileSync(file, tampered);
    const [verdict] = (await office.call('verify', { path: file, online: false })).signatures;
    expect(verdict).toMatchObject({ status: 'invalid', reasonCode: 'DIGEST_MISMATCH' });
    expect(pdfsig(file, lab().nssDir)[0]!.valid).toBe(false);
  });

  it('reports a signature made with an expired certificate as invalid', async () => {
    const office = await signingOffice(lab());
    const now = new Date();
    const issued = await issueCertificate(lab().ca, {
      subject: { commonName: 'Lê Văn Cũ' },
      profile: 'signer',
      notBefore: new Date(now.getTime() - 800 * 24 * HOUR),
      notAfter: new Date(now.getTime() - 30 * 24 * HOUR),
    });
    const key = crypto.createPrivateKey(fs.readFileSync(issued.keyPath!));
    const spec = { kind: 'personal' as const, image: null, signerName: 'Lê Văn Cũ', time: now };
    const signed = await signPdf(
      await vietnamesePdf(['Công văn']),
      {
        subFilter: 'ETSI.CAdES.detached',
        fieldName: 'Sig1',
        signingTime: now,
        reason: null,
        signerName: 'Lê Văn Cũ',
        appearance: spec,
        place: (sizes, parts) =>
          placeAppearance(
            { spec, user: null, layout: [], signerName: null, signerImage: null, drawn: [] },
            sizes,
            parts,
          ),
      },
      async (digest) =>
        (
          await buildCadesSignature({
            contentDigest: digest,
            signerDer: issued.certDer,
            chainDers: [],
            keyType: 'rsa',
            sign: (data) => Promise.resolve(crypto.sign('sha256', data, key)),
          })
        ).der,
    );
    const file = path.join(tempDir(), 'expired.pdf');
    fs.writeFileSync(file, signed.bytes);
    const [verdict] = (await office.call('verify', { path: file, online: false })).signatures;
    expect(verdict).toMatchObject({ status: 'invalid', reasonCode: 'CERT_EXPIRED_AT_SIGNING' });
    expect(verdict!.reason).toMatch(/hết hạn/);
  });

  it('cannot call a signature valid without revocation data, nor with a stale CRL', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const { file } = await signedCopy(office);
    expect((await office.call('verify', { path: file, online: false })).signatures[0]).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'REVOCATION_UNKNOWN',
    });
    const now = Date.now();
    const stale = await writeCrl(lab().ca, {
      thisUpdate: new Date(now - 10 * 24 * HOUR),
      nextUpdate: new Date(now - 3 * 24 * HOUR),
    });
    await office.call('crl.import', { path: stale.path, url: lab().ca.crlUrl });
    const [verdict] = (await office.call('verify', { path: file, online: false })).signatures;
    expect(verdict).toMatchObject({ status: 'indeterminate', reasonCode: 'CRL_STALE' });
    expect(verdict!.reason).toContain('CRL');
  });

  it('timestamps the signature when a TSA is configured (B-T), and signs B-B with a warning when it is down', async () => {
    const tsa = await startTestTsa(lab().ca);
    try {
      const office = await signingOffice(lab());
      await office.call('settings.update', { tsaUrl: tsa.url });
      const { id, file } = await signedCopy(office);
      const [verdict] = (await office.call('verify', { path: file, online: false })).signatures;
      expect(verdict).toMatchObject({ status: 'valid', level: 'B-T', timeSource: 'timestamp' });
      expect((await office.call('verify', { id, online: false })).signed[0]!.level).toBe('B-T');
      expect(pdfsig(file, lab().nssDir)[0]!.valid).toBe(true);

      await office.call('settings.update', { tsaUrl: 'http://127.0.0.1:9/tsa' });
      const dir = tempDir();
      const draft = await draftDecision(
        office,
        await vietnamesePdf(['Quyết định', 'CHỦ TỊCH', '', '', '', 'Nguyễn Văn An']),
        dir,
      );
      const chairman = await certificateOf(office, lab(), 'personal');
      const result = await office.call('sign.documents', {
        ids: [draft],
        certId: chairman.id,
        as: 'personal',
        pin: lab().tokens.tokens.personal.pin,
        modules: [lab().tokens.module],
      });
      expect(result.signed[0]!.level).toBe('B-B');
      expect(result.warnings.join(' ')).toContain('dấu thời gian');
    } finally {
      await tsa.close();
    }
  });

  it('tells a signature made after revocation (invalid) from one made before it without a timestamp (indeterminate)', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const now = Date.now();
    office.setNow(new Date(now - 2 * HOUR).toISOString());
    const before = await signedCopy(office);
    office.setNow(new Date(now).toISOString());
    const after = await signedCopy(office);
    revokeCertificate(lab().ca, lab().tokens.tokens.personal.certs.signing.serialHex, {
      at: new Date(now - HOUR),
      reason: 'keyCompromise',
    });
    const crl = await writeCrl(lab().ca);
    await office.call('crl.import', { path: crl.path, url: lab().ca.crlUrl });
    expect((await office.call('verify', { path: after.file, online: false })).signatures[0]).toMatchObject({
      status: 'invalid',
      reasonCode: 'REVOKED',
    });
    expect((await office.call('verify', { path: before.file, online: false })).signatures[0]).toMatchObject({
      status: 'indeterminate',
      reasonCode: 'REVOKED_AFTER_SIGNING_NO_TIMESTAMP',
    });
    // The stored documents show the same verdicts.
    expect((await office.call('verify', { id: after.id, online: false })).signatures[0]!.status).toBe('invalid');
  });
});
