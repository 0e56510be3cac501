// Test images for signature appearances: a blue handwritten-looking signature
// and a red round seal, both RGBA PNGs with a transparent background, as
// Decree 30/2020 Appendix I asks. Pure Node (zlib), no image library.
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

function png(width: number, height: number, paint: (x: number, y: number) => Rgba | null): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    for (let x = 0; x < width; x++) {
      const colour = paint(x, y);
      if (colour) raw.set(colour, row + 1 + x * 4);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A blue flourish on transparent ground, 600 × 240 px. */
export function signaturePng(): Buffer {
  const width = 600;
  const height = 240;
  return png(width, height, (x, y) => {
    const curve = height / 2 + Math.sin(x / 38) * 60 * Math.cos(x / 140);
    return Math.abs(y - curve) < 5 && x > 30 && x < width - 30 ? [20, 40, 200, 255] : null;
  });
}

/** A red double ring with a star, on transparent ground, 400 × 400 px. */
export function sealPng(): Buffer {
  const size = 400;
  const centre = size / 2;
  return png(size, size, (x, y) => {
    const r = Math.hypot(x - centre, y - centre);
    const ring = (r > 186 && r < 198) || (r > 140 && r < 146);
    const angle = Math.atan2(y - centre, x - centre);
    const star = r < 60 * (0.55 + 0.45 * Math.abs(Math.cos((5 * angle) / 2)));
    return ring || star ? [220, 20, 30, 255] : null;
  });
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
