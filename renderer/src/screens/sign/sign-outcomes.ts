// What happened to each document of the dialog across its attempts: a retry
// with a new PIN signs only what is still unsigned, and the summary counts all.
import type { ErrorValue } from '../../../../shared/errors.ts';
import type { SignBatchResult, SignKind } from '../../../../shared/signing.ts';

export type DocumentOutcome =
  | { state: 'signed'; kind: SignKind; level: 'B-B' | 'B-T'; notation: string | null }
  | { state: 'failed'; error: ErrorValue }
  | { state: 'untouched' };

export type Outcomes = Readonly<Record<string, DocumentOutcome>>;

export function applyBatch(outcomes: Outcomes, result: SignBatchResult): Outcomes {
  const next: Record<string, DocumentOutcome> = { ...outcomes };
  for (const signed of result.signed)
    next[signed.documentId] = { state: 'signed', kind: signed.kind, level: signed.level, notation: signed.notation };
  if (result.stoppedAt) next[result.stoppedAt.documentId] = { state: 'failed', error: result.stoppedAt.error };
  for (const id of result.untouched) next[id] = { state: 'untouched' };
  return next;
}

/** The documents a retry should sign: all of them but those already signed. */
export function unsigned(ids: readonly string[], outcomes: Outcomes): string[] {
  return ids.filter((id) => outcomes[id]?.state !== 'signed');
}

export type ResultState = 'ok' | 'partial' | 'error';

export function resultState(ids: readonly string[], outcomes: Outcomes): ResultState {
  const signed = ids.filter((id) => outcomes[id]?.state === 'signed').length;
  if (signed === ids.length && ids.length > 0) return 'ok';
  return signed > 0 ? 'partial' : 'error';
}
