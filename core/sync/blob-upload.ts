// Sends one blob in resumable chunks (PROTOCOL.md "Blobs first"). The hub's
// offset is the only truth: after any failure we ask it where its copy stands
// and continue from there, so a cut or a killed process costs less than a chunk.
// A new version of a file the hub holds starts from that version's bytes
// ("A new version travels as its change"): only what was appended travels.
import fs from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { uploadState } from '../../shared/sync-protocol.ts';
import type { Core } from '../context.ts';
import { HubError, type HubClient } from './hub-client.ts';
import type { LineMeter } from './line-meter.ts';
import { backoffMs, defaultRetry, withRetry, type RetryPolicy } from './retry.ts';

export interface UploadContext {
  core: Core;
  client: HubClient;
  agency: string;
  meter: LineMeter;
  retry?: RetryPolicy;
}

const MAX_CHECKSUM_FAILURES = 3;

/**
 * 'preempted' when `shouldYield` asked to stop at a chunk boundary; the hub
 * keeps what it has. `base` is an earlier version the hub holds whose bytes
 * this blob starts with: a fresh upload begins from its copy.
 */
export async function uploadBlob(
  ctx: UploadContext,
  blob: { sha256: string; size: number; base: { sha256: string; size: number } | null },
  startOffset: number,
  onProgress: (offset: number) => void,
  shouldYield: () => boolean,
): Promise<'complete' | 'preempted'> {
  const policy = ctx.retry ?? defaultRetry;
  const path = `v1/agencies/${encodeURIComponent(ctx.agency)}/uploads/${blob.sha256}`;
  const fd = openBlob(ctx.core, blob.sha256);
  try {
    let offset = startOffset;
    if (offset === 0 && blob.base) {
      const state = await startFromBase(ctx, path, blob.size, blob.base.sha256, policy);
      offset = state.offset;
      if (offset > 0) onProgress(offset);
      if (state.complete) return 'complete';
    }
    let failures = 0;
    let checksumFailures = 0;
    let restarted = false;
    for (;;) {
      const length = Math.min(ctx.meter.chunkSize(ctx.client.rttMs), blob.size - offset);
      const chunk = Buffer.alloc(length);
      fs.readSync(fd, chunk, 0, length, offset);
      const started = performance.now();
      try {
        const state = await ctx.client.patch(path, offset, blob.size, chunk, uploadState);
        ctx.meter.observe(length, performance.now() - started, ctx.client.rttMs);
        failures = 0;
        offset = state.offset;
        onProgress(offset);
        if (state.complete) return 'complete';
        if (shouldYield()) return 'preempted';
        continue;
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
        const code = error.hubCode();
        if (code === 'UPLOAD_OFFSET_MISMATCH' && error.failure.kind === 'hub' && error.failure.offset !== undefined) {
          offset = error.failure.offset;
          continue;
        }
        if (code === 'CHUNK_CHECKSUM_MISMATCH' && ++checksumFailures <= MAX_CHECKSUM_FAILURES) continue;
        if (code === 'BLOB_HASH_MISMATCH') {
          // The hub threw its copy away. If ours is still sound, the damage was on the way: send it once more.
          if (ctx.core.blobs.check(blob.sha256) !== 'ok')
            throw new AppError('BLOB_CORRUPT', `blob ${blob.sha256} failed its own hash before upload`);
          if (restarted) throw error;
          restarted = true;
          offset = 0;
          continue;
        }
        if (!error.retryable || ++failures >= policy.attempts) throw error;
        await (policy.sleep ?? sleep)(backoffMs(failures, policy));
        offset = await hubOffset(ctx, path, policy);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * POST …/uploads/:sha256/base. A hub that cannot start from the base (it no
 * longer holds it, or does not know the request) is no failure: the whole
 * file goes, from offset 0.
 */
async function startFromBase(
  ctx: UploadContext,
  path: string,
  length: number,
  base: string,
  policy: RetryPolicy,
): Promise<z.infer<typeof uploadState>> {
  try {
    return await withRetry(() => ctx.client.json('POST', `${path}/base`, { base, length }, uploadState), policy);
  } catch (error) {
    if (error instanceof HubError && (error.failure.kind !== 'network' || !error.retryable)) {
      return { offset: 0, complete: false };
    }
    throw error;
  }
}

async function hubOffset(ctx: UploadContext, path: string, policy: RetryPolicy): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await ctx.client.json('GET', path, undefined, uploadState)).offset;
    } catch (error) {
      if (!(error instanceof HubError) || !error.retryable || attempt >= policy.attempts) throw error;
      await (policy.sleep ?? sleep)(backoffMs(attempt, policy));
    }
  }
}

function openBlob(core: Core, sha256: string): number {
  try {
    return fs.openSync(core.blobs.pathOf(sha256), 'r');
  } catch (error) {
    throw new AppError('BLOB_MISSING', `blob ${sha256}: ${(error as Error).message}`, { cause: error });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
