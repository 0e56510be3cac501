// Signature and seal images must be PNG with a transparent background (Decree
// 30/2020 Appendix I 7d, 8a): an alpha channel, or a palette/grey image with a
// tRNS chunk. Anything else is refused before it reaches a signed document.
import { AppError } from '../../shared/errors.ts';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_BYTES = 2 * 1024 * 1024;

export function checkTransparentPng(bytes: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length > MAX_BYTES) throw new AppError('SIGN_IMAGE_INVALID', `${buffer.length} bytes`);
  if (buffer.length < 33 || !buffer.subarray(0, 8).equals(SIGNATURE) || buffer.toString('latin1', 12, 16) !== 'IHDR') {
    throw new AppError('SIGN_IMAGE_INVALID', 'not a PNG file');
  }
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const colourType = buffer[25]!;
  if (width === 0 || height === 0 || width > 10_000 || height > 10_000)
    throw new AppError('SIGN_IMAGE_INVALID', `${width}x${height}`);
  const hasAlpha = colourType === 4 || colourType === 6;
  if (!hasAlpha && !hasChunk(buffer, 'tRNS'))
    throw new AppError('SIGN_IMAGE_INVALID', `PNG colour type ${colourType} without transparency`);
  return { width, height };
}

function hasChunk(buffer: Buffer, type: string): boolean {
  let offset = 8;
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const name = buffer.toString('latin1', offset + 4, offset + 8);
    if (name === type) return true;
    if (name === 'IDAT' || name === 'IEND') return false;
    offset += 12 + length;
  }
  return false;
}

/** The density a PNG's pHYs chunk gives, in pixels per inch; null when it says none (or only an aspect ratio). */
export function pngPixelsPerInch(bytes: Uint8Array): number | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const name = buffer.toString('latin1', offset + 4, offset + 8);
    if (name === 'pHYs' && length === 9 && offset + 17 <= buffer.length) {
      const perMetre = buffer.readUInt32BE(offset + 8);
      const metres = buffer[offset + 16] === 1;
      return metres && perMetre > 0 ? perMetre * 0.0254 : null;
    }
    if (name === 'IDAT' || name === 'IEND') return null;
    offset += 12 + length;
  }
  return null;
}
