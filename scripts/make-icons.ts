/**
 * Draws the Teams app icons (manifest/color.png 192×192, manifest/outline.png 32×32) as the store asks:
 * a 96×96 symbol with 48 px padding on a solid square; the outline white on full transparency.
 *   npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

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

export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (width * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The symbol in unit coordinates (0–1): a person (head and shoulders) held in an open hand-like arc. */
function inSymbol(u: number, v: number): boolean {
  const head = (u - 0.5) ** 2 + (v - 0.3) ** 2 < 0.13 ** 2;
  const shoulders = v > 0.5 && v < 0.78 && (u - 0.5) ** 2 / 0.3 ** 2 + (v - 0.78) ** 2 / 0.28 ** 2 < 1;
  const r = Math.hypot(u - 0.5, v - 0.55);
  const arc = v > 0.62 && r > 0.4 && r < 0.48;
  return head || shoulders || arc;
}

const BRAND: Rgba = [0x5b, 0x5f, 0xc7, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [255, 255, 255, 0];

const color = encodePng(192, 192, (x, y) => {
  const u = (x + 0.5 - 48) / 96;
  const v = (y + 0.5 - 48) / 96;
  return u >= 0 && u <= 1 && v >= 0 && v <= 1 && inSymbol(u, v) ? WHITE : BRAND;
});
const outline = encodePng(32, 32, (x, y) => (inSymbol((x + 0.5) / 32, (y + 0.5) / 32) ? WHITE : CLEAR));

writeFileSync(new URL('../manifest/color.png', import.meta.url), color);
writeFileSync(new URL('../manifest/outline.png', import.meta.url), outline);
console.log('wrote manifest/color.png and manifest/outline.png');
