// What the user must know about the chosen token before typing a PIN: the
// PIN counter (a wrong PIN on the last try locks it for good), a token pulled
// out while choosing, a PIN the vendor wants changed.
import type { ErrorCode } from '../../../../shared/errors.ts';
import type { TokenView } from '../../../../shared/signing.ts';

export type TokenWarningKind = 'removed' | 'locked' | 'final-try' | 'count-low' | 'pin-change';

export interface TokenWarning {
  kind: TokenWarningKind;
  severity: 'error' | 'warning' | 'info';
}

export interface PinState {
  locked: boolean;
  finalTry: boolean;
  countLow: boolean;
}

const LOCKED_CODES: readonly ErrorCode[] = ['TOKEN_PIN_LOCKED'];
const FINAL_TRY_CODES: readonly ErrorCode[] = ['TOKEN_PIN_FINAL_TRY', 'TOKEN_PIN_FINAL_TRY_UNCONFIRMED'];
const COUNT_LOW_CODES: readonly ErrorCode[] = ['TOKEN_PIN_COUNT_LOW'];

/**
 * The token's flags, or the last error from this token when it is newer news:
 * the flags come from a poll, the error from the login that just failed.
 */
export function pinState(token: TokenView | null, lastErrorCode: ErrorCode | null): PinState {
  const code = lastErrorCode;
  const locked = token?.pinCounter === 'locked' || (code !== null && LOCKED_CODES.includes(code));
  const finalTry = !locked && (token?.pinCounter === 'final-try' || (code !== null && FINAL_TRY_CODES.includes(code)));
  const countLow =
    !locked && !finalTry && (token?.pinCounter === 'count-low' || (code !== null && COUNT_LOW_CODES.includes(code)));
  return { locked, finalTry, countLow };
}

/** Most serious first: the first one is the alert's title. */
export function tokenWarnings(token: TokenView | null, pin: PinState, removed: boolean): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  if (removed) warnings.push({ kind: 'removed', severity: 'warning' });
  if (pin.locked) warnings.push({ kind: 'locked', severity: 'error' });
  else if (pin.finalTry) warnings.push({ kind: 'final-try', severity: 'error' });
  else if (pin.countLow) warnings.push({ kind: 'count-low', severity: 'warning' });
  if (token?.pinToBeChanged && !pin.locked) warnings.push({ kind: 'pin-change', severity: 'info' });
  return warnings;
}

export function worstSeverity(warnings: TokenWarning[]): TokenWarning['severity'] {
  if (warnings.some((warning) => warning.severity === 'error')) return 'error';
  if (warnings.some((warning) => warning.severity === 'warning')) return 'warning';
  return 'info';
}
