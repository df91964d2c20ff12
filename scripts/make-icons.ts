/**
 * Draws Leadline's toolbar icons (a teal rounded square with a white "L" and a lead line) as
 * PNGs into public/icon/. Run once with `node --import tsx scripts/make-icons.ts`; the PNGs are
 * committed. No image library needed: a PNG is a zlib stream of RGBA rows.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function icon(size: number): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const r = size * 0.22;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // Rounded-square coverage, with a one-pixel soft edge.
      const dx = Math.max(r - x - 0.5, x + 0.5 - (size - r), 0);
      const dy = Math.max(r - y - 0.5, y + 0.5 - (size - r), 0);
      const d = Math.hypot(dx, dy);
      const alpha = Math.max(0, Math.min(1, r - d + 0.5));
      const u = x / size;
      const v = y / size;
      // The "L": a vertical stem and a foot; the foot runs on as the lead line.
      const stem = u >= 0.3 && u <= 0.44 && v >= 0.2 && v <= 0.78;
      const foot = v >= 0.64 && v <= 0.78 && u >= 0.3 && u <= 0.74;
      const dot = Math.hypot(u - 0.76, v - 0.32) <= 0.09;
      const white = stem || foot || dot;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = white ? 255 : 13;
      raw[o + 1] = white ? 255 : 116;
      raw[o + 2] = white ? 255 : 121;
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 96, 128]) writeFileSync(`public/icon/${size}.png`, icon(size));
