// Resumable uploads (PROTOCOL.md "Blobs first"): where an upload stands, one
// PATCH chunk, and a start from an earlier version the agency holds ("A new
// version travels as its change"). The partial file's length is the hub's
// offset; a finished upload is hashed whole before it joins the store and the
// agency's claims.
import type { IncomingMessage, IncomingHttpHeaders } from 'node:http';
import { MAX_BLOB_BYTES } from '../shared/sync-protocol.ts';
import type { BlobStore } from './blob-store.ts';
import { claimBlob, claimedBlobs, readableBlobs } from './db/blobs.ts';
import type { Database } from './db/database.ts';
import { fail, ok, type Result } from './errors.ts';
import { receiveChunk } from './upload-chunk.ts';
import type { UploadLocks } from './upload-locks.ts';

export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';

export interface UploadContext {
  db: Database;
  blobs: BlobStore;
  locks: UploadLocks;
}

/** Who is uploading: the agency whose claim the upload proves, and the device sending it. */
export interface Uploader {
  agency: string;
  device: string;
}

export interface UploadState {
  offset: number;
  complete: boolean;
}

interface ChunkHeaders {
  offset: number;
  length: number;
  checksum: Buffer;
  contentLength: number | null;
}

export async function uploadState(ctx: UploadContext, agency: string, sha256: string): Promise<UploadState> {
  const size = (await claimedBlobs(ctx.db, agency, [sha256])).get(sha256);
  if (size !== undefined) return { offset: size, complete: true };
  return { offset: ctx.blobs.partialSize(agency, sha256), complete: false };
}

/**
 * The chunk's result, or 'cut' when the connection is gone: the client cut the
 * body, or sent more than the upload has left and was dropped. No one to answer.
 */
export async function receiveUpload(
  ctx: UploadContext,
  uploader: Uploader,
  sha256: string,
  headers: IncomingHttpHeaders,
  body: IncomingMessage,
): Promise<Result<UploadState> | 'cut'> {
  const parsed = parseChunkHeaders(headers);
  if (!parsed.ok) return parsed;
  const chunk = parsed.value;
  const { agency } = uploader;
  const release = ctx.locks.acquire(agency, sha256);
  if (!release) return busy();
  try {
    const state = await uploadState(ctx, agency, sha256);
    if (!state.complete && state.offset > chunk.length) {
      // The bytes held cannot belong to a blob of this length: start over.
      ctx.blobs.discardPartial(agency, sha256);
      state.offset = 0;
    }
    if (chunk.offset !== state.offset)
      return fail(409, 'UPLOAD_OFFSET_MISMATCH', `the hub holds ${state.offset} bytes of this blob`, state.offset);
    if (state.complete) return ok(state);
    const room = chunk.length - chunk.offset;
    if (chunk.contentLength !== null && chunk.contentLength > room) {
      return fail(
        400,
        'BAD_REQUEST',
        `the chunk (${chunk.contentLength} bytes) goes past upload-length (${room} bytes left)`,
      );
    }

    const received = await receiveChunk(
      body,
      ctx.blobs.preparePartial(agency, sha256),
      chunk.offset,
      room,
      chunk.checksum,
    );
    if (received.kind === 'cut' || received.kind === 'too-long') return 'cut';
    if (received.kind === 'checksum-mismatch') {
      return fail(
        422,
        'CHUNK_CHECKSUM_MISMATCH',
        'upload-checksum does not match the bytes received; the chunk was dropped',
        received.offset,
      );
    }
    if (received.offset < chunk.length) return ok({ offset: received.offset, complete: false });

    if ((await ctx.blobs.completePartial(agency, sha256)) === 'hash-mismatch') {
      return fail(
        422,
        'BLOB_HASH_MISMATCH',
        'the uploaded bytes do not hash to this SHA-256; the upload was discarded, start again from 0',
      );
    }
    await claimBlob(ctx.db, { agency, device: uploader.device, sha256, size: chunk.length });
    return ok({ offset: chunk.length, complete: true });
  } finally {
    release();
  }
}

/**
 * Starts the upload of `sha256` (`length` bytes in all) from the bytes of
 * `base`, a complete blob the agency holds (uploaded, or delivered to it): only the appended bytes then
 * travel, and the final hash of the whole file proves base and appendix
 * together. An upload that already holds bytes is left as it is. Under the
 * same lock as PATCH, so no chunk lands while the base is copied in.
 */
export async function startFromBase(
  ctx: UploadContext,
  uploader: Uploader,
  sha256: string,
  request: { base: string; length: number },
): Promise<Result<UploadState>> {
  const { agency } = uploader;
  const release = ctx.locks.acquire(agency, sha256);
  if (!release) return busy();
  try {
    const state = await uploadState(ctx, agency, sha256);
    if (state.complete || state.offset > 0) return ok(state);
    const baseSize = (await readableBlobs(ctx.db, agency, [request.base])).get(request.base);
    if (baseSize === undefined)
      return fail(404, 'NOT_FOUND', `this agency holds no complete blob ${request.base} to start from`);
    if (request.length <= baseSize)
      return fail(
        400,
        'BAD_REQUEST',
        `a version extending ${request.base} (${baseSize} bytes) is longer than it; length is ${request.length}`,
      );
    const offset = await ctx.blobs.seedPartial(agency, sha256, request.base);
    return ok({ offset, complete: false });
  } finally {
    release();
  }
}

function busy<T>(): Result<T> {
  return fail(409, 'UPLOAD_BUSY', 'another upload of this blob is in progress; ask where it stands and retry');
}

const DIGITS = /^\d{1,15}$/;
const CHECKSUM = /^sha256 ([A-Za-z0-9+/]{43}=)$/;

function parseChunkHeaders(headers: IncomingHttpHeaders): Result<ChunkHeaders> {
  if (headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== UPLOAD_CONTENT_TYPE) {
    return fail(400, 'BAD_REQUEST', `content-type must be ${UPLOAD_CONTENT_TYPE}`);
  }
  const offset = headers['upload-offset'];
  const length = headers['upload-length'];
  const checksum = CHECKSUM.exec(String(headers['upload-checksum'] ?? ''));
  if (typeof offset !== 'string' || !DIGITS.test(offset))
    return fail(400, 'BAD_REQUEST', 'upload-offset must be a byte count');
  if (typeof length !== 'string' || !DIGITS.test(length) || Number(length) < 1)
    return fail(400, 'BAD_REQUEST', 'upload-length must be a positive byte count');
  if (!checksum) return fail(400, 'BAD_REQUEST', 'upload-checksum must be "sha256 <base64 of 32 bytes>"');
  if (Number(length) > MAX_BLOB_BYTES)
    return fail(413, 'BLOB_TOO_LARGE', `blobs are limited to ${MAX_BLOB_BYTES} bytes`);
  if (Number(offset) > Number(length)) return fail(400, 'BAD_REQUEST', 'upload-offset is past upload-length');
  const contentLength = headers['content-length'];
  return ok({
    offset: Number(offset),
    length: Number(length),
    checksum: Buffer.from(checksum[1]!, 'base64'),
    contentLength: contentLength !== undefined && DIGITS.test(contentLength) ? Number(contentLength) : null,
  });
}
