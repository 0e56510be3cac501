// The handling states as the registers filter and show them. Listed here
// rather than imported from shared/handling.ts, whose schemas would bring zod
// into the first screen's chunk; the type below fails the build if core adds
// a state this list lacks.
import type { HandlingState } from '../../../../shared/handling.ts';

export const registerHandlingStates = [
  'registered',
  'submitted',
  'directed',
  'assigned',
  'received',
  'in-progress',
  'returned',
  'completed',
  'drafting',
  'draft-submitted',
  'draft-returned',
  'approved',
] as const satisfies readonly HandlingState[];

/** true only while every state of shared/handling.ts is in the list above. */
export const everyStateListed: [Exclude<HandlingState, (typeof registerHandlingStates)[number]>] extends [never]
  ? true
  : never = true;

/** The states a view's documents go through: a letter's handling, or a draft's approval. */
export const viewHandlingStates = {
  incoming: ['registered', 'submitted', 'directed', 'assigned', 'received', 'in-progress', 'returned', 'completed'],
  drafts: ['drafting', 'draft-submitted', 'draft-returned', 'approved'],
} as const satisfies Record<string, readonly HandlingState[]>;

export function isHandlingState(value: string): value is HandlingState {
  return (registerHandlingStates as readonly string[]).includes(value);
}
