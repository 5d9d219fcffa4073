#!/usr/bin/env node
// Renders resources/icons/icon.svg into every file electron-builder wants: NxN.png for Linux,
// icon.ico for Windows, icon.icns for macOS, icon.png (512) as the generic one. Uses the system
// Chromium through playwright-core; run it after editing the SVG and commit the results.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'icons');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

async function render() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
  const page = await browser.newPage();
  const out = new Map();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const inline = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${inline}`);
    out.set(size, await page.screenshot({ omitBackground: true, type: 'png' }));
  }
  await browser.close();
  return out;
}

/** ICO: a directory of PNG images (Windows Vista and later read PNG entries). */
function ico(pngs) {
  const entries = [...pngs.entries()];
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map(([, png]) => png)]);
}

/** ICNS: typed chunks of PNG data (macOS 10.7 and later). */
function icns(chunks) {
  const parts = chunks.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const png = await render();
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) writeFileSync(join(dir, `${size}x${size}.png`), png.get(size));
writeFileSync(join(dir, 'icon.png'), png.get(1024));
writeFileSync(join(dir, 'icon.ico'), ico(new Map([16, 24, 32, 48, 64, 128, 256].map((s) => [s, png.get(s)]))));
writeFileSync(
  join(dir, 'icon.icns'),
  icns([
    ['icp4', png.get(16)],
    ['icp5', png.get(32)],
    ['icp6', png.get(64)],
    ['ic07', png.get(128)],
    ['ic08', png.get(256)],
    ['ic09', png.get(512)],
    ['ic10', png.get(1024)],
    ['ic11', png.get(32)],
    ['ic12', png.get(64)],
    ['ic13', png.get(256)],
    ['ic14', png.get(512)],
  ]),
);
console.log(`wrote ${dir}`);
