// Push: blobs first, then the changes that name them (PROTOCOL.md). Urgent
// documents go first and the queue is looked at again after every chunk, so a
// Hỏa tốc document issued mid-sync overtakes a large ordinary one, and a
// handling event made on this desk meanwhile leaves after the chunk in flight.
import { hubRejectionMessage } from './hub-rejection.ts';
import { changesReply, MAX_CHANGES_PER_BATCH, missingReply, type ChangeResult } from '../../shared/sync-protocol.ts';
import type { Core } from '../context.ts';
import { writeTransaction } from '../db/connection.ts';
import { deskDocumentAwaited, markDeskDocumentOnHub } from '../db/desk.ts';
import {
  DESK_OPS,
  getDevice,
  hasPendingIssue,
  markChange,
  pendingMoreUrgent,
  setChangePayload,
  type ChangeOp,
} from '../db/sync.ts';
import { AppError } from '../../shared/errors.ts';
import { HubError } from './hub-client.ts';
import { uploadBlob, type UploadContext } from './blob-upload.ts';
import { queueDeskDocuments } from './desk-outbox.ts';
import { itemBytes, loadOutbox, type OutboxItem } from './outbox.ts';
import { withRetry } from './retry.ts';

export interface PushResult {
  sent: number;
  rejected: { id: string; label: string; code: string; message: string }[];
  /** Still queued: the hub asked for them again later. */
  waiting: number;
  documents: { documentId: string; label: string; op: string }[];
}

const MAX_BATCH_JSON = 1024 * 1024;
const MAX_MISSING_QUERY = 2000;
/** Ordinary documents' changes wait for company, to save round trips; urgent ones never wait. */
const COMMIT_EVERY_MS = 15_000;

export interface PushOptions {
  onProgress(progress: {
    documentId: string;
    label: string;
    bytesDone: number;
    bytesTotal: number;
    sentBytes: number;
    totalBytes: number;
  }): void;
}

/** What one push carries from request to request. */
interface PushRun {
  ctx: UploadContext;
  result: PushResult;
  /** sha256 → bytes the hub holds of each blob (and base) it lacks; a completed upload leaves the map. */
  offsets: Map<string, number>;
  /** Changes that must not reach the hub before another one has: they go as soon as it has. */
  held: Map<string, OutboxItem>;
}

export async function push(ctx: UploadContext, options: PushOptions): Promise<PushResult> {
  const result: PushResult = { sent: 0, rejected: [], waiting: 0, documents: [] };
  const withDesk = getDevice(ctx.core.db)?.deskSync ?? false;
  queueDeskDocuments(ctx.core);
  const { items: outbox, setAside } = loadOutbox(ctx.core);
  result.rejected.push(...setAside);
  if (outbox.length === 0) return result;
  const offsets = await missingBlobs(ctx, outbox);
  const run: PushRun = { ctx, result, offsets, held: new Map() };
  const needsUpload = (item: OutboxItem) => item.blobs.some((blob) => offsets.has(blob.sha256));
  /** Every change this run has taken on, so a re-read of the queue does not take it twice. */
  const planned = new Set(outbox.map((item) => item.row.id));

  const queue = outbox.filter(needsUpload);
  // Everything that costs no upload goes in the first request (desk events and officials first
  // of all): the hub learns of it at once.
  await sendChanges(
    run,
    outbox.filter((item) => !needsUpload(item)),
  );
  let sentBytes = 0;
  const totalBytes = () => queue.reduce((sum, item) => sum + remainingBytes(item, offsets), 0) + sentBytes;
  let ready: OutboxItem[] = [];
  let lastCommit = performance.now();

  while (queue.length > 0) {
    queue.sort(
      (a, b) =>
        a.row.priority - b.row.priority ||
        remainingBytes(a, offsets) - remainingBytes(b, offsets) ||
        a.row.seq - b.row.seq,
    );
    const item = queue[0]!;
    const itemTotal = itemBytes(item);
    let preempted = false;
    let skipped = false;
    for (const blob of item.blobs) {
      const start = offsets.get(blob.sha256);
      if (start === undefined) continue;
      const before = uploadedBytes(item, offsets);
      // An earlier version the hub holds (asked about with the blobs, or completed in this run) spares its bytes.
      const base = blob.base && !offsets.has(blob.base.sha256) ? blob.base : null;
      const outcome = await uploadItemBlob(ctx, item, result, () =>
        uploadBlob(
          ctx,
          { ...blob, base },
          start,
          (offset) => {
            sentBytes += Math.max(0, offset - (offsets.get(blob.sha256) ?? offset));
            offsets.set(blob.sha256, offset);
            options.onProgress({
              documentId: item.row.documentId,
              label: item.label,
              bytesDone: before + offset,
              bytesTotal: itemTotal,
              sentBytes,
              totalBytes: totalBytes(),
            });
          },
          () => moreUrgentQueued(ctx.core, item.row.priority, planned, withDesk),
        ),
      );
      if (outcome === 'skipped') {
        skipped = true;
        break;
      }
      if (outcome === 'preempted') {
        preempted = true;
        break;
      }
      offsets.delete(blob.sha256);
    }
    if (preempted) {
      // Someone issued a more urgent document (or made a desk change) meanwhile: take it into the plan; the
      // sort puts it first, and the interrupted upload resumes later from the hub's offset.
      const reloaded = loadOutbox(ctx.core);
      result.rejected.push(...reloaded.setAside);
      const fresh = reloaded.items.filter((next) => !planned.has(next.row.id));
      for (const next of fresh) planned.add(next.row.id);
      for (const [sha256, offset] of await missingBlobs(ctx, fresh))
        if (!offsets.has(sha256)) offsets.set(sha256, offset);
      await sendChanges(
        run,
        fresh.filter((next) => !needsUpload(next)),
      );
      queue.push(...fresh.filter(needsUpload));
      continue;
    }
    queue.shift();
    if (skipped) continue;
    ready.push(item);
    // Events held for this entry are for colleagues waiting at their desks: the entry does not wait for company.
    const awaited = [...run.held.values()].some((next) => next.row.documentId === item.row.documentId);
    if (item.row.priority < 3 || awaited || queue.length === 0 || performance.now() - lastCommit > COMMIT_EVERY_MS) {
      await sendChanges(run, ready);
      ready = [];
      lastCommit = performance.now();
    }
  }
  await sendChanges(run, ready);
  // What still waits for a change that did not reach the hub in this run goes in a later one.
  result.waiting += run.held.size;
  return result;
}

/**
 * One item's upload. A PDF missing or damaged on this PC sets that item aside;
 * a refusal by the hub leaves it queued for the next run. Either way the
 * others go on. Only a dead line ends the push.
 */
async function uploadItemBlob(
  ctx: UploadContext,
  item: OutboxItem,
  result: PushResult,
  upload: () => Promise<'complete' | 'preempted'>,
): Promise<'complete' | 'preempted' | 'skipped'> {
  try {
    return await upload();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'BLOB_MISSING' || error.code === 'BLOB_CORRUPT')) {
      writeTransaction(ctx.core.db, () =>
        markChange(ctx.core.db, item.row.id, 'rejected', error.code, error.message, ctx.core.now().toISOString()),
      );
      result.rejected.push({ id: item.row.id, label: item.label, code: error.code, message: error.message });
      return 'skipped';
    }
    if (error instanceof HubError && !error.retryable) {
      // Kept in the queue with the hub's reason, which the sync panel shows.
      const code = error.hubCode() ?? 'HUB_REFUSED';
      writeTransaction(ctx.core.db, () =>
        markChange(
          ctx.core.db,
          item.row.id,
          'pending',
          code,
          error.message.slice(0, 500),
          ctx.core.now().toISOString(),
        ),
      );
      result.waiting++;
      return 'skipped';
    }
    throw error;
  }
}

function remainingBytes(item: OutboxItem, offsets: Map<string, number>): number {
  return item.blobs.reduce(
    (sum, blob) => sum + (offsets.has(blob.sha256) ? blob.size - offsets.get(blob.sha256)! : 0),
    0,
  );
}

function uploadedBytes(item: OutboxItem, offsets: Map<string, number>): number {
  return item.blobs.reduce((sum, blob) => sum + (offsets.has(blob.sha256) ? 0 : blob.size), 0);
}

/**
 * A pending change more urgent than the one in flight that this run has not
 * taken on yet. Desk changes (priority -1) outrank even Hỏa tốc: they are a
 * few hundred bytes a colleague is waiting for.
 */
function moreUrgentQueued(core: Core, priority: number, planned: Set<string>, withDesk: boolean): boolean {
  return pendingMoreUrgent(core.db, priority, withDesk).some((id) => !planned.has(id));
}

/** sha256 → bytes the hub already holds, for every blob it lacks (bases included: one it lacks is no base). */
async function missingBlobs(ctx: UploadContext, items: OutboxItem[]): Promise<Map<string, number>> {
  const hashes = [
    ...new Set(
      items.flatMap((item) =>
        item.blobs.flatMap((blob) => (blob.base ? [blob.sha256, blob.base.sha256] : [blob.sha256])),
      ),
    ),
  ];
  const offsets = new Map<string, number>();
  for (let i = 0; i < hashes.length; i += MAX_MISSING_QUERY) {
    const reply = await withRetry(
      () =>
        ctx.client.json(
          'POST',
          `v1/agencies/${encodeURIComponent(ctx.agency)}/blobs/missing`,
          { hashes: hashes.slice(i, i + MAX_MISSING_QUERY) },
          missingReply,
        ),
      ctx.retry,
    );
    for (const entry of reply.missing) offsets.set(entry.sha256, entry.offset);
  }
  return offsets;
}

/**
 * Whether a change must wait for another that has not reached the hub: an
 * edit for its document's issue, a handling event for its document's entry
 * (unless `carried` sends that entry ahead of it). The hub would not know the
 * document yet and only ask to send again.
 */
function mustWait(ctx: UploadContext, item: OutboxItem, carried: Set<string>): boolean {
  if (item.row.op === 'document.update') return hasPendingIssue(ctx.core.db, item.row.documentId);
  if (item.row.op === 'desk.event')
    return !carried.has(item.row.documentId) && deskDocumentAwaited(ctx.core.db, item.row.documentId);
  return false;
}

/**
 * Sends changes in batches and records each result in the same transaction as
 * the batch's other results; then whatever was held for them, if it may go now.
 */
async function sendChanges(run: PushRun, all: OutboxItem[]): Promise<void> {
  const { ctx, result, held } = run;
  // A document's entry goes ahead of the events about it, in the same request.
  const ordered = [
    ...all.filter((item) => item.row.op === 'desk.document'),
    ...all.filter((item) => item.row.op !== 'desk.document'),
  ];
  const carried = new Set(ordered.filter((item) => item.row.op === 'desk.document').map((i) => i.row.documentId));
  const items: OutboxItem[] = [];
  for (const item of ordered) {
    if (mustWait(ctx, item, carried)) held.set(item.row.id, item);
    else {
      held.delete(item.row.id);
      items.push(item);
    }
  }
  if (items.length === 0) return;
  for (const item of items) if (item.row.payload === null) withoutMissingBases(item, run.offsets);
  writeTransaction(ctx.core.db, () => {
    for (const item of items)
      if (item.row.op === 'document.issue' || item.row.op === 'desk.document')
        setChangePayload(ctx.core.db, item.row.id, JSON.stringify(item.change));
  });
  for (const batch of batches(items)) {
    const reply = await withRetry(
      () =>
        ctx.client.json(
          'POST',
          `v1/agencies/${encodeURIComponent(ctx.agency)}/changes`,
          { changes: batch.map((item) => item.change) },
          changesReply,
        ),
      ctx.retry,
    );
    const byId = new Map<string, ChangeResult>(reply.results.map((r) => [r.id, r]));
    const at = ctx.core.now().toISOString();
    writeTransaction(ctx.core.db, () => {
      for (const item of batch) {
        const outcome = byId.get(item.row.id);
        if (!outcome || outcome.status === 'retry') {
          result.waiting++;
          if (outcome)
            markChange(ctx.core.db, item.row.id, 'pending', outcome.code ?? null, outcome.message ?? null, at);
        } else if (outcome.status === 'rejected') {
          const code = outcome.code ?? 'REJECTED';
          const message = hubRejectionMessage(code, outcome.message);
          markChange(ctx.core.db, item.row.id, 'rejected', code, message, at);
          result.rejected.push({ id: item.row.id, label: item.label, code, message });
        } else {
          markChange(ctx.core.db, item.row.id, 'sent', null, null, at);
          if (item.row.op === 'desk.document') markDeskDocumentOnHub(ctx.core.db, item.row.documentId);
          result.sent++;
          result.documents.push({ documentId: item.row.documentId, label: item.label, op: item.row.op });
        }
      }
    });
    for (const item of batch) {
      const op = item.row.op;
      const stored = byId.get(item.row.id)?.status === 'applied' || byId.get(item.row.id)?.status === 'duplicate';
      // The event says a document is on its way to its recipients; desk changes go to no other agency.
      if (stored && !isDeskOp(op))
        ctx.core.emit({ type: 'sync.sent', documentId: item.row.documentId, label: item.label, op });
    }
  }
  const released = [...held.values()].filter((item) => !mustWait(ctx, item, new Set()));
  if (released.length > 0) await sendChanges(run, released);
}

/**
 * A base the hub lacks would make it refuse the entry (`retry BLOB_MISSING`)
 * for bytes that were sent whole anyway: the message goes without it, and the
 * other desks download the whole file.
 */
function withoutMissingBases(item: OutboxItem, offsets: Map<string, number>): void {
  if (item.change.op !== 'desk.document') return;
  for (const attachment of item.change.attachments)
    if (attachment.base && offsets.has(attachment.base.sha256)) attachment.base = null;
}

function isDeskOp(op: ChangeOp): op is 'person.put' | 'desk.document' | 'desk.event' {
  return DESK_OPS.includes(op);
}

function* batches(items: OutboxItem[]): Generator<OutboxItem[]> {
  let batch: OutboxItem[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = JSON.stringify(item.change).length;
    if (batch.length > 0 && (batch.length >= MAX_CHANGES_PER_BATCH || size + bytes > MAX_BATCH_JSON)) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(item);
    size += bytes;
  }
  if (batch.length > 0) yield batch;
}
