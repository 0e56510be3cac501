// The signing commands as a clerk or a script types them: the PIN only ever
// comes through stdin, the JSON output is one document, and verify agrees
// with poppler.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { writeCrl } from '../../scripts/lib/test-pki.ts';
import type { DocumentView, Outputs } from '../../shared/api.ts';
import type { ErrorValue } from '../../shared/errors.ts';
import { vanthu } from '../helpers/cli.ts';
import { tempDir } from '../helpers/office.ts';
import { pdfsig, useTokenLab } from '../helpers/signing.ts';
import { matching } from '../helpers/matchers.ts';

const lab = useTokenLab();

/** What a command prints with --json when it fails. */
interface Failure {
  error: ErrorValue;
}

describe('vanthu token, sign, verify and trust', () => {
  it('signs a draft from the command line with the PIN on stdin, and verifies it', async () => {
    const data = tempDir();
    const dir = tempDir();
    const { tokens, ca } = lab();
    expect(vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']).status).toBe(0);
    expect(vanthu<Outputs['trust.add']>(data, ['trust', 'add', tokens.caCert]).json.added[0]?.isCa).toBe(true);
    expect(vanthu(data, ['settings', 'signature-image', lab().signaturePath, '--signer', 'Nguyễn Văn An']).status).toBe(
      0,
    );
    const crl = await writeCrl(ca);
    expect(vanthu(data, ['crl', 'import', crl.path, '--url', ca.crlUrl]).status).toBe(0);

    const pdf = path.join(dir, 'qd.pdf');
    fs.writeFileSync(pdf, await vietnamesePdf(['Quyết định', 'CHỦ TỊCH', '', 'Nguyễn Văn An']));
    const draft = vanthu<DocumentView>(data, [
      'outgoing',
      'draft',
      pdf,
      '--type',
      'QD',
      '--subject',
      'Phê duyệt kế hoạch',
      '--signer',
      'Nguyễn Văn An',
    ]);
    expect(draft.status).toBe(0);

    const listed = vanthu<Outputs['tokens.certificates']>(data, ['token', 'certs', '--module', tokens.module]);
    expect(listed.status).toBe(0);
    const chairman = listed.json.certificates.find((entry) => entry.certificate.commonName === 'Nguyễn Văn An')!;
    expect(chairman.certificate.subject).toContain('CCCD:038090001234');
    const text = vanthu(data, ['token', 'list', '--module', tokens.module], { json: false });
    expect(text.stdout).toContain('vanthu-personal');

    const pin = tokens.tokens.personal.pin;
    const signed = vanthu<Outputs['sign.documents']>(
      data,
      [
        'sign',
        draft.json.id,
        '--cert',
        chairman.id.slice(0, 12),
        '--kind',
        'personal',
        '--pin-stdin',
        '--module',
        tokens.module,
      ],
      { input: `${pin}\n` },
    );
    expect(signed.status).toBe(0);
    expect(signed.json.signed).toHaveLength(1);
    expect(signed.stderr).toContain('Đã ký 1/1');
    // The PIN is nowhere in what the command printed, nor in the store.
    for (const output of [signed.stdout, signed.stderr]) expect(output).not.toContain(pin);
    for (const file of fs.readdirSync(data).filter((name) => name.startsWith('vanthu.db'))) {
      expect(fs.readFileSync(path.join(data, file)).includes(Buffer.from(`"${pin}"`))).toBe(false);
    }

    const verified = vanthu<Outputs['verify']>(data, ['verify', draft.json.id]);
    expect(verified.status).toBe(0);
    expect(verified.json.signatures).toEqual([
      matching.objectContaining({
        status: 'valid',
        coversWholeFile: true,
        signer: matching.objectContaining({ commonName: 'Nguyễn Văn An' }),
      }),
    ]);
    const out = path.join(dir, 'signed.pdf');
    expect(vanthu(data, ['attachment', 'export', draft.json.id, '--out', out]).status).toBe(0);
    const onFile = vanthu<Outputs['verify']>(data, ['verify', out, '--offline']);
    expect(onFile.json.signatures[0]?.status).toBe('valid');
    expect(pdfsig(out, lab().nssDir)[0]!.valid).toBe(true);
    expect(vanthu(data, ['verify', out], { json: false }).stdout).toContain('HỢP LỆ');
    // Once the commune lists its officials, the chairman signs as himself: his password, then the PIN, on stdin.
    vanthu(data, ['person', 'add', 'Lê Thị Văn', '--role', 'clerk']);
    vanthu(data, ['person', 'add', 'Nguyễn Văn An', '--role', 'leader', '--new-password-stdin'], {
      input: 'chu-tich-2026\n',
    });
    const second = vanthu<DocumentView>(data, ['outgoing', 'draft', pdf, '--type', 'QD', '--subject', 'Kế hoạch 2']);
    const signArgs = ['sign', second.json.id, '--cert', chairman.id, '--kind', 'personal', '--pin-stdin'];
    const asClerk = vanthu<Failure>(data, [...signArgs, '--module', tokens.module], { input: `${pin}\n` });
    expect(asClerk.json.error.code).toBe('NOT_PERMITTED');
    const asChairman = vanthu<Outputs['sign.documents']>(
      data,
      [...signArgs, '--as', 'Nguyễn Văn An', '--password-stdin', '--module', tokens.module],
      { input: `chu-tich-2026\n${pin}\n` },
    );
    expect(asChairman.status, asChairman.stdout).toBe(0);
    expect(asChairman.json.signed).toHaveLength(1);
    for (const output of [asChairman.stdout, asChairman.stderr]) expect(output).not.toContain('chu-tich-2026');
  });

  it('never takes the PIN from the command line', () => {
    const data = tempDir();
    const refused = vanthu<Failure>(data, [
      'sign',
      'x',
      '--cert',
      'abcdef0123',
      '--kind',
      'personal',
      '--pin',
      '123456',
    ]);
    expect(refused.status).toBe(2);
    expect(refused.json.error.message).toContain('--pin');
    const noStdin = vanthu<Failure>(data, ['sign', 'x', '--cert', 'abcdef0123', '--kind', 'personal']);
    expect(noStdin.status).toBe(2);
    expect(noStdin.json.error.message).toContain('--pin-stdin');
  });

  it('reports a wrong PIN with the tries-left warning and exit code 1', async () => {
    const data = tempDir();
    const dir = tempDir();
    const { tokens } = lab();
    vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']);
    vanthu(data, ['settings', 'signature-image', lab().signaturePath, '--signer', 'Nguyễn Văn An']);
    const pdf = path.join(dir, 'qd.pdf');
    fs.writeFileSync(pdf, await vietnamesePdf(['Quyết định', 'CHỦ TỊCH', '', '', '', 'Nguyễn Văn An']));
    const draft = vanthu<DocumentView>(data, [
      'outgoing',
      'draft',
      pdf,
      '--type',
      'QD',
      '--subject',
      'Kế hoạch',
      '--signer',
      'Nguyễn Văn An',
    ]);
    const listed = vanthu<Outputs['tokens.certificates']>(data, ['token', 'certs', '--module', tokens.module]);
    const chairman = listed.json.certificates.find((entry) => entry.certificate.commonName === 'Nguyễn Văn An')!;
    const wrong = vanthu(
      data,
      ['sign', draft.json.id, '--cert', chairman.id, '--kind', 'personal', '--pin-stdin', '--module', tokens.module],
      { json: false, input: '999999\n' },
    );
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Mã PIN không đúng');
    expect(wrong.stderr).toContain('TOKEN_PIN_COUNT_LOW');
    expect(wrong.stderr).not.toContain('999999');
  });

  it('adds, lists and removes a trusted CA, and refuses a certificate that is not a CA', () => {
    const data = tempDir();
    const { tokens } = lab();
    vanthu(data, ['init', '--agency', '000.00.31.H56', '--name', 'UBND xã Quảng Phú']);
    const added = vanthu<Outputs['trust.add']>(data, ['trust', 'add', tokens.caCert]);
    const fingerprint = added.json.added[0]!.sha256;
    expect(
      vanthu<Outputs['trust.list']>(data, ['trust', 'list']).json.certificates.map((entry) => entry.sha256),
    ).toEqual([fingerprint]);
    const leaf = vanthu<Failure>(data, ['trust', 'add', tokens.tokens.personal.certs.signing.certPath]);
    expect(leaf.status).toBe(1);
    expect(leaf.json.error.code).toBe('TRUST_NOT_CA');
    expect(vanthu(data, ['trust', 'remove', fingerprint.slice(0, 10)]).status).toBe(0);
    expect(vanthu<Outputs['trust.list']>(data, ['trust', 'list']).json.certificates).toEqual([]);
  });
});
