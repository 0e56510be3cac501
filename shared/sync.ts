// What the sync handlers return: the sync panel's queue, progress and history.
import type { ErrorValue } from './errors.ts';

export interface SyncScheduleView {
  /** Local time of the end-of-day sync. */
  hour: number;
  minute: number;
}

export interface SyncQueueItemView {
  changeId: string;
  documentId: string;
  /** Số/ký hiệu, or the trích yếu when the document has none; an official's name for person.put. */
  label: string;
  /** The last three go only to the agency's other desks (PROTOCOL.md "The desks of one agency"). */
  op: 'document.issue' | 'status.send' | 'document.update' | 'person.put' | 'desk.document' | 'desk.event';
  /** -1 desk events and officials, then 0 Hỏa tốc … 3 Thường: the order on the wire. */
  priority: number;
  bytes: number;
  state: 'pending' | 'sent' | 'rejected';
  /** Why the hub (or this app) refused it, or asked to wait. */
  code: string | null;
  message: string | null;
}

export interface SyncRunView {
  id: string;
  trigger: 'manual' | 'schedule' | 'line-up';
  startedAt: string;
  finishedAt: string | null;
  outcome: 'ok' | 'partial' | 'failed' | 'interrupted' | null;
  sent: number;
  received: number;
  rejected: number;
  bytesUp: number;
  bytesDown: number;
  clockOffsetMs: number | null;
  errorCode: string | null;
  errorDetail: string | null;
}

export interface SyncStatusView {
  connected: boolean;
  hubUrl: string | null;
  agencyCode: string | null;
  deviceId: string | null;
  holdsRegister: boolean;
  /** Whether this device shares its work with the agency's other desks (the hub says the agency has some). */
  deskSync: boolean;
  expiresAt: string | null;
  schedule: SyncScheduleView;
  queue: SyncQueueItemView[];
  rejected: SyncQueueItemView[];
  runs: SyncRunView[];
}

export interface SyncConnectView {
  hubUrl: string;
  deviceId: string;
  agency: { code: string; name: string };
  holdsRegister: boolean;
  expiresAt: string;
  agencies: number;
  /** The official this desktop is enrolled for; null for a PC the whole agency shares. */
  person: { id: string; name: string } | null;
}

/** One sync: what went up, what came down, and what is left. */
export interface SyncResultView {
  runId: string;
  outcome: 'ok' | 'partial' | 'failed';
  sent: { documentId: string; label: string; op: string }[];
  received: { documentId: string; notation: string; sender: string }[];
  statuses: number;
  updates: number;
  /** What the agency's other desks sent: register entries, handling events, officials. */
  desk: { documents: number; events: number; people: number };
  rejected: { id: string; label: string; code: string; message: string }[];
  /** Changes the hub asked to send again later, still queued. */
  waiting: number;
  bytesUp: number;
  bytesDown: number;
  clockOffsetMs: number | null;
  seconds: number;
  error: ErrorValue | null;
}

export interface DeliveryStatusView {
  agencyCode: string;
  agencyName: string;
  statusCode: string;
  statusText: string;
  description: string;
  at: string;
}
