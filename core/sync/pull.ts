// Pull: the agency's feed page by page. Each page's blobs are fetched first
// (urgent documents first, resuming with Range), then the page and the new
// cursor are stored in one transaction, so a crash repeats at most one page.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { urgencies } from '../../shared/domain.ts';
import { toErrorValue } from '../../shared/errors.ts';
import { ackReply, pullReply, type FeedItem } from '../../shared/sync-protocol.ts';
import { writeTransaction } from '../db/connection.ts';
import { getBlobFacts } from '../db/attachments.ts';
import { getDevice, getHubDocument, setPullCursor } from '../db/sync.ts';
import { readPdfText, unreadablePdf } from '../documents/pdf-text.ts';
import type { UploadContext } from './blob-upload.ts';
import { HubError } from './hub-client.ts';
import { receiveDocument, receiveStatus, receiveUpdate, type PdfFacts } from './receive.ts';
import { backoffMs, defaultRetry, withRetry } from './retry.ts';

const PAGE_BUDGET = 256 * 1024;

export interface PullResult {
  received: { documentId: string; notation: string; sender: string }[];
  statuses: number;
  updates: number;
  cursor: number;
}

export interface PullOptions {
  holdsRegister: boolean;
  onProgress(progress: { documentId: string; label: string; bytesDone: number; bytesTotal: number }): void;
}

export async function pull(ctx: UploadContext, options: PullOptions): Promise<PullResult> {
  const base = `v1/agencies/${encodeURIComponent(ctx.agency)}`;
  const result: PullResult = { received: [], statuses: 0, updates: 0, cursor: getDevice(ctx.core.db)?.pullCursor ?? 0 };
  for (;;) {
    const page = await withRetry(
      () => ctx.client.json('POST', `${base}/pull`, { cursor: result.cursor, budget: PAGE_BUDGET }, pullReply),
      ctx.retry,
    );
    // Only the device holding the registers numbers incoming documents; the others leave them to it.
    const documents = options.holdsRegister
      ? page.items.filter((item): item is DocumentItem => item.kind === 'document')
      : [];
    const facts = await fetchBlobs(ctx, documents, options);
    writeTransaction(ctx.core.db, () => {
      for (const item of page.items) applyItem(ctx, item, facts, options.holdsRegister, result);
      setPullCursor(ctx.core.db, page.cursor);
    });
    // Scans that came down are read by OCR after the sync, never during it.
    if ([...facts.values()].some((pdf) => pdf.textSource === 'pending')) ctx.core.readOwedInBackground();
    result.cursor = Math.max(result.cursor, page.cursor);
    if (!page.more) break;
  }
  await withRetry(() => ctx.client.json('POST', `${base}/ack`, { cursor: result.cursor }, ackReply), ctx.retry);
  return result;
}

function applyItem(
  ctx: UploadContext,
  item: FeedItem,
  facts: Map<string, PdfFacts>,
  holdsRegister: boolean,
  result: PullResult,
): void {
  if (item.kind === 'document') {
    if (holdsRegister && receiveDocument(ctx.core, item, facts)) {
      result.received.push({
        documentId: item.document.id,
        notation: item.document.notation,
        sender: item.sender.name,
      });
    }
  } else if (item.kind === 'status') {
    if (receiveStatus(ctx.core, item)) result.statuses++;
  } else if (receiveUpdate(ctx.core, item)) result.updates++;
}

type DocumentItem = Extract<FeedItem, { kind: 'document' }>;

/** Downloads every blob the page's new documents need and reads each PDF's pages and text. */
async function fetchBlobs(
  ctx: UploadContext,
  items: DocumentItem[],
  options: PullOptions,
): Promise<Map<string, PdfFacts>> {
  const facts = new Map<string, PdfFacts>();
  const documents = items
    .filter((item) => !getHubDocument(ctx.core.db, item.document.id))
    .sort((a, b) => urgencies.indexOf(a.document.urgency) - urgencies.indexOf(b.document.urgency) || a.seq - b.seq);
  for (const item of documents) {
    const total = item.attachments.reduce((sum, a) => sum + a.size, 0);
    let done = 0;
    for (const attachment of item.attachments) {
      if (ctx.core.blobs.check(attachment.sha256) !== 'ok') {
        await downloadBlob(ctx, attachment.sha256, attachment.size, (n) => {
          options.onProgress({
            documentId: item.document.id,
            label: item.document.notation,
            bytesDone: done + n,
            bytesTotal: total,
          });
        });
      }
      done += attachment.size;
      facts.set(
        attachment.sha256,
        getBlobFacts(ctx.core.db, attachment.sha256) ?? (await readPdfFacts(ctx, attachment.sha256)),
      );
    }
  }
  return facts;
}

/**
 * A received PDF's text, its scanned pages left to the background OCR so a sync never waits on
 * it. A sender's PDF that pdf.js cannot read is still the document we received: kept, without text.
 */
async function readPdfFacts(ctx: UploadContext, sha256: string): Promise<PdfFacts> {
  try {
    return (await readPdfText(ctx.core.blobs.read(sha256), { ocr: 'later' })).blob;
  } catch (error) {
    return unreadablePdf(toErrorValue(error).detail ?? toErrorValue(error).message);
  }
}

/** Into a .part file under the data dir, resumed with Range; into the blob store once its hash is right. */
async function downloadBlob(
  ctx: UploadContext,
  sha256: string,
  size: number,
  onBytes: (done: number) => void,
): Promise<void> {
  const policy = ctx.retry ?? defaultRetry;
  const dir = path.join(ctx.core.dataDir, 'sync', 'downloads');
  fs.mkdirSync(dir, { recursive: true });
  const part = path.join(dir, `${sha256}.part`);
  const url = `v1/agencies/${encodeURIComponent(ctx.agency)}/blobs/${sha256}`;
  let restarted = false;
  for (let failures = 0; ;) {
    let have = fs.existsSync(part) ? fs.statSync(part).size : 0;
    if (have > size) {
      fs.rmSync(part);
      have = 0;
    }
    try {
      if (have < size) {
        let received = have;
        await ctx.client.download(url, have, part, (n) => onBytes((received += n)));
      }
    } catch (error) {
      if (!(error instanceof HubError) || !error.retryable || ++failures >= policy.attempts) throw error;
      await (policy.sleep ?? sleep)(backoffMs(failures, policy));
      continue;
    }
    const bytes = fs.readFileSync(part);
    if (createHash('sha256').update(bytes).digest('hex') === sha256) {
      ctx.core.blobs.put(bytes, sha256);
      fs.rmSync(part);
      return;
    }
    // Damaged on the way or on disk: fetch it whole once more, then give up loudly.
    fs.rmSync(part);
    if (restarted)
      throw new HubError({ kind: 'bad-reply', detail: `blob ${sha256} does not match its hash after download` });
    restarted = true;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
