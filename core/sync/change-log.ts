// Appends to the change log that push sends. Every function here runs inside
// the caller's write transaction, so a local write and its change commit or
// roll back together: nothing done offline can be forgotten by sync.
import { urgencies, type Urgency } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import {
  mutableFieldNames,
  type DeskEvent,
  type MutableFields,
  type PersonRecord,
  type StatusCode,
} from '../../shared/sync-protocol.ts';
import type { Core } from '../context.ts';
import type { Db } from '../db/connection.ts';
import { getSetting, putSetting } from '../db/signing.ts';
import { getDevice, getHubDocument, hasIssueChange, insertChange, setFieldClock } from '../db/sync.ts';
import { listRecipients, type DocumentRow } from '../db/documents.ts';
import { newId } from '../ids.ts';
import { formatHlc, newNode, parseHlc, receive, tick, type HlcState } from './hlc.ts';

const CLOCK_SETTING = 'sync.clock';

/** Queue rank on the wire: 0 for Hỏa tốc … 3 for Thường. */
export function urgencyRank(urgency: Urgency): number {
  return urgencies.indexOf(urgency);
}

function loadClock(db: Db): HlcState {
  const saved = getSetting<string>(db, CLOCK_SETTING);
  return saved ? parseHlc(saved) : { millis: 0, counter: 0, node: newNode() };
}

/** How far the hub's clock is ahead of ours, give or take half a round trip. */
export function clockOffset(core: Core, hubTime: string): number {
  return Date.parse(hubTime) - core.now().getTime();
}

/** The next HLC of this store, on the hub's time when the hub has told us its offset. */
export function nextHlc(core: Core): string {
  const offset = getDevice(core.db)?.clockOffsetMs ?? 0;
  const now = core.now();
  const next = tick(loadClock(core.db), now.getTime() + offset);
  const text = formatHlc(next);
  putSetting(core.db, CLOCK_SETTING, text, now.toISOString());
  return text;
}

/** Moves this store's clock past a clock seen from elsewhere. */
export function observeHlc(core: Core, remote: string): void {
  const offset = getDevice(core.db)?.clockOffsetMs ?? 0;
  const now = core.now();
  putSetting(
    core.db,
    CLOCK_SETTING,
    formatHlc(receive(loadClock(core.db), parseHlc(remote), now.getTime() + offset)),
    now.toISOString(),
  );
}

/**
 * An issued outgoing document addressed to agencies by code goes to the hub.
 * Its content is read when it is sent, so a signature added before then
 * travels with it.
 */
export function recordIssue(core: Core, row: DocumentRow): void {
  if (!listRecipients(core.db, row.id).some((recipient) => recipient.agencyCode !== null)) return;
  insertChange(core.db, {
    id: newId(core.now().getTime()),
    hlc: nextHlc(core),
    op: 'document.issue',
    documentId: row.id,
    payload: null,
    priority: urgencyRank(row.urgency),
    createdAt: core.now().toISOString(),
  });
}

/** A status message (edXML §1.6) about a document the hub delivered here. */
export function recordStatus(
  core: Core,
  documentId: string,
  statusCode: StatusCode,
  description: string,
  urgency: Urgency,
): void {
  const hubDocument = getHubDocument(core.db, documentId);
  if (!hubDocument) throw new AppError('DOCUMENT_WRONG_DIRECTION', `${documentId} did not come from the hub`);
  const now = core.now();
  insertChange(core.db, {
    id: newId(now.getTime()),
    hlc: nextHlc(core),
    op: 'status.send',
    documentId,
    payload: JSON.stringify({ senderCode: hubDocument.senderCode, statusCode, description, at: now.toISOString() }),
    priority: urgencyRank(urgency),
    createdAt: now.toISOString(),
  });
}

/**
 * Changed metadata of a document the hub knows, for this agency's other
 * devices. Each field takes the change's clock, so a later edit elsewhere wins
 * and an older one loses, whichever arrives first.
 */
export function recordUpdate(core: Core, row: DocumentRow, changed: Partial<Record<string, unknown>>): void {
  const fields: Record<string, unknown> = {};
  for (const name of mutableFieldNames) if (name in changed) fields[name] = changed[name];
  if (Object.keys(fields).length === 0) return;
  if (!hasIssueChange(core.db, row.id) && !getHubDocument(core.db, row.id)) return;
  const hlc = nextHlc(core);
  for (const name of Object.keys(fields)) setFieldClock(core.db, row.id, name, hlc);
  insertChange(core.db, {
    id: newId(core.now().getTime()),
    hlc,
    op: 'document.update',
    documentId: row.id,
    payload: JSON.stringify({ fields: fields as MutableFields }),
    priority: urgencyRank(row.urgency),
    createdAt: core.now().toISOString(),
  });
}

/** Desk events and officials are tiny: they go ahead of every document on the wire. */
export const DESK_PRIORITY = -1;

/**
 * A handling event for the agency's other desks. The change id is the event's
 * id, so however often it is sent the hub stores it once.
 */
export function recordDeskEvent(core: Core, event: DeskEvent): void {
  insertChange(core.db, {
    id: event.id,
    hlc: event.hlc,
    op: 'desk.event',
    documentId: event.documentId,
    payload: JSON.stringify({ event }),
    priority: DESK_PRIORITY,
    createdAt: core.now().toISOString(),
  });
}

/** An official added or changed on this desk, for the hub and the agency's other desks. */
export function recordPerson(core: Core, person: PersonRecord, hlc: string): void {
  insertChange(core.db, {
    id: newId(core.now().getTime()),
    hlc,
    op: 'person.put',
    documentId: person.id,
    payload: JSON.stringify({ person }),
    priority: DESK_PRIORITY,
    createdAt: core.now().toISOString(),
  });
}
