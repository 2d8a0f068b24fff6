/**
 * Generates the extension's toolbar / store icons as PNG files (no dependencies).
 *
 *   public/icon/{16,32,48,96,128}.png       active: indigo rounded square + white "story" glyph
 *   public/icon-inactive/{16,32,48}.png     inactive: same glyph on a translucent grey square
 *   public/icon-related/{16,32,48}.png      related coverage of a bundled article: same glyph on teal
 *   public/icon-site/{16,32,48}.png         a page of a bundled site (profile only): same glyph on solid slate
 *
 * Re-run after changing the design:   cd /work/main && npx tsx scripts/make-icons.ts
 *
 * Shapes are described with signed-distance functions and rendered with SS×SS
 * supersampling per pixel; bar edges are snapped to whole pixels so the glyph
 * stays crisp at 16 px.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SS = 8; // samples per pixel along each axis
const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', 'public');

type RGB = [number, number, number];
const hex = (h: string): RGB => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as RGB;

/** Signed distance from (px,py) to a rounded rectangle (negative = inside). */
function sdRoundRect(px: number, py: number, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = (x0 + x1) / 2,
    cy = (y0 + y1) / 2;
  const qx = Math.abs(px - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(py - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const sdCircle = (px: number, py: number, cx: number, cy: number, r: number) => Math.hypot(px - cx, py - cy) - r;

/** Icon geometry for a given pixel size: background square + glyph SDF. */
function layout(size: number) {
  const m = size >= 96 ? size / 16 : 0; // store-size icons get a little transparent padding
  const s = size - 2 * m; // side of the rounded square
  const u = s / 16; // design unit: the glyph is drawn on a 16×16 grid
  const px = (v: number) => m + Math.round(v * u); // snap to whole pixels
  const barH = Math.max(2, Math.round(2 * u));
  // three "lines of text", decreasing length, left-centre
  const bars = [
    [3, 6, 10],
    [3, 9, 8],
    [3, 12, 6],
  ].map(([x0, y, x1]) => ({ x0: px(x0), y0: px(y), x1: m + x1 * u, y1: px(y) + barH }));
  const dot = { cx: m + 12 * u, cy: m + 4 * u, r: 2 * u }; // sits in the top-right corner
  const square = (x: number, y: number) => sdRoundRect(x, y, m, m, m + s, m + s, 0.22 * s);
  const glyph = (x: number, y: number) => Math.min(sdCircle(x, y, dot.cx, dot.cy, dot.r), ...bars.map((b) => sdRoundRect(x, y, b.x0, b.y0, b.x1, b.y1, barH / 2)));
  return { square, glyph };
}

/** Renders RGBA pixels: glyph (white, opaque) composited over the square (fill, alpha). */
function render(size: number, fill: RGB, fillAlpha: number): Buffer {
  const { square, glyph } = layout(size);
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let cs = 0,
        cg = 0;
      for (let j = 0; j < SS; j++) {
        for (let i = 0; i < SS; i++) {
          const sx = x + (i + 0.5) / SS,
            sy = y + (j + 0.5) / SS;
          if (square(sx, sy) <= 0) {
            cs++;
            if (glyph(sx, sy) <= 0) cg++;
          }
        }
      }
      cs /= SS * SS;
      cg /= SS * SS;
      const bgA = (cs - cg) * fillAlpha; // square area not covered by the glyph
      const a = cg + bgA;
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = a > 0 ? Math.round((cg * 255 + bgA * fill[c]) / a) : 0;
      out[o + 3] = Math.round(a * 255);
    }
  }
  return out;
}

// ---- minimal PNG encoder (RGBA, 8-bit, no interlace) ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4),
    crc = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, adaptive filter, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const variants = [
  { dir: 'icon', sizes: [16, 32, 48, 96, 128], fill: hex('#4338ca'), alpha: 1 },
  { dir: 'icon-inactive', sizes: [16, 32, 48], fill: hex('#8a8f98'), alpha: 0.7 },
  { dir: 'icon-related', sizes: [16, 32, 48], fill: hex('#0f766e'), alpha: 1 },
  { dir: 'icon-site', sizes: [16, 32, 48], fill: hex('#475569'), alpha: 1 },
];
for (const v of variants) {
  mkdirSync(join(ROOT, v.dir), { recursive: true });
  for (const size of v.sizes) {
    const file = join(ROOT, v.dir, `${size}.png`);
    writeFileSync(file, encodePng(size, render(size, v.fill, v.alpha)));
    console.log(`wrote ${file}`);
  }
}
