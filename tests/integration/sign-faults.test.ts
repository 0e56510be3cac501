// What goes wrong at a commune desk: a mistyped PIN, a token near lockout, a
// token pulled out halfway through the day's batch, an old driver, a PIN pad,
// a certificate that cannot sign. Each gets a clear answer and loses nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFaultModule, faultEnv, writeFaultControl, type FaultControl } from '../../scripts/lib/fault-module.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { TokenManager } from '../../core/signing/token-manager.ts';
import { tempDir, type TestOffice } from '../helpers/office.ts';
import { certificateOf, draftDecision, pdfsig, rejection, signingOffice, useTokenLab } from '../helpers/signing.ts';
import { matching } from '../helpers/matchers.ts';

const lab = useTokenLab();

/** Routes the office's token calls through the fault module wrapping SoftHSM. */
function faultyToken(faults: FaultControl): { module: string; control: string } {
  const control = path.join(tempDir(), 'faults');
  writeFaultControl(control, faults);
  Object.assign(process.env, faultEnv(control, lab().tokens.module));
  return { module: buildFaultModule(), control };
}

async function draftsFor(office: TestOffice, count: number): Promise<{ ids: string[]; hashes: string[] }> {
  const dir = tempDir();
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    ids.push(
      await draftDecision(
        office,
        await vietnamesePdf([`Quyết định số ${index + 1}`, 'CHỦ TỊCH', '', 'Nguyễn Văn An']),
        dir,
        `qd-${index}.pdf`,
      ),
    );
  }
  const hashes = await Promise.all(
    ids.map(async (id) => (await office.call('documents.get', { id })).attachments[0]!.sha256),
  );
  return { ids, hashes };
}

function signRows(office: TestOffice): number {
  return (office.core.db.prepare('SELECT COUNT(*) AS n FROM signatures').get() as { n: number }).n;
}

describe('a wrong PIN', () => {
  it('is refused once, says the token now counts down, and leaves the file as it was', async () => {
    const log = path.join(tempDir(), 'logins');
    const { module } = faultyToken({ loginLog: log });
    const office = await signingOffice(lab(), { crl: false });
    const { ids, hashes } = await draftsFor(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const error = await rejection(
      office.call('sign.documents', { ids, certId: chairman.id, as: 'personal', pin: '000000', modules: [module] }),
    );
    // SoftHSM sets CKF_USER_PIN_COUNT_LOW after a wrong PIN.
    expect(error.code).toBe('TOKEN_PIN_COUNT_LOW');
    expect(error.message).toContain('số lần thử còn lại đã ít');
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await office.call('documents.get', { id: ids[0]! })).attachments[0]!.sha256).toBe(hashes[0]);
    expect(signRows(office)).toBe(0);
  });

  it('on the last try, sends no PIN until the user confirms, then warns that a wrong one locks the token', async () => {
    const log = path.join(tempDir(), 'logins');
    const { module } = faultyToken({ pinFlags: ['final_try'], loginLog: log });
    const office = await signingOffice(lab(), { crl: false });
    const { ids } = await draftsFor(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const unconfirmed = await rejection(
      office.call('sign.documents', { ids, certId: chairman.id, as: 'personal', pin: '000000', modules: [module] }),
    );
    expect(unconfirmed.code).toBe('TOKEN_PIN_FINAL_TRY_UNCONFIRMED');
    expect(fs.existsSync(log)).toBe(false);
    const error = await rejection(
      office.call('sign.documents', {
        ids,
        certId: chairman.id,
        as: 'personal',
        pin: '000000',
        modules: [module],
        confirmFinalTry: true,
      }),
    );
    expect(error.code).toBe('TOKEN_PIN_FINAL_TRY');
    expect(error.message).toContain('Chỉ còn 1 lần thử');
  });

  it('says the token is locked and to call the provider, without trying the PIN', async () => {
    const log = path.join(tempDir(), 'logins');
    const { module } = faultyToken({ pinFlags: ['locked'], loginLog: log });
    const office = await signingOffice(lab(), { crl: false });
    const tokens = await office.call('tokens.list', { modules: [module] });
    expect(
      tokens.tokens.find((token) => token.module === module && token.label === 'vanthu-personal')?.pinCounter,
    ).toBe('locked');
    const { ids } = await draftsFor(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const error = await rejection(
      office.call('sign.documents', {
        ids,
        certId: chairman.id,
        as: 'personal',
        pin: lab().tokens.tokens.personal.pin,
        modules: [module],
      }),
    );
    expect(error.code).toBe('TOKEN_PIN_LOCKED');
    expect(fs.existsSync(log)).toBe(false);
  });

  it('checks the PIN again even while the token is still logged in from an earlier signer', async () => {
    const manager = new TokenManager({ argumentModules: [lab().tokens.module], builtIn: false });
    try {
      const chairman = (await manager.certificates(new Date())).find(
        (entry) => entry.tokenLabel === 'vanthu-personal' && entry.keyId === '01',
      )!;
      const first = await manager.openSigner(chairman, lab().tokens.tokens.personal.pin);
      expect((await first.sign(Buffer.from('x'))).length).toBe(256);
      const error = await rejection(manager.openSigner(chairman, 'WRONG-PIN'));
      expect(error.code).toMatch(/^TOKEN_PIN_/);
    } finally {
      await manager.close();
    }
  });

  it('gives up on a token that does not answer the login in time, and loads the driver afresh after', async () => {
    // A login that would answer only after ten minutes: the call ends with TOKEN_TIMEOUT
    // only if the manager's own timer cut it off, however slow the machine is.
    const { module } = faultyToken({ loginDelayMs: 600_000 });
    const manager = new TokenManager({ argumentModules: [module], builtIn: false, loginTimeoutMs: 1000 });
    try {
      const chairman = (await manager.certificates(new Date())).find(
        (entry) => entry.tokenLabel === 'vanthu-personal' && entry.keyId === '01',
      )!;
      const error = await rejection(manager.openSigner(chairman, lab().tokens.tokens.personal.pin));
      expect(error.code).toBe('TOKEN_TIMEOUT');
      expect((await manager.tokens()).map((token) => token.label)).toContain('vanthu-personal');
    } finally {
      await manager.close();
    }
  });

  it('says the number of tries left is unknown when the token does not report it', async () => {
    const { module } = faultyToken({ hidePinFlags: true });
    const office = await signingOffice(lab(), { crl: false });
    const { ids } = await draftsFor(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const error = await rejection(
      office.call('sign.documents', { ids, certId: chairman.id, as: 'personal', pin: '000000', modules: [module] }),
    );
    expect(error.code).toBe('TOKEN_PIN_INCORRECT');
    expect(error.message).toContain('không cho biết còn bao nhiêu lần thử');
  });
});

describe('a token pulled out in the middle of the batch', () => {
  it('leaves the first documents signed and valid, the rest untouched, and says what happened', async () => {
    // The third C_Sign of the host process fails as if the token were pulled.
    const { module } = faultyToken({ signFailAt: 3 });
    const office = await signingOffice(lab());
    const { ids, hashes } = await draftsFor(office, 4);
    const chairman = await certificateOf(office, lab(), 'personal');
    const progress: number[] = [];
    const events = office.core as unknown as { emit(event: { type: string; index: number }): void };
    events.emit = (event) => progress.push(event.index);
    const result = await office.call('sign.documents', {
      ids,
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [module],
    });

    expect(result.signed.map((document) => document.documentId)).toEqual(ids.slice(0, 2));
    expect(progress).toEqual([1, 2]);
    expect(result.stoppedAt?.documentId).toBe(ids[2]);
    expect(result.stoppedAt?.error.code).toBe('TOKEN_REMOVED');
    expect(result.stoppedAt?.error.message).toContain('rút ra');
    expect(result.untouched).toEqual([ids[3]]);
    const dir = tempDir();
    for (const [index, id] of ids.entries()) {
      const attachment = (await office.call('documents.get', { id })).attachments[0]!;
      if (index < 2) {
        expect(attachment.sha256).not.toBe(hashes[index]);
        const out = path.join(dir, `${index}.pdf`);
        await office.call('attachments.export', { documentId: id, attachmentId: attachment.id, out });
        expect(pdfsig(out, lab().nssDir).map((signature) => signature.valid)).toEqual([true]);
        expect((await office.call('verify', { path: out, online: false })).signatures[0]!.status).toBe('valid');
      } else {
        expect(attachment.sha256).toBe(hashes[index]);
      }
    }
    expect(signRows(office)).toBe(2);
  });

  it('survives a driver that crashes while signing: the batch stops, the app goes on, the driver is loaded again', async () => {
    const { module, control } = faultyToken({ crashOnSign: true });
    const office = await signingOffice(lab(), { crl: false });
    const { ids, hashes } = await draftsFor(office, 2);
    const chairman = await certificateOf(office, lab(), 'personal');
    const result = await office.call('sign.documents', {
      ids,
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [module],
    });
    expect(result.signed).toEqual([]);
    expect(result.stoppedAt?.error.code).toBe('TOKEN_MODULE_CRASHED');
    expect(result.untouched).toEqual([ids[1]]);
    for (const [index, id] of ids.entries())
      expect((await office.call('documents.get', { id })).attachments[0]!.sha256).toBe(hashes[index]);
    writeFaultControl(control, {});
    const again = await office.call('sign.documents', {
      ids,
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [module],
    });
    expect(again.signed).toHaveLength(2);
  });

  // The app polls every second (TokenManager.watch), so "at the next poll" is "within two seconds".
  it('notices a token unplugged and plugged back at the next poll', async () => {
    const { module, control } = faultyToken({});
    const manager = new TokenManager({ argumentModules: [module], builtIn: false });
    const events: string[] = [];
    try {
      // The driver is loaded before watching starts, as it is in the running app.
      expect((await manager.tokens()).map((token) => token.label)).toContain('vanthu-personal');
      let polls = 0;
      const stop = manager.watch((event) => {
        if (event.token.label === 'vanthu-personal') events.push(event.type);
      }, 500);
      const originalTokens = manager.tokens.bind(manager);
      manager.tokens = async () => {
        const result = await originalTokens();
        polls++;
        return result;
      };
      await waitFor(() => polls >= 2, 30_000);
      // A poll under way when the token is pulled may have read the slots just before: the one after it must see it.
      const pulledAtPoll = polls;
      writeFaultControl(control, { removed: true, tokenLabel: 'vanthu-personal' });
      await waitFor(() => events.length >= 1, 30_000);
      expect(polls - pulledAtPoll).toBeLessThanOrEqual(2);
      const pluggedAtPoll = polls;
      writeFaultControl(control, {});
      await waitFor(() => events.length >= 2, 30_000);
      expect(polls - pluggedAtPoll).toBeLessThanOrEqual(2);
      stop();
      expect(events).toEqual(['token-removed', 'token-added']);
    } finally {
      await manager.close();
    }
  });
});

function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      if (condition()) {
        clearInterval(check);
        resolve();
      } else if (Date.now() > deadline) {
        clearInterval(check);
        reject(new Error(`condition not met within ${timeoutMs} ms`));
      }
    }, 20);
  });
}

describe('unusual tokens and drivers', () => {
  it('signs through a PIN pad: no PIN is asked, the token takes it', async () => {
    const { module } = faultyToken({ pinPad: lab().tokens.tokens.personal.pin, loginDelayMs: 300 });
    const office = await signingOffice(lab(), { crl: false });
    const tokens = await office.call('tokens.list', { modules: [module] });
    expect(tokens.tokens.find((token) => token.module === module && token.label === 'vanthu-personal')?.pinPad).toBe(
      true,
    );
    const { ids } = await draftsFor(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const result = await office.call('sign.documents', {
      ids,
      certId: chairman.id,
      as: 'personal',
      pin: null,
      modules: [module],
    });
    expect(result.stoppedAt).toBeNull();
  });

  it('logs in again for every signature with a key that always wants the PIN (CKA_ALWAYS_AUTHENTICATE)', async () => {
    const log = path.join(tempDir(), 'logins');
    const { module } = faultyToken({ loginLog: log });
    const office = await signingOffice(lab());
    await office.call('settings.signatureImage', {
      path: lab().signaturePath,
      kind: 'signature',
      signerName: 'Nguyễn Văn An (PIN mỗi lần ký)',
    });
    const { ids } = await draftsFor(office, 2);
    const strict = await certificateOf(office, lab(), 'personal', '05');
    const result = await office.call('sign.documents', {
      ids,
      certId: strict.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [module],
    });
    expect(result.stoppedAt).toBeNull();
    expect(result.signed).toHaveLength(2);
    // One user login, then one context-specific login (CKU_CONTEXT_SPECIFIC = 2) per signature.
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'C_Login user=1',
      'C_Login user=2',
      'C_Login user=2',
    ]);
  });

  it('signs with CKM_SHA256_RSA_PKCS when the middleware does not offer raw CKM_RSA_PKCS', async () => {
    const { module } = faultyToken({ noRawRsa: true });
    const office = await signingOffice(lab());
    const { ids } = await draftsFor(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const result = await office.call('sign.documents', {
      ids,
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [module],
    });
    expect(result.stoppedAt).toBeNull();
    const attachment = (await office.call('documents.get', { id: ids[0]! })).attachments[0]!;
    const out = path.join(tempDir(), 'signed.pdf');
    await office.call('attachments.export', { documentId: ids[0]!, attachmentId: attachment.id, out });
    expect(pdfsig(out, lab().nssDir)[0]!.valid).toBe(true);
  });

  it('asks for the PIN when the token has no PIN pad', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const { ids } = await draftsFor(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const error = await rejection(
      office.call('sign.documents', {
        ids,
        certId: chairman.id,
        as: 'personal',
        pin: null,
        modules: [lab().tokens.module],
      }),
    );
    expect(error.code).toBe('TOKEN_PIN_REQUIRED');
  });

  it('falls back when old middleware refuses OS locking', async () => {
    const { module } = faultyToken({ cantLock: true });
    const office = await signingOffice(lab(), { crl: false });
    const { modules } = await office.call('tokens.modules', { modules: [module] });
    expect(modules.find((entry) => entry.path === module)).toMatchObject({ ok: true, info: { osLocking: false } });
    const { ids } = await draftsFor(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    expect(
      (
        await office.call('sign.documents', {
          ids,
          certId: chairman.id,
          as: 'personal',
          pin: lab().tokens.tokens.personal.pin,
          modules: [module],
        })
      ).stoppedAt,
    ).toBeNull();
  });

  it('reports a driver that does not load and still lists the tokens of the others', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const broken = path.join(tempDir(), 'viettel-ca_v6.so');
    fs.writeFileSync(broken, 'not a shared library');
    const { modules } = await office.call('tokens.modules', { modules: [broken, lab().tokens.module] });
    expect(modules.find((entry) => entry.path === broken)).toMatchObject({
      ok: false,
      error: { code: 'TOKEN_MODULE_UNLOADABLE' },
    });
    expect(modules.find((entry) => entry.path === lab().tokens.module)?.ok).toBe(true);
    const { tokens } = await office.call('tokens.list', { modules: [broken, lab().tokens.module] });
    expect(tokens.map((token) => token.label)).toEqual(
      matching.arrayContaining(['vanthu-personal', 'vanthu-organization']),
    );
  });
});

describe('certificates that cannot sign', () => {
  it('hides an expired certificate and one without signing key usage, and refuses to sign with them', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const signing = await office.call('tokens.certificates', { modules: [lab().tokens.module], all: false });
    expect(signing.certificates.map((entry) => entry.certificate.commonName).sort()).toEqual(
      ['Nguyễn Văn An', 'Nguyễn Văn An (ECDSA)', 'Nguyễn Văn An (PIN mỗi lần ký)', 'UBND xã Quảng Phú'].sort(),
    );
    const expired = await certificateOf(office, lab(), 'personal', '02');
    const encryption = await certificateOf(office, lab(), 'personal', '03');
    expect(expired.unusable).toBe('CERT_EXPIRED');
    expect(encryption.unusable).toBe('CERT_NO_SIGNING_USAGE');
    const { ids, hashes } = await draftsFor(office, 1);
    const pin = lab().tokens.tokens.personal.pin;
    expect(
      (
        await rejection(
          office.call('sign.documents', {
            ids,
            certId: expired.id,
            as: 'personal',
            pin,
            modules: [lab().tokens.module],
          }),
        )
      ).code,
    ).toBe('CERT_EXPIRED');
    expect(
      (
        await rejection(
          office.call('sign.documents', {
            ids,
            certId: encryption.id,
            as: 'personal',
            pin,
            modules: [lab().tokens.module],
          }),
        )
      ).code,
    ).toBe('CERT_NO_SIGNING_USAGE');
    expect((await office.call('documents.get', { id: ids[0]! })).attachments[0]!.sha256).toBe(hashes[0]);
  });
});
