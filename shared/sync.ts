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
  /** Số/ký hiệu, or the trích yếu when the document has none. */
  label: string;
  op: 'document.issue' | 'status.send' | 'document.update';
  /** 0 Hỏa tốc … 3 Thường: the order on the wire. */
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
}

/** One sync: what went up, what came down, and what is left. */
export interface SyncResultView {
  runId: string;
  outcome: 'ok' | 'partial' | 'failed';
  sent: { documentId: string; label: string; op: string }[];
  received: { documentId: string; notation: string; sender: string }[];
  statuses: number;
  updates: number;
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
