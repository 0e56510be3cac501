// What the desktop UI shows of signing and what it uploads for it: files given
// as bytes (browser mode has no paths), the signatures counted in the register
// table, and the dashboard's share of digitally signed documents — on real
// SoftHSM2 tokens.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../shared/dates.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { openTestOffice, tempDir, type TestOffice } from '../helpers/office.ts';
import { certificateOf, draftDecision, rejection, signingOffice, storedPdf, useTokenLab } from '../helpers/signing.ts';

const lab = useTokenLab();

const asUpload = (file: string, filename: string) => ({ base64: fs.readFileSync(file).toString('base64'), filename });

async function signBoth(office: TestOffice, id: string): Promise<void> {
  for (const as of ['personal', 'organization'] as const) {
    const certificate = await certificateOf(office, lab(), as);
    const result = await office.call('sign.documents', {
      ids: [id],
      certId: certificate.id,
      as,
      pin: lab().tokens.tokens[as].pin,
      modules: [lab().tokens.module],
    });
    expect(result.stoppedAt).toBeNull();
  }
}

describe('signing settings uploaded as bytes', () => {
  it('trusts a CA certificate and stores the signature and seal images given as base64, then signs with them', async () => {
    const office = await openTestOffice({ now: new Date().toISOString() });
    const trusted = await office.call('trust.add', asUpload(lab().tokens.caCert, 'ca.pem'));
    expect(trusted.added).toHaveLength(1);
    expect((await office.call('trust.list', {})).certificates.map((entry) => entry.sha256)).toEqual([
      trusted.added[0]!.sha256,
    ]);
    await office.call('settings.signatureImage', {
      ...asUpload(lab().signaturePath, 'chu-ky.png'),
      kind: 'signature',
      signerName: 'Nguyễn Văn An',
    });
    const settings = await office.call('settings.signatureImage', {
      ...asUpload(lab().sealPath, 'con-dau.png'),
      kind: 'seal',
      sizeMm: 36,
    });
    expect(settings.images.map((image) => [image.owner, image.kind, image.sizeMm])).toEqual([
      ['agency', 'seal', 36],
      ['user:nguyen van an', 'signature', null],
    ]);
    const id = await draftDecision(
      office,
      await vietnamesePdf(['Quyết định', 'CHỦ TỊCH', '', 'Nguyễn Văn An']),
      tempDir(),
    );
    await signBoth(office, id);
    const [row] = (await office.call('documents.list', { view: 'outgoing' })).rows;
    expect(row).toMatchObject({ id, notation: '01/QĐ-UBND', signatureCount: 2, attachmentCount: 1 });
  });

  it('refuses bytes that are not base64, not a certificate or not a PNG, and a path given with bytes', async () => {
    const office = await openTestOffice({ now: new Date().toISOString() });
    expect((await rejection(office.call('trust.add', { base64: 'not base64!', filename: 'ca.pem' }))).code).toBe(
      'INPUT_INVALID',
    );
    expect(
      (
        await rejection(
          office.call('trust.add', { base64: Buffer.from('hello').toString('base64'), filename: 'ca.pem' }),
        )
      ).code,
    ).toBe('CERT_UNREADABLE');
    expect(
      (
        await rejection(
          office.call('trust.add', { base64: Buffer.from('x').toString('base64') } as {
            base64: string;
            filename: string;
          }),
        )
      ).code,
    ).toBe('INPUT_INVALID');
    const image = asUpload(lab().signaturePath, 'chu-ky.png');
    expect(
      (
        await rejection(
          office.call('settings.signatureImage', {
            base64: Buffer.from('GIF89a').toString('base64'),
            filename: 'a.png',
            kind: 'seal',
          }),
        )
      ).code,
    ).toBe('SIGN_IMAGE_INVALID');
    expect((await rejection(office.call('settings.signatureImage', { ...image, kind: 'signature' }))).code).toBe(
      'INPUT_INVALID',
    );
    expect(
      (await rejection(office.call('settings.signatureImage', { ...image, path: lab().signaturePath, kind: 'seal' })))
        .code,
    ).toBe('INPUT_INVALID');
    expect((await office.call('settings.get', {})).images).toEqual([]);
    expect((await office.call('trust.list', {})).certificates).toEqual([]);
  });
});

describe('signatures in the register table and the dashboard', () => {
  it("counts the signatures on each main file, the sender's ones once they are verified", async () => {
    const office = await signingOffice(lab(), { crl: false });
    const id = await draftDecision(
      office,
      await vietnamesePdf(['Quyết định', 'CHỦ TỊCH', '', 'Nguyễn Văn An']),
      tempDir(),
    );
    const unsigned = await draftDecision(office, await vietnamesePdf(['Quyết định khác']), tempDir(), 'khac.pdf');
    await signBoth(office, id);
    const today = localDate(new Date());
    const stats = await office.call('dashboard.stats', {});
    expect(stats).toMatchObject({
      month: today.slice(0, 7),
      sentThisMonth: 1,
      signedDigitallyPercent: 100,
      sentElectronicallyPercent: 100,
    });

    // The signed file arrives in another register as an incoming document.
    const signedBytes = storedPdf(office, (await office.call('documents.get', { id })).attachments[0]!.sha256);
    const incoming = await office.call('incoming.register', {
      file: { base64: signedBytes.toString('base64'), filename: 'qd-01.pdf' },
      issuerName: 'UBND xã Quảng Phú',
      notation: '01/QĐ-UBND',
      issuedOn: today,
      type: 'QD',
      subject: 'Phê duyệt kế hoạch phòng, chống thiên tai năm 2026',
    });
    const incomingRow = async () =>
      (await office.call('documents.list', { view: 'incoming' })).rows.find((row) => row.id === incoming.id)!;
    expect((await incomingRow()).signatureCount).toBe(0);
    await office.call('verify', { id: incoming.id, online: false });
    expect((await incomingRow()).signatureCount).toBe(2);

    const drafts = await office.call('documents.list', { view: 'drafts' });
    expect(drafts.rows.map((row) => [row.id, row.signatureCount])).toEqual([[unsigned, 0]]);
  });
});
