// Draws build/icon.png once (the PNG is committed): a seal-red rounded square
// with a white sheet of paper, its corner folded, and the lines of a document
// on it. Plain zlib and a hand-written PNG encoder: no image tools needed.
//   node --import tsx scripts/make-icon.ts [out.png]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 512;
const SEAL_RED: Rgba = [183, 28, 28, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const FOLD: Rgba = [244, 205, 205, 255];
const INK: Rgba = [183, 28, 28, 255];
type Rgba = [number, number, number, number];

function inRoundedSquare(x: number, y: number, inset: number, radius: number): boolean {
  const lo = inset + radius;
  const hi = SIZE - 1 - inset - radius;
  const dx = x < lo ? lo - x : x > hi ? x - hi : 0;
  const dy = y < lo ? lo - y : y > hi ? y - hi : 0;
  return (
    x >= inset && x <= SIZE - 1 - inset && y >= inset && y <= SIZE - 1 - inset && dx * dx + dy * dy <= radius * radius
  );
}

// The sheet: 136..376 wide, 88..424 high, the top-right corner folded over 64 px.
const SHEET = { left: 136, right: 376, top: 88, bottom: 424, fold: 64 };
const LINES = [176, 216, 256, 296, 336];

function pixel(x: number, y: number): Rgba | null {
  if (!inRoundedSquare(x, y, 16, 88)) return null;
  const inSheet = x >= SHEET.left && x <= SHEET.right && y >= SHEET.top && y <= SHEET.bottom;
  if (!inSheet) return SEAL_RED;
  const fromCorner = SHEET.right - x + (y - SHEET.top);
  if (fromCorner < SHEET.fold) return SEAL_RED;
  if (x > SHEET.right - SHEET.fold && y < SHEET.top + SHEET.fold) return FOLD;
  const line = LINES.findIndex((top) => y >= top && y < top + 12);
  // The last line of a paragraph is shorter.
  const lineEnd = line === LINES.length - 1 ? 280 : 336;
  if (line >= 0 && x >= 176 && x <= lineEnd) return INK;
  return WHITE;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng(): Buffer {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const color = pixel(x, y);
      if (color) raw.set(color, row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'build', 'icon.png'));
fs.writeFileSync(out, iconPng());
process.stderr.write(`${out}\n`);
