// The words of the handling contract, with no schema: the renderer's first
// screen reads them without loading zod (shared/handling.ts re-exports them).

export const personRoles = ['clerk', 'leader', 'officer'] as const;
export type PersonRole = (typeof personRoles)[number];

/**
 * The kinds of event a document's handling is made of. Incoming: trình,
 * ý kiến chỉ đạo, giao xử lý, nhận, đang xử lý, xin/cho gia hạn, trả lại,
 * hoàn thành. Drafts: trình duyệt, trả lại, dự thảo lần tiếp, duyệt.
 */
export const handlingEventKinds = [
  'submitted',
  'directed',
  'assigned',
  'received',
  'in-progress',
  'extension-asked',
  'extension-granted',
  'extension-refused',
  'returned',
  'completed',
  'draft-submitted',
  'draft-returned',
  'draft-revised',
  'draft-approved',
] as const;
export type HandlingEventKind = (typeof handlingEventKinds)[number];

/** Where a document stands, derived from its events. */
export const handlingStates = [
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
] as const;
export type HandlingState = (typeof handlingStates)[number];

export const handlingActions = [
  'submit',
  'direct',
  'assign',
  'receive',
  'progress',
  'extend',
  'decideExtension',
  'return',
  'complete',
  'draftSubmit',
  'draftApprove',
  'draftReturn',
  'draftRevise',
] as const;
export type HandlingAction = (typeof handlingActions)[number];

export const taskRoles = ['main', 'with', 'inform', 'approve', 'direct'] as const;
export type TaskRole = (typeof taskRoles)[number];
