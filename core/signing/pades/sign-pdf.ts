// One PAdES signature: placeholder as an incremental update, ByteRange over
// everything but /Contents, CMS over the SHA-256 of those bytes, CMS hex into
// /Contents. The original bytes are the unchanged prefix of the result.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import {
  addSignaturePlaceholder,
  BYTE_RANGE_PLACEHOLDER,
  CONTENTS_BYTES,
  type PlaceholderOptions,
} from './placeholder.ts';
import type { Box } from './appearance.ts';

export interface SignedPdf {
  bytes: Uint8Array;
  /** SHA-256 of the bytes the signature covers. */
  digest: Uint8Array;
  /** SHA-256 of `bytes`, for the blob store. */
  sha256: string;
  byteRange: [number, number, number, number];
  pageIndex: number;
  box: Box;
  imageBox: Box | null;
}

export async function signPdf(
  original: Uint8Array,
  options: PlaceholderOptions,
  buildCms: (digest: Uint8Array) => Promise<Uint8Array>,
): Promise<SignedPdf> {
  const prepared = await addSignaturePlaceholder(original, options);
  const bytes = prepared.bytes;
  const { byteRange, contentsStart, contentsEnd } = fillByteRange(bytes, original.length);

  const covered = createHash('sha256').update(bytes.subarray(0, contentsStart));
  const whole = covered.copy();
  covered.update(bytes.subarray(contentsEnd));
  const digest = covered.digest();

  const cms = await buildCms(digest);
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > contentsEnd - contentsStart - 2)
    throw new AppError('SIGN_SPACE_EXCEEDED', `CMS ${cms.length} bytes, room for ${CONTENTS_BYTES}`);
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(hex, contentsStart + 1, 'latin1');

  whole.update(bytes.subarray(contentsStart, contentsEnd));
  whole.update(bytes.subarray(contentsEnd));
  return {
    bytes,
    digest,
    sha256: whole.digest('hex'),
    byteRange,
    pageIndex: prepared.pageIndex,
    box: prepared.box,
    imageBox: prepared.imageBox,
  };
}

/** Finds the placeholder the update added (after `from`) and writes the real ByteRange into it, same width. */
function fillByteRange(
  bytes: Uint8Array,
  from: number,
): { byteRange: [number, number, number, number]; contentsStart: number; contentsEnd: number } {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.byteLength - from).toString('latin1');
  const stars = BYTE_RANGE_PLACEHOLDER.replace(/\*/g, '\\*');
  const match = new RegExp(`/ByteRange\\s*\\[\\s*0\\s+/${stars}\\s+/${stars}\\s+/${stars}\\s*\\]`).exec(tail);
  if (!match) throw new AppError('INTERNAL', 'signature placeholder not found in the update');
  const arrayStart = from + match.index + match[0].indexOf('[');
  const arrayEnd = from + match.index + match[0].length;
  const contentsMatch = /\/Contents\s*</.exec(tail.slice(match.index));
  if (!contentsMatch) throw new AppError('INTERNAL', 'signature /Contents not found in the update');
  const contentsStart = from + match.index + contentsMatch.index + contentsMatch[0].length - 1;
  const contentsEnd = contentsStart + CONTENTS_BYTES * 2 + 2;
  if (bytes[contentsEnd - 1] !== 0x3e)
    throw new AppError('INTERNAL', 'signature /Contents is not the expected hex string');
  const byteRange: [number, number, number, number] = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  const text = `[0 ${byteRange[1]} ${byteRange[2]} ${byteRange[3]}]`;
  const width = arrayEnd - arrayStart;
  if (text.length > width) throw new AppError('INTERNAL', 'ByteRange does not fit its placeholder');
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(text.padEnd(width, ' '), arrayStart, 'latin1');
  return { byteRange, contentsStart, contentsEnd };
}
