// The buttons of the "Xử lý văn bản" section, from what core says the
// official at the desk may do now (HandlingView.allowed): core and the UI
// read the same rules, so no button offers a step core would refuse.
import type { HandlingView } from '../../../../shared/handling.ts';

export type UiAction =
  | 'submit'
  | 'direct'
  | 'assign'
  | 'receive'
  | 'progress'
  | 'askExtension'
  | 'setExtension'
  | 'grantExtension'
  | 'refuseExtension'
  | 'return'
  | 'complete'
  | 'draftSubmit'
  | 'draftApprove'
  | 'draftReturn'
  | 'draftRevise';

/** The step each button takes: what moves the document forward comes first, in the order of the work. */
export function uiActions(handling: HandlingView, deskPersonId: string | null): UiAction[] {
  const actions: UiAction[] = [];
  for (const action of handling.allowed) {
    switch (action) {
      case 'extend':
        // The main handler asks for more time; a leader sets the new deadline at once.
        actions.push(handling.mainHandler?.id === deskPersonId ? 'askExtension' : 'setExtension');
        break;
      case 'decideExtension':
        actions.push('grantExtension', 'refuseExtension');
        break;
      case 'submit':
      case 'direct':
      case 'assign':
      case 'receive':
      case 'progress':
      case 'return':
      case 'complete':
      case 'draftSubmit':
      case 'draftApprove':
      case 'draftReturn':
      case 'draftRevise':
        actions.push(action);
        break;
    }
  }
  return actions;
}

/** The one step that most moves the document on: drawn as the primary button. */
const mainSteps: readonly UiAction[] = [
  'grantExtension',
  'assign',
  'receive',
  'complete',
  'draftApprove',
  'draftSubmit',
  'submit',
];

export function primaryAction(actions: readonly UiAction[]): UiAction | undefined {
  return mainSteps.find((step) => actions.includes(step));
}

/** Buttons that send the document back or refuse: drawn as such. */
export const backwardActions: ReadonlySet<UiAction> = new Set(['return', 'draftReturn', 'refuseExtension']);
