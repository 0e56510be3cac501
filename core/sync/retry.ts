// Retrying what the line breaks: exponential backoff with full jitter, so 166
// communes coming back at once do not hit the hub in step.
import { AppError, type ErrorCode } from '../../shared/errors.ts';
import { HubError } from './hub-client.ts';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const defaultRetry: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 20_000 };

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.random() * Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
}

/** Runs `action`, again after each retryable failure, until it succeeds or the attempts run out. */
export async function withRetry<T>(
  action: (attempt: number) => Promise<T>,
  policy: RetryPolicy = defaultRetry,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action(attempt);
    } catch (error) {
      if (!(error instanceof HubError) || !error.retryable || attempt + 1 >= policy.attempts) throw error;
      await (policy.sleep ?? sleepFor)(backoffMs(attempt, policy));
    }
  }
}

const hubCodes: Record<string, ErrorCode> = {
  CREDENTIAL_MISSING: 'SYNC_CREDENTIAL_EXPIRED',
  CREDENTIAL_INVALID: 'SYNC_CREDENTIAL_EXPIRED',
  CREDENTIAL_EXPIRED: 'SYNC_CREDENTIAL_EXPIRED',
  DEVICE_REVOKED: 'SYNC_CREDENTIAL_EXPIRED',
  ENROLL_CODE_INVALID: 'SYNC_ENROLL_CODE_INVALID',
  FORBIDDEN: 'SYNC_FORBIDDEN',
  PROTOCOL_UNSUPPORTED: 'SYNC_PROTOCOL',
};

/** A failure in the clerk's words; the hub's code and reason stay in the detail for the log. */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof HubError)) return error;
  const failure = error.failure;
  if (failure.kind === 'network') return new AppError('SYNC_OFFLINE', failure.detail, { cause: error });
  if (failure.kind === 'bad-reply') return new AppError('SYNC_BAD_REPLY', failure.detail, { cause: error });
  return new AppError(
    hubCodes[failure.code] ?? 'SYNC_HUB_ERROR',
    `${failure.status} ${failure.code}: ${failure.detail}`,
    { cause: error },
  );
}
