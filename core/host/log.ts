// What the host writes to stderr when a call fails: the handler's name and the
// error's code and detail. Never the input: it may hold a PIN or a document.
import type { ErrorValue } from '../../shared/errors.ts';

export function logFailure(what: string, error: ErrorValue, cause?: unknown): void {
  const line = `vanthu: ${what} → ${error.code}${error.detail ? `: ${error.detail}` : ''}`;
  // An unexpected error's stack says where it happened; an AppError's code already does.
  const stack = error.code === 'INTERNAL' && cause instanceof Error && cause.stack ? `\n${cause.stack}` : '';
  process.stderr.write(`${line}${stack}\n`);
}
