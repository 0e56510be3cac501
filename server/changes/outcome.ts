// What applying one change came to, before it becomes a protocol result.
export type Outcome =
  | { status: 'applied' }
  | { status: 'rejected'; code: string; message: string }
  /** Not yet (a blob it names has not arrived): nothing is stored, the client sends it again. */
  | { status: 'retry'; code: string; message: string };

export const applied: Outcome = { status: 'applied' };
export const rejected = (code: string, message: string): Outcome => ({
  status: 'rejected',
  code,
  message: message.slice(0, 500),
});
export const retry = (code: string, message: string): Outcome => ({
  status: 'retry',
  code,
  message: message.slice(0, 500),
});
