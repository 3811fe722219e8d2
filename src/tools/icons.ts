/**
 * `npm run icons`: draws the Teams app icons into manifest/ — color.png (192×192, white shield
 * with a keyhole on #1f4e79) and outline.png (32×32, the same shield white on transparent).
 *
 * Drawn in code rather than checked in from a design tool so the icons can be regenerated (and
 * changed) by anyone with Node, and so the encoder below doubles as a test fixture factory.
 * Only node:zlib is used: PNG is a zlib stream plus CRC-32-checked chunks, both of which it has.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

const BACKGROUND: Rgb = [0x1f, 0x4e, 0x79];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes a pixel) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: ${rgba.length} bytes is not ${width}×${height} RGBA`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
  // Every scanline starts with its filter type; 0 (none) is fine for icons this small.
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Whether a point (in a unit square, y down) is white in the symbol: inside the shield and
 * outside its keyhole. `scale` shrinks the symbol about the centre, to leave the margin Teams
 * asks for around the colour icon's symbol.
 */
function inSymbol(px: number, py: number, scale: number): boolean {
  const x = (px - 0.5) / scale;
  const y = (py - 0.5) / scale;
  return inShield(x, y) && !inKeyhole(x, y);
}

/** A shield: straight sides down to its middle, then curving in to a point at the bottom. */
function inShield(x: number, y: number): boolean {
  const top = -0.46, shoulder = 0.02, bottom = 0.5, halfWidth = 0.4;
  if (y < top || y > bottom) return false;
  if (y <= shoulder) return Math.abs(x) <= halfWidth;
  const t = (y - shoulder) / (bottom - shoulder);
  return Math.abs(x) <= halfWidth * (1 - t * t);
}

/** A keyhole: a round head over a slot that widens downwards. */
function inKeyhole(x: number, y: number): boolean {
  const headY = -0.08, headR = 0.12;
  if (x * x + (y - headY) ** 2 <= headR * headR) return true;
  const slotTop = headY, slotBottom = 0.22;
  if (y < slotTop || y > slotBottom) return false;
  const t = (y - slotTop) / (slotBottom - slotTop);
  return Math.abs(x) <= 0.05 + 0.04 * t;
}

/** Share (0–1) of a pixel covered by the symbol, from a grid of samples: cheap anti-aliasing. */
function coverage(px: number, py: number, size: number, scale: number): number {
  const n = 8;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (inSymbol((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size, scale)) hits++;
    }
  }
  return hits / (n * n);
}

/** 192×192, opaque: the white symbol on the brand blue, symbol within the central ~60 %. */
export function drawColorIcon(size = 192): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, 0.6);
      const o = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) rgba[o + k] = Math.round(BACKGROUND[k]! + (WHITE[k]! - BACKGROUND[k]!) * c);
      rgba[o + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

/**
 * 32×32: every pixel white, the symbol carried by alpha alone, because Teams tints the outline
 * icon itself and rejects one with any other colour or an opaque background.
 */
export function drawOutlineIcon(size = 32): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      rgba.set([255, 255, 255, Math.round(255 * coverage(x, y, size, 0.9))], o);
    }
  }
  return encodePng(size, size, rgba);
}

if (require.main === module) {
  const dir = resolve(__dirname, '..', '..', 'manifest');
  mkdirSync(dir, { recursive: true });
  for (const [name, png] of [['color.png', drawColorIcon()], ['outline.png', drawOutlineIcon()]] as const) {
    writeFileSync(join(dir, name), png);
    console.log(`icons: wrote ${join(dir, name)} (${png.length} bytes)`);
  }
}
