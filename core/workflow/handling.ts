// The handling of a document as append-only events (Decree 30 Art. 10–24):
// each action checks who is acting and where the document stands, appends
// one event with its HLC, rebuilds the derived rows and the audit chain in
// the same transaction, and answers with the document's handling as it is now.
import type { Outputs, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import type { HandlingAction, HandlingConflictView, HandlingEventKind, HandlingView } from '../../shared/handling.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction, type Db } from '../db/connection.ts';
import type { DocumentRow } from '../db/documents.ts';
import { requireDocument } from '../documents/require-document.ts';
import { getHandling, insertHandlingEvent, listHandlingEvents, putHandling } from '../db/handling.ts';
import { getPerson, type PersonRow } from '../db/people.ts';
import { newId } from '../ids.ts';
import { nextHlc, recordDeskEvent } from '../sync/change-log.ts';
import {
  deriveHandling,
  partiesOf,
  type DerivedHandling,
  type EventDetail,
  type HandlingConflict,
  type HandlingEvent,
} from './handling-state.ts';
import { actingPerson, deskPersonId, resolveActivePerson, toPersonRef } from './people.ts';
import { workingCalendar } from './working-days.ts';

/** Where a document stands and who is asking: what every permission rule looks at. */
interface Situation {
  document: DocumentRow;
  handling: DerivedHandling;
  person: PersonRow;
}

const HANDLING_STEPS = new Set(['assigned', 'received', 'in-progress']);
const leader = (p: PersonRow) => p.role === 'leader';
const isMain = (s: Situation) => s.handling.main === s.person.id;
const incoming = (s: Situation) => s.document.direction === 'incoming' && s.document.registerNumber !== null;
const draft = (s: Situation) => s.document.direction === 'outgoing' && s.document.state === 'draft';

/**
 * Who may do what, and at which step. `null` allows; otherwise the error and
 * why. The same rules give the UI its buttons, so it never offers a step core
 * would refuse.
 */
const rules: Record<HandlingAction, (s: Situation) => ['NOT_PERMITTED' | 'HANDLING_STEP_INVALID', string] | null> = {
  submit: (s) =>
    !incoming(s)
      ? ['HANDLING_STEP_INVALID', 'only a registered incoming document is submitted']
      : s.person.role === 'officer'
        ? ['NOT_PERMITTED', 'the clerk or a leader submits']
        : !['registered', 'submitted', 'directed', 'returned'].includes(s.handling.state)
          ? ['HANDLING_STEP_INVALID', `already ${s.handling.state}`]
          : null,
  direct: (s) =>
    !incoming(s)
      ? ['HANDLING_STEP_INVALID', 'not a registered incoming document']
      : !leader(s.person)
        ? ['NOT_PERMITTED', 'only a leader directs']
        : s.handling.state === 'completed'
          ? ['HANDLING_STEP_INVALID', 'completed']
          : null,
  assign: (s) =>
    !incoming(s)
      ? ['HANDLING_STEP_INVALID', 'not a registered incoming document']
      : !leader(s.person)
        ? ['NOT_PERMITTED', 'only a leader assigns']
        : s.handling.state === 'completed'
          ? ['HANDLING_STEP_INVALID', 'completed']
          : null,
  receive: (s) => mainAt(s, ['assigned']),
  progress: (s) => mainAt(s, ['assigned', 'received']),
  extend: (s) =>
    !HANDLING_STEPS.has(s.handling.state)
      ? ['HANDLING_STEP_INVALID', `extension while ${s.handling.state}`]
      : isMain(s) || leader(s.person)
        ? null
        : ['NOT_PERMITTED', 'the main handler asks, a leader sets'],
  decideExtension: (s) =>
    s.handling.extensionAsked === null
      ? ['HANDLING_STEP_INVALID', 'no extension asked']
      : !leader(s.person)
        ? ['NOT_PERMITTED', 'only a leader decides an extension']
        : null,
  return: (s) => mainAt(s, [...HANDLING_STEPS]),
  complete: (s) => mainAt(s, [...HANDLING_STEPS]),
  draftSubmit: (s) =>
    !draft(s)
      ? ['HANDLING_STEP_INVALID', 'not a draft']
      : !['drafting', 'draft-returned'].includes(s.handling.state)
        ? ['HANDLING_STEP_INVALID', `draft ${s.handling.state}`]
        : null,
  draftApprove: (s) => leaderOnDraft(s, ['draft-submitted']),
  draftReturn: (s) => leaderOnDraft(s, ['draft-submitted', 'approved']),
  draftRevise: (s) =>
    !draft(s)
      ? ['HANDLING_STEP_INVALID', 'not a draft']
      : !['drafting', 'draft-returned'].includes(s.handling.state)
        ? ['HANDLING_STEP_INVALID', `a draft ${s.handling.state} is not revised`]
        : null,
};

function mainAt(s: Situation, states: string[]): ['NOT_PERMITTED' | 'HANDLING_STEP_INVALID', string] | null {
  if (!states.includes(s.handling.state)) return ['HANDLING_STEP_INVALID', `handling is ${s.handling.state}`];
  return isMain(s) ? null : ['NOT_PERMITTED', 'only the main handler'];
}

function leaderOnDraft(s: Situation, states: string[]): ['NOT_PERMITTED' | 'HANDLING_STEP_INVALID', string] | null {
  if (!draft(s) || !states.includes(s.handling.state)) return ['HANDLING_STEP_INVALID', `draft ${s.handling.state}`];
  return leader(s.person) ? null : ['NOT_PERMITTED', 'only a leader approves'];
}

function toEvent(row: ReturnType<typeof listHandlingEvents>[number]): HandlingEvent {
  return {
    id: row.id,
    kind: row.kind,
    personId: row.personId,
    at: row.at,
    day: localDate(new Date(row.at)),
    hlc: row.hlc,
    detail: JSON.parse(row.detail) as EventDetail,
  };
}

export function derivedFor(db: Db, document: DocumentRow): DerivedHandling {
  return deriveHandling(document.direction, listHandlingEvents(db, document.id).map(toEvent));
}

function situation(core: Core, id: string): Situation {
  const document = requireDocument(core.db, id);
  return { document, handling: derivedFor(core.db, document), person: actingPerson(core) };
}

function check(s: Situation, action: HandlingAction): void {
  const refusal = rules[action](s);
  if (refusal) throw new AppError(refusal[0], `${action} on ${s.document.id} by ${s.person.id}: ${refusal[1]}`);
}

/**
 * Appends one event and rebuilds the document's derived rows; runs in a
 * write transaction so the event, the state, the audit row and the change
 * that carries the event to the agency's other desks commit together.
 */
function record(
  core: Core,
  id: string,
  action: HandlingAction,
  decide: (s: Situation) => { kind: HandlingEventKind; detail: EventDetail },
): HandlingView {
  return writeTransaction(core.db, () => {
    const s = situation(core, id);
    check(s, action);
    const decided = decide(s);
    // What this desk knew when deciding: an event from another desk with a later HLC than this basis is concurrent.
    const detail: EventDetail = { ...decided.detail, basis: s.handling.updatedHlc || null };
    const at = core.now();
    const event = {
      id: newId(at.getTime()),
      documentId: id,
      kind: decided.kind,
      personId: s.person.id,
      at: at.toISOString(),
      hlc: nextHlc(core),
    };
    insertHandlingEvent(core.db, { ...event, detail: JSON.stringify(detail) });
    recordDeskEvent(core, { ...event, detail });
    rebuildHandling(core.db, s.document);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: `handling.${decided.kind}`,
        entity: 'document',
        entityId: id,
        detail: { ...decided.detail },
      },
      at,
    );
    return handlingView(core, s.document);
  });
}

/**
 * Rebuilds a document's state and parties from all its events, wherever they
 * were recorded: after an event here, and after events from other desks arrive.
 */
export function rebuildHandling(db: Db, document: DocumentRow): void {
  const after = derivedFor(db, document);
  putHandling(
    db,
    {
      documentId: document.id,
      state: after.state,
      mainPersonId: after.main,
      dueOn: after.dueOn,
      assignedOn: after.assignedOn,
      completedOn: after.completedOn,
      updatedHlc: after.updatedHlc,
    },
    partiesOf(after),
  );
}

function personRef(db: Db, id: string | null | undefined) {
  const person = id ? getPerson(db, id) : undefined;
  return person ? toPersonRef(person) : null;
}

/** The document's handling as the detail page, the CLI and `show` give it. */
export function handlingView(core: Core, document: DocumentRow): HandlingView {
  const db = core.db;
  const events = listHandlingEvents(db, document.id).map(toEvent);
  const s = deriveHandling(document.direction, events);
  const today = localDate(core.now());
  const calendar = workingCalendar(db);
  const open = s.state !== 'completed' && s.dueOn !== null;
  const deskId = deskPersonId(core);
  const person = deskId === null ? undefined : getPerson(db, deskId);
  const situationNow = person?.active === 1 ? { document, handling: s, person } : null;
  const refs = (ids: string[]) => ids.map((id) => personRef(db, id)).filter((ref) => ref !== null);
  return {
    state: s.state,
    mainHandler: personRef(db, s.main),
    with: refs(s.with),
    inform: refs(s.inform),
    waitingOn: personRef(db, s.waitingOn),
    dueOn: s.dueOn,
    dueSoon: open && calendar.isDueSoon(s.dueOn!, today),
    overdue: open && calendar.isOverdue(s.dueOn!, today),
    extensionAsked: s.extensionAsked && {
      dueOn: s.extensionAsked.dueOn,
      reason: s.extensionAsked.reason,
      by: personRef(db, s.extensionAsked.by)!,
    },
    completedOn: s.completedOn,
    completedLate: s.completedOn === null || s.dueOn === null ? null : s.completedOn > s.dueOn,
    replyDraftId: s.replyDraftId,
    allowed: situationNow
      ? (Object.keys(rules) as HandlingAction[]).filter((action) => rules[action](situationNow) === null)
      : [],
    events: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      at: event.at,
      hlc: event.hlc,
      by: personRef(db, event.personId)!,
      note: event.detail.note ?? event.detail.reason ?? null,
      to: personRef(db, event.detail.to),
      main: personRef(db, event.detail.main),
      with: refs(event.detail.with ?? []),
      inform: refs(event.detail.inform ?? []),
      dueOn: event.detail.dueOn ?? null,
      replyDraftId: event.detail.replyDraftId ?? null,
      sha256: event.detail.sha256 ?? null,
    })),
    conflict: s.conflict && conflictView(db, s.conflict, events),
  };
}

function conflictView(db: Db, conflict: HandlingConflict, events: HandlingEvent[]): HandlingConflictView {
  const named = conflict.events.map((id) => events.find((event) => event.id === id)!);
  return {
    kind: conflict.kind,
    events: named.map((event, index) => ({
      id: event.id,
      kind: event.kind,
      at: event.at,
      hlc: event.hlc,
      by: personRef(db, event.personId)!,
      main: personRef(db, event.detail.main),
      dueOn: event.kind === 'extension-refused' ? null : (event.detail.dueOn ?? null),
      inForce: index === named.length - 1,
    })),
  };
}

/** The handling of a document, or null when nothing has happened to it beyond its registration. */
export function handlingOf(core: Core, document: DocumentRow): HandlingView | null {
  return getHandling(core.db, document.id) ? handlingView(core, document) : null;
}

export function getHandlingView(core: Core, input: ValidInput<'handling.get'>): Outputs['handling.get'] {
  return handlingView(core, requireDocument(core.db, input.id));
}

function leaderRef(db: Db, ref: string): string {
  const person = resolveActivePerson(db, ref);
  if (person.role !== 'leader') throw new AppError('NOT_PERMITTED', `${person.id} is not a leader`);
  return person.id;
}

/** A deadline given as a date or as N working days from today, never before today. */
function deadlineOf(core: Core, input: { dueOn?: string | undefined; dueInWorkingDays?: number | undefined }): string {
  const today = localDate(core.now());
  const dueOn = input.dueOn ?? workingCalendar(core.db).addWorkingDays(today, input.dueInWorkingDays ?? 0);
  if (dueOn < today)
    throw new AppError('VALIDATION_FAILED', `deadline ${dueOn} before today ${today}`, {
      fields: { dueOn: 'Hạn xử lý không được trước hôm nay' },
    });
  return dueOn;
}

export function submitDocument(core: Core, input: ValidInput<'handling.submit'>): Outputs['handling.submit'] {
  return record(core, input.id, 'submit', () => ({
    kind: 'submitted',
    detail: { to: leaderRef(core.db, input.to), note: input.note ?? null },
  }));
}

export function directDocument(core: Core, input: ValidInput<'handling.direct'>): Outputs['handling.direct'] {
  return record(core, input.id, 'direct', () => ({ kind: 'directed', detail: { note: input.note } }));
}

export function assignDocument(core: Core, input: ValidInput<'handling.assign'>): Outputs['handling.assign'] {
  return record(core, input.id, 'assign', () => {
    const main = resolveActivePerson(core.db, input.main).id;
    const others = (refs: string[]) => [...new Set(refs.map((ref) => resolveActivePerson(core.db, ref).id))];
    const withIds = others(input.with).filter((id) => id !== main);
    const informIds = others(input.inform).filter((id) => id !== main && !withIds.includes(id));
    return {
      kind: 'assigned',
      detail: { main, with: withIds, inform: informIds, dueOn: deadlineOf(core, input), note: input.note ?? null },
    };
  });
}

export function receiveDocument(core: Core, input: ValidInput<'handling.receive'>): Outputs['handling.receive'] {
  return record(core, input.id, 'receive', () => ({ kind: 'received', detail: { note: input.note ?? null } }));
}

export function progressDocument(core: Core, input: ValidInput<'handling.progress'>): Outputs['handling.progress'] {
  return record(core, input.id, 'progress', () => ({ kind: 'in-progress', detail: { note: input.note ?? null } }));
}

/** The main handler asks for more time; a leader gives it at once. */
export function extendDocument(core: Core, input: ValidInput<'handling.extend'>): Outputs['handling.extend'] {
  return record(core, input.id, 'extend', (s) => {
    const dueOn = deadlineOf(core, input);
    if (s.handling.dueOn !== null && dueOn <= s.handling.dueOn)
      throw new AppError('VALIDATION_FAILED', `extension ${dueOn} not after ${s.handling.dueOn}`, {
        fields: { dueOn: 'Hạn mới phải sau hạn hiện tại' },
      });
    const kind = leader(s.person) && !isMain(s) ? 'extension-granted' : 'extension-asked';
    return { kind, detail: { dueOn, reason: input.reason } };
  });
}

export function decideExtension(
  core: Core,
  input: ValidInput<'handling.decideExtension'>,
): Outputs['handling.decideExtension'] {
  return record(core, input.id, 'decideExtension', (s) => ({
    kind: input.grant ? 'extension-granted' : 'extension-refused',
    detail: input.grant
      ? { dueOn: s.handling.extensionAsked!.dueOn, note: input.note ?? null }
      : { note: input.note ?? null },
  }));
}

export function returnDocument(core: Core, input: ValidInput<'handling.return'>): Outputs['handling.return'] {
  return record(core, input.id, 'return', () => ({ kind: 'returned', detail: { reason: input.reason } }));
}

export function completeDocument(core: Core, input: ValidInput<'handling.complete'>): Outputs['handling.complete'] {
  return record(core, input.id, 'complete', () => {
    if (input.replyDraftId !== undefined) {
      const reply = requireDocument(core.db, input.replyDraftId);
      if (reply.direction !== 'outgoing')
        throw new AppError('DOCUMENT_WRONG_DIRECTION', `reply ${reply.id} is not an outgoing document`);
    }
    return { kind: 'completed', detail: { note: input.note ?? null, replyDraftId: input.replyDraftId ?? null } };
  });
}

export function submitDraft(core: Core, input: ValidInput<'drafts.submit'>): Outputs['drafts.submit'] {
  return record(core, input.id, 'draftSubmit', () => ({
    kind: 'draft-submitted',
    detail: { to: leaderRef(core.db, input.to), note: input.note ?? null },
  }));
}

export function approveDraft(core: Core, input: ValidInput<'drafts.approve'>): Outputs['drafts.approve'] {
  return record(core, input.id, 'draftApprove', () => ({
    kind: 'draft-approved',
    detail: { note: input.note ?? null },
  }));
}

export function returnDraft(core: Core, input: ValidInput<'drafts.return'>): Outputs['drafts.return'] {
  return record(core, input.id, 'draftReturn', () => ({ kind: 'draft-returned', detail: { note: input.comments } }));
}

/** Records a revision already stored as a new version of the main file (drafts.ts). */
export function recordDraftRevision(core: Core, id: string, sha256: string, note: string | null): HandlingView {
  return record(core, id, 'draftRevise', () => ({ kind: 'draft-revised', detail: { sha256, note } }));
}

/** Throws unless the official at the desk may revise this draft now: checked before its file is read. */
export function checkDraftRevisable(core: Core, id: string): void {
  check(situation(core, id), 'draftRevise');
}
