// The contract of the officials and of the handling of documents (Decree 30
// Art. 10–24): who may act, the events a document's handling is made of, and
// what "Việc của tôi" lists. The vocabulary follows
// shared/domain/vietnam-office.md §8.3.
import { z } from 'zod';
import { calendarDate, fileInput, id, optionalText, text } from './fields.ts';
import {
  personRoles,
  type HandlingAction,
  type HandlingEventKind,
  type HandlingState,
  type PersonRole,
  type TaskRole,
} from './handling-words.ts';

export * from './handling-words.ts';

/** An official named on the command line or picked in the UI: the id, or the name as the clerk wrote it. */
const personRef = z.string().trim().min(1).max(200);
// A password only bounds its length here; core hashes it and never keeps it.
const password = z.string().min(1).max(200);
const note = optionalText(2000);
const workingDays = z.number().int().min(0).max(365);

/**
 * A deadline as a date or as N working days from today, never both: the
 * leader writes "trong 5 ngày làm việc" as often as a date.
 */
const deadline = {
  dueOn: calendarDate.optional(),
  dueInWorkingDays: workingDays.optional(),
};
const oneDeadline = (value: { dueOn?: string | undefined; dueInWorkingDays?: number | undefined }) =>
  (value.dueOn === undefined) !== (value.dueInWorkingDays === undefined);
const oneDeadlineMessage = { message: 'Cho hạn xử lý bằng một ngày hoặc một số ngày làm việc', path: ['dueOn'] };

export const handlingSchemas = {
  'people.add': z.strictObject({
    name: text(100),
    title: optionalText(200),
    unit: optionalText(200),
    role: z.enum(personRoles),
    password: password.optional(),
  }),
  'people.list': z.strictObject({ includeInactive: z.boolean().default(false) }),
  'people.edit': z.strictObject({
    person: personRef,
    name: text(100).optional(),
    title: optionalText(200),
    unit: optionalText(200),
    role: z.enum(personRoles).optional(),
    active: z.boolean().optional(),
  }),
  'people.deactivate': z.strictObject({ person: personRef }),
  /** Sets or clears (null) an official's password; their own needs the current one, a clerk may reset anyone's. */
  'people.setPassword': z.strictObject({
    person: personRef,
    password: password.nullable(),
    currentPassword: password.optional(),
  }),
  /**
   * A one-time code to enroll an official's own desktop with the hub, made by
   * the clerk (PROTOCOL.md "Officials and enrollment"). `id`: the official's
   * id, or their name as the clerk wrote it.
   */
  'people.enrollCode': z.strictObject({ id: personRef }),
  'session.get': z.strictObject({}),
  'session.switch': z.strictObject({ person: personRef, password: password.optional() }),
  'session.leave': z.strictObject({}),

  'handling.get': z.strictObject({ id }),
  'handling.submit': z.strictObject({ id, to: personRef, note }),
  'handling.direct': z.strictObject({ id, note: text(2000) }),
  'handling.assign': z
    .strictObject({
      id,
      main: personRef,
      with: z.array(personRef).max(50).default([]),
      inform: z.array(personRef).max(50).default([]),
      ...deadline,
      note,
    })
    .refine(oneDeadline, oneDeadlineMessage),
  'handling.receive': z.strictObject({ id, note }),
  'handling.progress': z.strictObject({ id, note }),
  /** The handler asks for a new deadline; a leader sets it at once. */
  'handling.extend': z.strictObject({ id, ...deadline, reason: text(2000) }).refine(oneDeadline, oneDeadlineMessage),
  'handling.decideExtension': z.strictObject({ id, grant: z.boolean(), note }),
  'handling.return': z.strictObject({ id, reason: text(2000) }),
  'handling.complete': z.strictObject({ id, note, replyDraftId: id.optional() }),
  'tasks.list': z.strictObject({}),

  'drafts.submit': z.strictObject({ id, to: personRef, note }),
  'drafts.approve': z.strictObject({ id, note }),
  'drafts.return': z.strictObject({ id, comments: text(4000) }),
  /** A new version of the draft's PDF; the earlier one stays in the history. */
  'drafts.revise': z.strictObject({ id, file: fileInput, note }),
};

export interface PersonView {
  id: string;
  name: string;
  title: string | null;
  unit: string | null;
  role: PersonRole;
  active: boolean;
  hasPassword: boolean;
}

/** An official as the history and the task list name them. */
export interface PersonRefView {
  id: string;
  name: string;
  title: string | null;
}

export interface SessionView {
  /** The official at the desk, or null when none has switched in. */
  person: PersonView | null;
  /** Whether the agency has any officials yet: without them the desk acts as the clerk, as before. */
  hasPeople: boolean;
  /**
   * This PC is enrolled with the hub for one official (their own desktop): it
   * works as them only, without a password, and nobody switches in.
   */
  personalDesk: boolean;
}

/** What the clerk hands the official: typed into `Kết nối` on their own PC before it expires. */
export interface EnrollCodeView {
  code: string;
  expiresAt: string;
  /** The hub's address, typed into `Kết nối` with the code. */
  hubUrl: string;
  person: PersonRefView;
}

export interface HandlingEventView {
  id: string;
  kind: HandlingEventKind;
  at: string;
  hlc: string;
  by: PersonRefView;
  note: string | null;
  /** submitted, draft-submitted: the leader it went to. */
  to: PersonRefView | null;
  /** assigned: the handlers. */
  main: PersonRefView | null;
  with: PersonRefView[];
  inform: PersonRefView[];
  /** assigned, extension-asked, extension-granted: the deadline it set or asked for. */
  dueOn: string | null;
  /** completed: the reply draft. */
  replyDraftId: string | null;
  /** draft-revised: the new version's file. */
  sha256: string | null;
}

/** One of the events in a conflict: who recorded it, whom it named, the deadline it set. */
export interface HandlingConflictEventView {
  id: string;
  kind: HandlingEventKind;
  at: string;
  hlc: string;
  by: PersonRefView;
  /** assigned: the main handler it named. */
  main: PersonRefView | null;
  /** The deadline it set; null for a refused extension. */
  dueOn: string | null;
  /** The last by HLC: the document follows it until a leader who has seen them all decides again. */
  inForce: boolean;
}

/**
 * Events recorded on different desks before they synced, neither knowing the
 * other: two leaders assigning the same document, or deciding the same
 * extension. Both are kept; the later (by HLC) is in force.
 */
export interface HandlingConflictView {
  kind: 'assignment' | 'extension';
  /** In HLC order: the last one is in force. */
  events: HandlingConflictEventView[];
}

export interface HandlingView {
  state: HandlingState;
  mainHandler: PersonRefView | null;
  with: PersonRefView[];
  inform: PersonRefView[];
  /** The leader the document waits on (direction, an extension, approval), if any. */
  waitingOn: PersonRefView | null;
  dueOn: string | null;
  dueSoon: boolean;
  overdue: boolean;
  extensionAsked: { dueOn: string; reason: string | null; by: PersonRefView } | null;
  completedOn: string | null;
  /** completed after the deadline; null while not completed or without one. */
  completedLate: boolean | null;
  replyDraftId: string | null;
  /** What the official at the desk may do next, for the buttons the UI shows. */
  allowed: HandlingAction[];
  events: HandlingEventView[];
  /** Concurrent assignments or extension decisions from different desks, until a leader settles them. */
  conflict: HandlingConflictView | null;
}

export interface TaskView {
  documentId: string;
  role: TaskRole;
  state: HandlingState;
  dueOn: string | null;
  overdue: boolean;
  dueSoon: boolean;
  direction: 'incoming' | 'outgoing';
  subject: string;
  notation: string | null;
  registerNumber: number | null;
  urgency: string;
  /** When the document last moved: new work sorts first. */
  updatedAt: string;
}

export interface TaskCounts {
  /** Assigned to me as main or co-handler, not completed. */
  assigned: number;
  /** Waiting for my direction, approval or signature. */
  waiting: number;
  dueSoon: number;
  overdue: number;
  total: number;
}

export interface HandlingOutputs {
  'people.add': PersonView;
  'people.list': { people: PersonView[] };
  'people.edit': PersonView;
  'people.deactivate': PersonView;
  'people.setPassword': PersonView;
  'people.enrollCode': EnrollCodeView;
  'session.get': SessionView;
  'session.switch': SessionView;
  'session.leave': SessionView;
  'handling.get': HandlingView;
  'handling.submit': HandlingView;
  'handling.direct': HandlingView;
  'handling.assign': HandlingView;
  'handling.receive': HandlingView;
  'handling.progress': HandlingView;
  'handling.extend': HandlingView;
  'handling.decideExtension': HandlingView;
  'handling.return': HandlingView;
  'handling.complete': HandlingView;
  'tasks.list': { person: PersonRefView; today: string; tasks: TaskView[]; counts: TaskCounts };
  'drafts.submit': HandlingView;
  'drafts.approve': HandlingView;
  'drafts.return': HandlingView;
  'drafts.revise': HandlingView;
}
