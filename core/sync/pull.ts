// Pull: the agency's feed page by page. Each page's blobs are fetched first
// (urgent documents first, resuming with Range), then the page and the new
// cursor are stored in one transaction, so a crash repeats at most one page.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { urgencies, type Urgency } from '../../shared/domain.ts';
import { toErrorValue } from '../../shared/errors.ts';
import { ackReply, pullReply, type FeedItem } from '../../shared/sync-protocol.ts';
import { writeTransaction } from '../db/connection.ts';
import { getBlobFacts } from '../db/attachments.ts';
import { getDevice, getHubDocument, setClockOffset, setDeskSync, setPullCursor } from '../db/sync.ts';
import { readPdfText, unreadablePdf } from '../documents/pdf-text.ts';
import type { UploadContext } from './blob-upload.ts';
import { clockOffset } from './change-log.ts';
import { queueDeskDocuments } from './desk-outbox.ts';
import { HubError } from './hub-client.ts';
import { receiveDocument, receiveStatus, receiveUpdate, type PdfFacts } from './receive.ts';
import {
  deskDocumentIsNewer,
  receiveDeskDocument,
  receiveDeskEvent,
  receivePerson,
  type DeskDocumentItem,
} from './receive-desk.ts';
import { backoffMs, defaultRetry, withRetry } from './retry.ts';

const PAGE_BUDGET = 256 * 1024;

export interface PullResult {
  received: { documentId: string; notation: string; sender: string }[];
  statuses: number;
  updates: number;
  /** What the agency's other desks sent that this desk did not have. */
  desk: { documents: number; events: number; people: number };
  cursor: number;
  /** From the last reply's hubTime. */
  clockOffsetMs: number | null;
}

export interface PullOptions {
  holdsRegister: boolean;
  onProgress(progress: { documentId: string; label: string; bytesDone: number; bytesTotal: number }): void;
}

export async function pull(ctx: UploadContext, options: PullOptions): Promise<PullResult> {
  const base = `v1/agencies/${encodeURIComponent(ctx.agency)}`;
  const result: PullResult = {
    received: [],
    statuses: 0,
    updates: 0,
    desk: { documents: 0, events: 0, people: 0 },
    cursor: getDevice(ctx.core.db)?.pullCursor ?? 0,
    clockOffsetMs: null,
  };
  for (;;) {
    const page = await withRetry(
      () => ctx.client.json('POST', `${base}/pull`, { cursor: result.cursor, budget: PAGE_BUDGET }, pullReply),
      ctx.retry,
    );
    const offset = clockOffset(ctx.core, page.hubTime);
    const facts = await fetchBlobs(ctx, downloadsOf(ctx, page.items, options.holdsRegister), options);
    writeTransaction(ctx.core.db, () => {
      setClockOffset(ctx.core.db, offset);
      setDeskSync(ctx.core.db, page.deskSync ?? false);
      // Writes made here and not yet queued get their clock before another desk's entries are weighed against them.
      queueDeskDocuments(ctx.core);
      for (const item of page.items) applyItem(ctx, item, facts, options.holdsRegister, result);
      setPullCursor(ctx.core.db, page.cursor);
    });
    // Scans that came down are read by OCR after the sync, never during it.
    if ([...facts.values()].some((pdf) => pdf.textSource === 'pending')) ctx.core.readOwedInBackground();
    result.cursor = Math.max(result.cursor, page.cursor);
    result.clockOffsetMs = offset;
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
  switch (item.kind) {
    case 'document':
      if (holdsRegister && receiveDocument(ctx.core, item, facts)) {
        result.received.push({
          documentId: item.document.id,
          notation: item.document.notation,
          sender: item.sender.name,
        });
      }
      return;
    case 'status':
      if (receiveStatus(ctx.core, item)) result.statuses++;
      return;
    case 'update':
      if (receiveUpdate(ctx.core, item)) result.updates++;
      return;
    case 'person':
      if (receivePerson(ctx.core, item)) result.desk.people++;
      return;
    case 'desk.document':
      if (receiveDeskDocument(ctx.core, item, facts)) result.desk.documents++;
      return;
    case 'desk.event':
      if (receiveDeskEvent(ctx.core, item)) result.desk.events++;
      return;
  }
}

/** One document's files to fetch; `base` is an earlier version whose bytes the file starts with. */
interface Download {
  documentId: string;
  label: string;
  urgency: Urgency;
  seq: number;
  files: { sha256: string; size: number; base: { sha256: string; size: number } | null }[];
}

/**
 * The files a page's items will need: documents delivered to the register
 * holder that are new here, and desk entries newer than this desk's.
 */
function downloadsOf(ctx: UploadContext, items: FeedItem[], holdsRegister: boolean): Download[] {
  const downloads: Download[] = [];
  for (const item of items) {
    // Only the device holding the registers numbers incoming documents; the others leave them to it.
    if (item.kind === 'document' && holdsRegister && !getHubDocument(ctx.core.db, item.document.id))
      downloads.push({
        documentId: item.document.id,
        label: item.document.notation,
        urgency: item.document.urgency,
        seq: item.seq,
        files: item.attachments.map((a) => ({ sha256: a.sha256, size: a.size, base: null })),
      });
    else if (item.kind === 'desk.document' && deskDocumentIsNewer(ctx.core, item))
      downloads.push({
        documentId: item.document.id,
        label: deskLabel(item),
        urgency: item.document.urgency,
        seq: item.seq,
        files: item.attachments,
      });
  }
  return downloads.sort((a, b) => urgencies.indexOf(a.urgency) - urgencies.indexOf(b.urgency) || a.seq - b.seq);
}

function deskLabel(item: DeskDocumentItem): string {
  return item.document.notation ?? item.document.subject.slice(0, 80);
}

/** Downloads every blob the page needs, most urgent document first, and reads each PDF's pages and text. */
async function fetchBlobs(
  ctx: UploadContext,
  downloads: Download[],
  options: PullOptions,
): Promise<Map<string, PdfFacts>> {
  const facts = new Map<string, PdfFacts>();
  for (const download of downloads) {
    const total = download.files.reduce((sum, file) => sum + file.size, 0);
    let done = 0;
    for (const file of download.files) {
      if (facts.has(file.sha256)) {
        done += file.size;
        continue;
      }
      if (ctx.core.blobs.check(file.sha256) !== 'ok') {
        await downloadBlob(ctx, file, (n) => {
          options.onProgress({
            documentId: download.documentId,
            label: download.label,
            bytesDone: done + n,
            bytesTotal: total,
          });
        });
      }
      done += file.size;
      facts.set(file.sha256, await pdfFactsOf(ctx, file));
    }
  }
  return facts;
}

/**
 * What the store knows of a file, or of the version it extends (a signature
 * adds no text, as signing itself assumes), or else its own reading.
 */
async function pdfFactsOf(
  ctx: UploadContext,
  file: { sha256: string; base: { sha256: string } | null },
): Promise<PdfFacts> {
  return (
    getBlobFacts(ctx.core.db, file.sha256) ??
    (file.base ? getBlobFacts(ctx.core.db, file.base.sha256) : undefined) ??
    (await readPdfFacts(ctx, file.sha256))
  );
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

/**
 * Into a .part file under the data dir, resumed with Range; into the blob
 * store once its hash is right. A new version of a file held here starts as
 * that file's bytes and asks only for the rest; if the whole does not match
 * its hash, it is fetched whole once more.
 */
async function downloadBlob(
  ctx: UploadContext,
  file: { sha256: string; size: number; base: { sha256: string; size: number } | null },
  onBytes: (done: number) => void,
): Promise<void> {
  const { sha256, size } = file;
  const policy = ctx.retry ?? defaultRetry;
  const dir = path.join(ctx.core.dataDir, 'sync', 'downloads');
  fs.mkdirSync(dir, { recursive: true });
  const part = path.join(dir, `${sha256}.part`);
  const url = `v1/agencies/${encodeURIComponent(ctx.agency)}/blobs/${sha256}`;
  if (file.base && file.base.size < size && !fs.existsSync(part) && ctx.core.blobs.check(file.base.sha256) === 'ok')
    fs.writeFileSync(part, ctx.core.blobs.read(file.base.sha256));
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
    // Damaged on the way or on disk, or a base that was not its beginning: fetch it whole once more, then give up loudly.
    fs.rmSync(part);
    if (restarted)
      throw new HubError({ kind: 'bad-reply', detail: `blob ${sha256} does not match its hash after download` });
    restarted = true;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
