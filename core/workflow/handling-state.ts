// A document's handling state, folded from its events in HLC order. Nothing
// here is stored that the events do not say: the register's columns and
// "Việc của tôi" are rebuilt from this whenever an event is added.
import type { HandlingEventKind, HandlingState, TaskRole } from '../../shared/handling.ts';

/** The detail an event carries, by kind; absent fields are not set by that kind. */
export interface EventDetail {
  note?: string | null;
  to?: string;
  main?: string;
  with?: string[];
  inform?: string[];
  dueOn?: string;
  reason?: string;
  replyDraftId?: string | null;
  sha256?: string;
}

export interface HandlingEvent {
  id: string;
  kind: HandlingEventKind;
  personId: string;
  /** UTC, this PC's clock. */
  at: string;
  /** The local calendar day it was done. */
  day: string;
  hlc: string;
  detail: EventDetail;
}

export interface DerivedHandling {
  state: HandlingState;
  main: string | null;
  with: string[];
  inform: string[];
  /** The leader the document waits on now: for direction, an extension, or approval. */
  waitingOn: string | null;
  /** Who assigned it: an extension or a return goes back to them. */
  assigner: string | null;
  /** Who sent the draft up: a draft returned with comments goes back to them. */
  drafter: string | null;
  /** The leader a draft went to, until it is approved and signed. */
  approver: string | null;
  dueOn: string | null;
  assignedOn: string | null;
  extensionAsked: { dueOn: string; reason: string | null; by: string } | null;
  completedOn: string | null;
  replyDraftId: string | null;
  updatedHlc: string;
}

export function deriveHandling(direction: 'incoming' | 'outgoing', events: readonly HandlingEvent[]): DerivedHandling {
  const s: DerivedHandling = {
    state: direction === 'incoming' ? 'registered' : 'drafting',
    main: null,
    with: [],
    inform: [],
    waitingOn: null,
    assigner: null,
    drafter: null,
    approver: null,
    dueOn: null,
    assignedOn: null,
    extensionAsked: null,
    completedOn: null,
    replyDraftId: null,
    updatedHlc: '',
  };
  for (const event of events) {
    apply(s, event);
    s.updatedHlc = event.hlc;
  }
  return s;
}

function apply(s: DerivedHandling, event: HandlingEvent): void {
  const d = event.detail;
  switch (event.kind) {
    case 'submitted':
      s.state = 'submitted';
      s.waitingOn = d.to ?? null;
      return;
    case 'directed':
      // A direction without an assignment yet: the leader who wrote it still has to assign.
      if (s.state === 'registered' || s.state === 'submitted' || s.state === 'returned') s.state = 'directed';
      s.waitingOn = event.personId;
      return;
    case 'assigned':
      s.state = 'assigned';
      s.main = d.main ?? null;
      s.with = d.with ?? [];
      s.inform = d.inform ?? [];
      s.dueOn = d.dueOn ?? null;
      s.assigner = event.personId;
      s.assignedOn ??= event.day;
      s.waitingOn = null;
      s.extensionAsked = null;
      s.completedOn = null;
      return;
    case 'received':
      s.state = 'received';
      return;
    case 'in-progress':
      s.state = 'in-progress';
      return;
    case 'extension-asked':
      s.extensionAsked = { dueOn: d.dueOn!, reason: d.reason ?? null, by: event.personId };
      s.waitingOn = s.assigner;
      return;
    case 'extension-granted':
      s.dueOn = d.dueOn ?? s.extensionAsked?.dueOn ?? s.dueOn;
      s.extensionAsked = null;
      s.waitingOn = null;
      return;
    case 'extension-refused':
      s.extensionAsked = null;
      s.waitingOn = null;
      return;
    case 'returned':
      s.state = 'returned';
      s.waitingOn = s.assigner;
      s.extensionAsked = null;
      return;
    case 'completed':
      s.state = 'completed';
      s.completedOn = event.day;
      s.replyDraftId = d.replyDraftId ?? null;
      s.waitingOn = null;
      s.extensionAsked = null;
      return;
    case 'draft-submitted':
      s.state = 'draft-submitted';
      s.drafter = event.personId;
      s.approver = d.to ?? null;
      s.waitingOn = d.to ?? null;
      return;
    case 'draft-returned':
      s.state = 'draft-returned';
      s.waitingOn = null;
      return;
    case 'draft-revised':
      if (s.state === 'draft-returned') s.state = 'drafting';
      return;
    case 'draft-approved':
      s.state = 'approved';
      s.approver = event.personId;
      s.waitingOn = null;
      return;
  }
}

/** Who the document concerns now, and as what: the rows of "Việc của tôi". */
export function partiesOf(s: DerivedHandling): { personId: string; role: TaskRole }[] {
  const parties: { personId: string; role: TaskRole }[] = [];
  const open = s.state !== 'completed';
  if (s.waitingOn !== null && s.state !== 'draft-submitted') parties.push({ personId: s.waitingOn, role: 'direct' });
  if ((s.state === 'draft-submitted' || s.state === 'approved') && s.approver !== null)
    parties.push({ personId: s.approver, role: 'approve' });
  if (s.state === 'draft-returned' && s.drafter !== null) parties.push({ personId: s.drafter, role: 'main' });
  if (open && s.main !== null && s.state !== 'returned') {
    parties.push({ personId: s.main, role: 'main' });
    for (const person of s.with) parties.push({ personId: person, role: 'with' });
  }
  if (open && s.main !== null) for (const person of s.inform) parties.push({ personId: person, role: 'inform' });
  return parties;
}
