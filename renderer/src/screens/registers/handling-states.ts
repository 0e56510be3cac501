// The handling states as the registers filter and show them, from the
// schema-free words of the contract (the first screen's chunk stays free of zod).
import { handlingStates, type HandlingState } from '../../../../shared/handling-words.ts';

export const registerHandlingStates = handlingStates;

/** The states a view's documents go through: a letter's handling, or a draft's approval. */
export const viewHandlingStates = {
  incoming: ['registered', 'submitted', 'directed', 'assigned', 'received', 'in-progress', 'returned', 'completed'],
  drafts: ['drafting', 'draft-submitted', 'draft-returned', 'approved'],
} as const satisfies Record<string, readonly HandlingState[]>;

export function isHandlingState(value: string): value is HandlingState {
  return (handlingStates as readonly string[]).includes(value);
}
