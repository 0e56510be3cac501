// A document's handling state, folded from its events in HLC order. Nothing
// here is stored that the events do not say: the register's columns and
// "Việc của tôi" are rebuilt from this whenever an event is added.
//
// Each official works on their own desk and the desks meet through the hub,
// so two leaders may assign the same document before either has seen the
// other's assignment. Both events are kept; the one with the later HLC is in
// force (the same on every desk, whatever order the events arrived in) and
// the document shows the conflict until a leader who has seen both assigns
// again. An event's `basis` (the newest event of the document its desk knew)
// is what tells a concurrent event from a later one.
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
  /**
   * The HLC of the newest event of this document the author's desk knew, null
   * when it knew none. Absent on events recorded before desks synced: those
   * were made one after another on one store, so each knew all before it.
   */
  basis?: string | null;
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

/** Events recorded without knowing of each other; the last of them (by HLC) is in force. */
export interface HandlingConflict {
  kind: 'assignment' | 'extension';
  /** Event ids, in HLC order. */
  events: string[];
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
  conflict: HandlingConflict | null;
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
    conflict: null,
  };
  const concurrency = new Concurrency();
  for (const event of events) {
    concurrency.before(s, event);
    apply(s, event);
    concurrency.after(event);
    s.updatedHlc = event.hlc;
  }
  s.conflict = concurrency.conflict();
  return s;
}

const DECISIONS: ReadonlySet<HandlingEventKind> = new Set(['extension-granted', 'extension-refused']);

/** Whether `event`'s author had not seen `earlier` when recording it. */
function unaware(event: HandlingEvent, earlier: HandlingEvent): boolean {
  const basis = event.detail.basis;
  if (basis === undefined) return false;
  return basis === null || basis < earlier.hlc;
}

/**
 * The assignments, and the extension decisions, no later event has yet
 * settled: one is the normal case, several are a conflict. A decision
 * concurrent with an earlier one undoes what that one did to the deadline
 * first, so the later decision alone sets it (a refusal after a grant leaves
 * the deadline as it was before the grant).
 */
class Concurrency {
  private assignments: HandlingEvent[] = [];
  private decisions: HandlingEvent[] = [];
  private beforeDecisions: Pick<DerivedHandling, 'dueOn' | 'extensionAsked' | 'waitingOn'> | null = null;

  before(s: DerivedHandling, event: HandlingEvent): void {
    if (!DECISIONS.has(event.kind)) return;
    const open = this.decisions.filter((earlier) => unaware(event, earlier));
    if (open.length > 0 && this.beforeDecisions) Object.assign(s, this.beforeDecisions);
    else this.beforeDecisions = { dueOn: s.dueOn, extensionAsked: s.extensionAsked, waitingOn: s.waitingOn };
    this.decisions = [...open, event];
  }

  after(event: HandlingEvent): void {
    if (event.kind === 'assigned')
      this.assignments = [...this.assignments.filter((earlier) => unaware(event, earlier)), event];
    // A new assignment sets its own deadline, a new request asks anew: earlier decisions no longer bear on it.
    if (event.kind === 'assigned' || event.kind === 'extension-asked') {
      this.decisions = [];
      this.beforeDecisions = null;
    }
  }

  conflict(): HandlingConflict | null {
    if (this.assignments.length > 1) return { kind: 'assignment', events: this.assignments.map((e) => e.id) };
    if (this.decisions.length > 1) return { kind: 'extension', events: this.decisions.map((e) => e.id) };
    return null;
  }
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
