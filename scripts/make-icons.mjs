// Draws the app icons of the web app manifest (client/public/icon-192.png, icon-512.png): the
// brand's ring, light on Kring's green, full-bleed so the icon works as a maskable one too (the ring
// stays inside the safe circle). No image library: a PNG is a few zlib-compressed rows.
// Run once after changing the drawing: `node scripts/make-icons.mjs`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const GREEN = [0x23, 0x5a, 0x5e];
const LIGHT = [0xf7, 0xf5, 0xf0];

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function icon(size) {
  const rows = [];
  const centre = size / 2;
  // The ring of icon.svg (radius 8.5 of 32, stroke 3.5), a little smaller: a maskable icon's safe zone is 80 %.
  const radius = size * (8.5 / 32) * 0.9;
  const half = size * (3.5 / 32) * 0.9 * 0.5;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      // Four samples a pixel, for a smooth edge.
      let inside = 0;
      for (const [dx, dy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ]) {
        const distance = Math.hypot(x + dx - centre, y + dy - centre);
        inside += Math.abs(distance - radius) <= half ? 1 : 0;
      }
      const share = inside / 4;
      for (let channel = 0; channel < 3; channel++) {
        row[1 + x * 3 + channel] = Math.round(GREEN[channel] * (1 - share) + LIGHT[channel] * share);
      }
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  writeFileSync(new URL(`../client/public/icon-${size}.png`, import.meta.url), icon(size));
}
