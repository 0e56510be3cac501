// Builds and drives scripts/pkcs11-fault/fault-pkcs11.c: a PKCS#11 module wrapping SoftHSM that can
// fail like a real USB token (pulled out, PIN locked, PIN pad, old middleware).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = path.join(repo, 'scripts/pkcs11-fault/fault-pkcs11.c');
const HEADERS = path.join(repo, 'node_modules/pkcs11js/includes/pkcs11');

/** What the module does wrong; written to the control file the module re-reads on every call. */
export interface FaultControl {
  /** The K-th real C_Sign of the process fails with CKR_DEVICE_REMOVED; the token stays gone. */
  signFailAt?: number;
  removed?: boolean;
  pinFlags?: ('count_low' | 'final_try' | 'locked')[];
  /** The token never reports its PIN retry counter. */
  hidePinFlags?: boolean;
  /** CKM_RSA_PKCS is neither listed nor accepted: only CKM_SHA256_RSA_PKCS signs. */
  noRawRsa?: boolean;
  /** C_Sign aborts the whole process, as a crashing vendor driver does. */
  crashOnSign?: boolean;
  /** C_Initialize asking for CKF_OS_LOCKING_OK fails with CKR_CANT_LOCK. */
  cantLock?: boolean;
  /** The PIN "typed on the pad" when C_Login gets no PIN. */
  pinPad?: string;
  loginDelayMs?: number;
  /** Only the token with this label misbehaves. */
  tokenLabel?: string;
  /** A file that gets one line per C_Login call. */
  loginLog?: string;
}

/** The compiled module's absolute path; compiled once per source version and shared by test workers. */
export function buildFaultModule(): string {
  const source = fs.readFileSync(SOURCE);
  const hash = crypto.createHash('sha256').update(source).digest('hex').slice(0, 16);
  const target = path.join(os.tmpdir(), `vanthu-fault-pkcs11-${hash}.so`);
  if (fs.existsSync(target)) return target;
  // Built under a private name and renamed: parallel workers never load a half-written library.
  const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-I', HEADERS, '-o', temp, SOURCE, '-ldl'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('buildFaultModule: no C compiler: `cc` is not on PATH (install gcc)', { cause: error });
    }
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`buildFaultModule: cc failed on ${SOURCE}\n${stderr}`, { cause: error });
  }
  return target;
}

/** Environment for a process that loads the fault module instead of `realModule`. */
export function faultEnv(controlFile: string, realModule: string): Record<string, string> {
  return { VANTHU_FAULT_CONTROL: controlFile, VANTHU_FAULT_REAL_MODULE: realModule };
}

/** Replaces the faults atomically, so a module reading mid-write never sees half a file. */
export function writeFaultControl(controlFile: string, faults: FaultControl): void {
  const lines = [
    faults.signFailAt !== undefined && `sign_fail_at=${faults.signFailAt}`,
    faults.removed && 'removed=1',
    faults.pinFlags?.length && `pin_flags=${faults.pinFlags.join(',')}`,
    faults.hidePinFlags && 'hide_pin_flags=1',
    faults.noRawRsa && 'no_raw_rsa=1',
    faults.crashOnSign && 'crash_on_sign=1',
    faults.cantLock && 'cant_lock=1',
    faults.pinPad !== undefined && `pin_pad=${faults.pinPad}`,
    faults.loginDelayMs !== undefined && `login_delay_ms=${faults.loginDelayMs}`,
    faults.tokenLabel !== undefined && `token_label=${faults.tokenLabel}`,
    faults.loginLog !== undefined && `login_log=${faults.loginLog}`,
  ].filter((line): line is string => typeof line === 'string');
  const temp = `${controlFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temp, lines.map((line) => `${line}\n`).join(''));
  fs.renameSync(temp, controlFile);
}
