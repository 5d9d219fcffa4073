import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../../backend/backend';
import { startServeHost } from '../serve/host';
import type { BenchRow, BenchSkip, BenchSuite } from './types';

const CHROMIUM = '/usr/bin/chromium';

interface PageResult {
  candles: number;
  markers: number;
  firstPaintMs: number;
  panZoomedIn: { p50: number; p95: number; frames: number };
  panAll: { p50: number; p95: number; frames: number };
}

/**
 * The inspection chart in headless Chromium on generated data (`#/bench/<candles>/<markers>` of
 * the built renderer behind `mlf serve`): first paint from data handed over to painted frame, then
 * frame times while panning. Frame-rate limiting is switched off, so a frame time is the work the
 * frame took rather than the display's refresh interval.
 */
export const uiSuite: BenchSuite = {
  name: 'ui',
  async run(ctx) {
    const suite = 'ui';
    const staticDir = fileURLToPath(new URL('../renderer', import.meta.url));
    if (!existsSync(join(staticDir, 'index.html'))) return [{ suite, measure: 'chart', reason: 'renderer not built (npm run build)' }];
    if (!existsSync(CHROMIUM)) return [{ suite, measure: 'chart', reason: `${CHROMIUM} not installed` }];
    // A dev tool, resolved from node_modules at run time rather than bundled into the CLI.
    const specifier = 'playwright-core';
    const { chromium } = (await import(/* @vite-ignore */ specifier)) as typeof import('playwright-core');
    const candles = Math.round(500_000 * ctx.scale);
    const markers = Math.round(10_000 * ctx.scale);
    const backend = createBackend({ storePath: join(ctx.dir, 'ui-bench.sqlite'), host: 'serve' });
    const host = await startServeHost({ backend, staticDir });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--no-first-run', '--disable-gpu-vsync', '--disable-frame-rate-limit',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      ctx.log(`chart: ${candles} candles, ${markers} markers`);
      await page.goto(`${host.url}#/bench/${candles}/${markers}`);
      await page.waitForSelector('body[data-bench-done]', { timeout: 300_000 });
      const r = (await page.evaluate('window.__mlfBench')) as PageResult;
      const note = `${r.candles.toLocaleString('en-US')} candles, ${r.markers.toLocaleString('en-US')} markers, headless Chromium (software GL)`;
      const rows: Array<BenchRow | BenchSkip> = [
        { suite, measure: 'chart first paint (latest 1.5k bars in view)', value: r.firstPaintMs, unit: 'ms', higherIsBetter: false, note },
        { suite, measure: 'pan frame p50 (1k bars visible)', value: r.panZoomedIn.p50, unit: 'ms', higherIsBetter: false, note: `${r.panZoomedIn.frames} frames` },
        { suite, measure: 'pan frame p95 (1k bars visible)', value: r.panZoomedIn.p95, unit: 'ms', higherIsBetter: false },
        { suite, measure: 'pan frame p50 (all bars visible)', value: r.panAll.p50, unit: 'ms', higherIsBetter: false, note: `${r.panAll.frames} frames, conflation on` },
        { suite, measure: 'pan frame p95 (all bars visible)', value: r.panAll.p95, unit: 'ms', higherIsBetter: false },
      ];
      return rows;
    } finally {
      await browser.close();
      await host.close();
      await backend.close();
    }
  },
};
