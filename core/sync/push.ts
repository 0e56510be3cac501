// Push: blobs first, then the changes that name them (PROTOCOL.md). Urgent
// documents go first and the queue is looked at again after every chunk, so a
// Hỏa tốc document issued mid-sync overtakes a large ordinary one.
import { hubRejectionMessage } from './hub-rejection.ts';
import { changesReply, MAX_CHANGES_PER_BATCH, missingReply, type ChangeResult } from '../../shared/sync-protocol.ts';
import type { Core } from '../context.ts';
import { writeTransaction } from '../db/connection.ts';
import { hasPendingIssue, markChange, pendingMoreUrgent, setChangePayload } from '../db/sync.ts';
import { AppError } from '../../shared/errors.ts';
import { HubError } from './hub-client.ts';
import { uploadBlob, type UploadContext } from './blob-upload.ts';
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

export async function push(ctx: UploadContext, options: PushOptions): Promise<PushResult> {
  const result: PushResult = { sent: 0, rejected: [], waiting: 0, documents: [] };
  const { items: outbox, setAside } = loadOutbox(ctx.core);
  result.rejected.push(...setAside);
  if (outbox.length === 0) return result;
  const offsets = await missingBlobs(ctx, outbox);
  const needsUpload = (item: OutboxItem) => item.blobs.some((blob) => offsets.has(blob.sha256));
  /** Every change this run has taken on, so a re-read of the queue does not take it twice. */
  const planned = new Set(outbox.map((item) => item.row.id));

  const queue = outbox.filter(needsUpload);
  // Everything that costs no upload goes in the first request: the hub learns of it at once.
  await sendChanges(
    ctx,
    outbox.filter((item) => !needsUpload(item)),
    result,
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
      const outcome = await uploadItemBlob(ctx, item, result, () =>
        uploadBlob(
          ctx,
          blob,
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
          () => moreUrgentQueued(ctx.core, item.row.priority, planned),
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
      // Someone issued a more urgent document meanwhile: take it into the plan; the sort puts it first.
      const reloaded = loadOutbox(ctx.core);
      result.rejected.push(...reloaded.setAside);
      const fresh = reloaded.items.filter((next) => !planned.has(next.row.id));
      for (const next of fresh) planned.add(next.row.id);
      for (const [sha256, offset] of await missingBlobs(ctx, fresh))
        if (!offsets.has(sha256)) offsets.set(sha256, offset);
      await sendChanges(
        ctx,
        fresh.filter((next) => !needsUpload(next)),
        result,
      );
      queue.push(...fresh.filter(needsUpload));
      continue;
    }
    queue.shift();
    if (skipped) continue;
    ready.push(item);
    if (item.row.priority < 3 || queue.length === 0 || performance.now() - lastCommit > COMMIT_EVERY_MS) {
      await sendChanges(ctx, ready, result);
      ready = [];
      lastCommit = performance.now();
    }
  }
  await sendChanges(ctx, ready, result);
  // Edits held back because their document's issue had not gone yet, if it has now.
  await sendChanges(
    ctx,
    loadOutbox(ctx.core).items.filter((item) => item.row.op === 'document.update'),
    result,
  );
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

/** A pending change more urgent than the one in flight that this run has not taken on yet. */
function moreUrgentQueued(core: Core, priority: number, planned: Set<string>): boolean {
  if (priority === 0) return false;
  return pendingMoreUrgent(core.db, priority).some((id) => !planned.has(id));
}

/** sha256 → bytes the hub already holds, for every blob it lacks. */
async function missingBlobs(ctx: UploadContext, items: OutboxItem[]): Promise<Map<string, number>> {
  const hashes = [...new Set(items.flatMap((item) => item.blobs.map((blob) => blob.sha256)))];
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

/** Sends changes in batches and records each result in the same transaction as the batch's other results. */
async function sendChanges(ctx: UploadContext, all: OutboxItem[], result: PushResult): Promise<void> {
  // An edit never overtakes its document's issue: the hub would not know the document yet.
  const items = all.filter(
    (item) => item.row.op !== 'document.update' || !hasPendingIssue(ctx.core.db, item.row.documentId),
  );
  writeTransaction(ctx.core.db, () => {
    for (const item of items)
      if (item.row.op === 'document.issue') setChangePayload(ctx.core.db, item.row.id, JSON.stringify(item.change));
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
          result.sent++;
          result.documents.push({ documentId: item.row.documentId, label: item.label, op: item.row.op });
        }
      }
    });
    for (const item of batch) {
      if (byId.get(item.row.id)?.status === 'applied' || byId.get(item.row.id)?.status === 'duplicate') {
        ctx.core.emit({ type: 'sync.sent', documentId: item.row.documentId, label: item.label, op: item.row.op });
      }
    }
  }
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
