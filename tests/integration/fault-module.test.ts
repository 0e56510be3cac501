import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFaultModule, faultEnv, writeFaultControl, type FaultControl } from '../../scripts/lib/fault-module.ts';
import { createTestTokens, type TestTokens } from '../../scripts/lib/test-tokens.ts';
import { matching } from '../helpers/matchers.ts';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

let work: string;
let tokens: TestTokens;
let faultModule: string;
let scenarios = 0;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-fault-'));
  faultModule = buildFaultModule();
  tokens = await createTestTokens(path.join(work, 'tokens'));
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// A PKCS#11 library initializes once per process, so every scenario runs in its own plain node
// process (no tsx: ~0.1 s each) with these helpers in scope.
const PRELUDE = `
import fs from 'node:fs';
import pkcs11js from 'pkcs11js';
const p11 = new pkcs11js.PKCS11();
p11.load(process.env.FAULT_MODULE);
const slotOf = (label) => p11.C_GetSlotList(true).find((slot) => p11.C_GetTokenInfo(slot).label.trim() === label);
const labels = () => p11.C_GetSlotList(true).map((slot) => p11.C_GetTokenInfo(slot).label.trim());
const open = (label) => p11.C_OpenSession(slotOf(label), pkcs11js.CKF_SERIAL_SESSION);
const keyOf = (session, id) => {
  p11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') }]);
  const key = p11.C_FindObjects(session);
  p11.C_FindObjectsFinal(session);
  return key;
};
const sign = (session, key) => {
  p11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
  return p11.C_Sign(session, Buffer.from('trich yeu'), Buffer.alloc(512)).length;
};
const attempt = (action) => { try { return action(); } catch (error) { return error.message; } };
const flagsOf = (label) => {
  const flags = p11.C_GetTokenInfo(slotOf(label)).flags;
  return Object.fromEntries(['CKF_USER_PIN_COUNT_LOW', 'CKF_USER_PIN_FINAL_TRY', 'CKF_USER_PIN_LOCKED', 'CKF_PROTECTED_AUTHENTICATION_PATH']
    .filter((name) => flags & pkcs11js[name]).map((name) => [name, true]));
};
`;

/** Runs `body` (which must print one JSON line) against the fault module with `faults`. */
async function scenario<T>(
  faults: FaultControl | undefined,
  body: string,
  meanwhile?: (files: { mark: string; control: string }) => Promise<void>,
): Promise<T> {
  const control = path.join(work, `control-${++scenarios}`);
  if (faults) writeFaultControl(control, faults);
  const mark = path.join(work, `mark-${scenarios}`);
  const child = run(process.execPath, ['--input-type=module', '-e', PRELUDE + body], {
    cwd: repo,
    env: {
      ...process.env,
      ...faultEnv(control, tokens.module),
      SOFTHSM2_CONF: tokens.softhsm2Conf,
      FAULT_MODULE: faultModule,
      MARK: mark,
    },
  });
  if (meanwhile) await meanwhile({ mark, control });
  const { stdout } = await child;
  return JSON.parse(stdout) as T;
}

async function untilExists(file: string): Promise<void> {
  while (!fs.existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 10));
}

const personal = () => tokens.tokens.personal;

describe('PKCS#11 fault module', () => {
  it('is plain SoftHSM when nothing is wrong', async () => {
    const result = await scenario<{ labels: string[]; signature: number }>(
      undefined,
      `p11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
       const session = open('vanthu-personal');
       p11.C_Login(session, pkcs11js.CKU_USER, '123456');
       console.log(JSON.stringify({ labels: labels(), signature: sign(session, keyOf(session, '01')) }));`,
    );
    expect(result.labels).toEqual(matching.arrayContaining(['vanthu-personal', 'vanthu-organization']));
    expect(result.signature).toBe(256);
  });

  it('reports the token as gone after the second signature', async () => {
    const result = await scenario<Record<string, unknown>>(
      { signFailAt: 2 },
      `p11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
       const slot = slotOf('vanthu-personal');
       const session = open('vanthu-personal');
       p11.C_Login(session, pkcs11js.CKU_USER, '123456');
       const key = keyOf(session, '01');
       const first = sign(session, key);
       let second;
       try { sign(session, key); } catch (error) { second = { type: error.constructor.name, message: error.message }; }
       console.log(JSON.stringify({
         first, second,
         slotsWithToken: p11.C_GetSlotList(true).length,
         slotsWithoutToken: p11.C_GetSlotList(false).length,
         tokenInfo: attempt(() => p11.C_GetTokenInfo(slot)),
         tokenPresent: Boolean(p11.C_GetSlotInfo(slot).flags & pkcs11js.CKF_TOKEN_PRESENT),
         reopen: attempt(() => p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION)),
         findKey: attempt(() => keyOf(session, '01')),
       }));`,
    );
    expect(result).toMatchObject({
      first: 256,
      second: { type: 'Pkcs11Error', message: matching.stringContaining('CKR_DEVICE_REMOVED') },
      slotsWithToken: 0,
      tokenInfo: matching.stringContaining('CKR_TOKEN_NOT_PRESENT'),
      tokenPresent: false,
      reopen: matching.stringContaining('CKR_DEVICE_REMOVED'),
      findKey: matching.stringContaining('CKR_DEVICE_REMOVED'),
    });
    expect(result.slotsWithoutToken).toBeGreaterThan(0);
  });

  it('unplugs only the chairman’s token while the commune’s keeps signing', async () => {
    const result = await scenario<{ labels: string[]; organization: number }>(
      { removed: true, tokenLabel: personal().label },
      `p11.C_Initialize();
       const session = open('vanthu-organization');
       p11.C_Login(session, pkcs11js.CKU_USER, '654321');
       console.log(JSON.stringify({ labels: labels(), organization: sign(session, keyOf(session, '01')) }));`,
    );
    expect(result.labels).toContain('vanthu-organization');
    expect(result.labels).not.toContain('vanthu-personal');
    expect(result.organization).toBe(256);
  });

  it('warns that the next wrong PIN will lock the token', async () => {
    const result = await scenario<{ flags: Record<string, boolean>; login: unknown }>(
      { pinFlags: ['count_low', 'final_try'] },
      `p11.C_Initialize();
       const session = open('vanthu-personal');
       console.log(JSON.stringify({ flags: flagsOf('vanthu-personal'), login: attempt(() => p11.C_Login(session, pkcs11js.CKU_USER, '123456')) ?? 'ok' }));`,
    );
    expect(result.flags).toEqual({ CKF_USER_PIN_COUNT_LOW: true, CKF_USER_PIN_FINAL_TRY: true });
    expect(result.login).toBe('ok');
  });

  it('refuses even the right PIN once the token is locked', async () => {
    const result = await scenario<{ flags: Record<string, boolean>; login: string }>(
      { pinFlags: ['locked'] },
      `p11.C_Initialize();
       const session = open('vanthu-personal');
       console.log(JSON.stringify({ flags: flagsOf('vanthu-personal'), login: attempt(() => p11.C_Login(session, pkcs11js.CKU_USER, '123456')) }));`,
    );
    expect(result.flags).toEqual({ CKF_USER_PIN_LOCKED: true });
    expect(result.login).toContain('CKR_PIN_LOCKED');
  });

  it('behaves like old middleware that cannot use OS locking', async () => {
    const result = await scenario<{ withLocking: string; signature: number }>(
      { cantLock: true },
      `const withLocking = attempt(() => p11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK }));
       p11.C_Initialize();
       const session = open('vanthu-personal');
       p11.C_Login(session, pkcs11js.CKU_USER, '123456');
       console.log(JSON.stringify({ withLocking, signature: sign(session, keyOf(session, '01')) }));`,
    );
    expect(result.withLocking).toContain('CKR_CANT_LOCK');
    expect(result.signature).toBe(256);
  });

  it('takes the PIN from the pad after a slow entry, only on the token that has one', async () => {
    const result = await scenario<{
      personal: Record<string, boolean>;
      organization: Record<string, boolean>;
      loginMs: number;
      signature: number;
    }>(
      { pinPad: personal().pin, loginDelayMs: 300, tokenLabel: personal().label },
      `p11.C_Initialize();
       const session = open('vanthu-personal');
       const started = Date.now();
       // pkcs11js has no way to pass a NULL PIN; an empty one is how "no PIN" reaches the module.
       p11.C_Login(session, pkcs11js.CKU_USER, '');
       const loginMs = Date.now() - started;
       console.log(JSON.stringify({
         personal: flagsOf('vanthu-personal'), organization: flagsOf('vanthu-organization'),
         loginMs, signature: sign(session, keyOf(session, '01')),
       }));`,
    );
    expect(result.personal).toEqual({ CKF_PROTECTED_AUTHENTICATION_PATH: true });
    expect(result.organization).toEqual({});
    expect(result.loginMs).toBeGreaterThanOrEqual(290);
    expect(result.signature).toBe(256);
  });

  it('notices the token pulled out while the PIN is being typed', async () => {
    const result = await scenario<{ login: string }>(
      { pinPad: personal().pin, loginDelayMs: 500 },
      `p11.C_Initialize();
       const session = open('vanthu-personal');
       fs.writeFileSync(process.env.MARK, '');
       console.log(JSON.stringify({ login: attempt(() => p11.C_Login(session, pkcs11js.CKU_USER, '')) }));`,
      async ({ mark, control }) => {
        await untilExists(mark);
        writeFaultControl(control, { removed: true });
      },
    );
    expect(result.login).toContain('CKR_DEVICE_REMOVED');
  });

  it('is built once and reused', () => {
    expect(buildFaultModule()).toBe(faultModule);
    expect(path.isAbsolute(faultModule)).toBe(true);
  });
});
