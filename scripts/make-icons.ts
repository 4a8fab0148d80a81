/**
 * Draws the add-in's icons (a bar chart on the product colour) as PNG files in assets/, at the sizes the
 * Office manifest asks for. Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 64, 80, 128];
const BACKGROUND = [0x0f, 0x6c, 0xbd];
const BAR = [0xff, 0xff, 0xff];
const BAR_HEIGHTS = [0.35, 0.6, 0.85];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function icon(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const radius = size * 0.18;
  const barWidth = size * 0.16;
  const gap = size * 0.08;
  const left0 = (size - (3 * barWidth + 2 * gap)) / 2;
  const base = size * 0.82;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radius;
      let colour = BACKGROUND;
      BAR_HEIGHTS.forEach((h, i) => {
        const left = left0 + i * (barWidth + gap);
        if (
          x + 0.5 >= left &&
          x + 0.5 < left + barWidth &&
          y + 0.5 <= base &&
          y + 0.5 >= base - h * size * 0.64
        )
          colour = BAR;
      });
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = colour[0] ?? 0;
      raw[o + 1] = colour[1] ?? 0;
      raw[o + 2] = colour[2] ?? 0;
      raw[o + 3] = inside ? 255 : 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) writeFileSync(`assets/icon-${size}.png`, icon(size));
