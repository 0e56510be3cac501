// Turns what a PKCS#11 module said into an error the clerk can act on. The
// PIN-counter flags are read right after a failed C_Login (PKCS#11 v2.40 §3.2).
import { AppError } from '../../shared/errors.ts';
import type { PinCounter } from '../../shared/signing.ts';
import { TokenHostError } from './pkcs11/token-host-client.ts';

export const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
export const CKF_USER_PIN_COUNT_LOW = 0x10000;
export const CKF_USER_PIN_FINAL_TRY = 0x20000;
export const CKF_USER_PIN_LOCKED = 0x40000;
export const CKF_USER_PIN_TO_BE_CHANGED = 0x80000;

const GONE = new Set([
  'CKR_DEVICE_REMOVED',
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_SLOT_ID_INVALID',
  'CKR_TOKEN_NOT_RECOGNIZED',
]);

/** What the token says about its PIN retry counter. */
export function pinCounter(flags: number | undefined): PinCounter {
  if (flags === undefined) return 'unknown';
  if (flags & CKF_USER_PIN_LOCKED) return 'locked';
  if (flags & CKF_USER_PIN_FINAL_TRY) return 'final-try';
  if (flags & CKF_USER_PIN_COUNT_LOW) return 'count-low';
  return 'ok';
}

export function tokenError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof TokenHostError)) return new AppError('TOKEN_ERROR', String(error), { cause: error });
  const { ckr, message, tokenFlags, crashed, timedOut } = error.failure;
  const detail = ckr ?? message;
  if (timedOut) return new AppError('TOKEN_TIMEOUT', message, { cause: error });
  if (crashed) return new AppError('TOKEN_MODULE_CRASHED', message, { cause: error });
  if (ckr === null) return new AppError('TOKEN_ERROR', message, { cause: error });
  if (ckr === 'CKR_PIN_INCORRECT') {
    // A wrong PIN clears no flag on tokens that do not count: then the count is unknown, never "fine".
    const counter = pinCounter(tokenFlags);
    const code =
      counter === 'locked'
        ? 'TOKEN_PIN_LOCKED'
        : counter === 'final-try'
          ? 'TOKEN_PIN_FINAL_TRY'
          : counter === 'count-low'
            ? 'TOKEN_PIN_COUNT_LOW'
            : 'TOKEN_PIN_INCORRECT';
    return new AppError(code, detail, { cause: error });
  }
  if (ckr === 'CKR_PIN_LOCKED') return new AppError('TOKEN_PIN_LOCKED', detail, { cause: error });
  if (ckr === 'CKR_PIN_LEN_RANGE' || ckr === 'CKR_PIN_INVALID')
    return new AppError('TOKEN_PIN_FORMAT', detail, { cause: error });
  if (ckr === 'CKR_FUNCTION_CANCELED') return new AppError('TOKEN_LOGIN_CANCELLED', detail, { cause: error });
  if (ckr === 'CKR_KEY_HANDLE_INVALID') return new AppError('TOKEN_KEY_NOT_FOUND', detail, { cause: error });
  if (GONE.has(ckr)) return new AppError('TOKEN_REMOVED', detail, { cause: error });
  return new AppError('TOKEN_ERROR', detail, { cause: error });
}
