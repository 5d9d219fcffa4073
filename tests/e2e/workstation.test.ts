import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { tempDir } from '../helpers/tmp';
import { launchChromium, nodeClient, ROOT, snap, startServe, type ServeProcess } from './harness';

/** Entries of a ZIP archive (stored or deflated), read from its local headers. */
function unzipNames(buf: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= buf.length && buf.readUInt32LE(at) === 0x04034b50) {
    const size = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const extra = buf.readUInt16LE(at + 28);
    names.push(buf.subarray(at + 30, at + 30 + nameLen).toString());
    at += 30 + nameLen + extra + size;
  }
  return names;
}

const attr = (page: Page, testid: string, name: string) => page.getAttribute(`[data-testid="${testid}"]`, name);

/**
 * The researcher's path, end to end against a real `mlf serve` on a fresh store: sample data →
 * a small optimization started from the UI → an elite inspected on the chart → trade rows drive
 * the chart → the elites exported as a download.
 */
describe('workstation in Chromium', { timeout: 180_000 }, () => {
  const tmp = tempDir('mlf-e2e-ws-');
  let s: ServeProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    s = await startServe(join(tmp.dir, 'store.sqlite'));
    browser = await launchChromium();
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    page = await ctx.newPage();
    // Waits are for states, never for time; the ceiling only bounds a broken run on a busy CI box.
    page.setDefaultTimeout(90_000);
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
    tmp.cleanup();
  });

  it('generates sample data from the Data screen', async () => {
    await page.goto(`${s.url}#/data`);
    await page.waitForSelector('[data-testid="connection"][data-state="open"]');
    await page.fill('[data-testid="sample-symbol"]', 'E2E');
    await page.fill('[data-testid="sample-days"]', '15');
    await page.click('[data-testid="generate-sample"]');
    await page.locator('[data-testid="dataset-row"]', { hasText: 'E2E' }).waitFor();
    await page.waitForSelector('[data-testid="candle-chart"][data-marker-count]');
    await snap(page, '1-data');
  });

  it('imports a CSV through the browser and reports a bad file with its lines', async () => {
    await page.setInputFiles('[data-testid="import-file"]', join(ROOT, 'tests/fixtures/bad_mixed.csv'));
    await page.fill('[data-testid="import-symbol"]', 'BAD');
    await page.click('[data-testid="import-start"]');
    await page.waitForSelector('[data-testid="import-error"]');
    expect(await page.locator('[data-testid="import-error"] td.num').first().textContent()).toMatch(/^\d+$/);
    expect(await page.locator('[data-testid="dataset-row"]', { hasText: 'BAD' }).count()).toBe(0);
    await snap(page, '1b-import-error');

    await page.setInputFiles('[data-testid="import-file"]', join(ROOT, 'tests/fixtures/pandas_naive_ny_1m.csv'));
    await page.fill('[data-testid="import-symbol"]', 'NYCSV');
    await page.click('[data-testid="import-start"]');
    await page.waitForSelector('[data-testid="import-summary"]');
    await page.locator('[data-testid="dataset-row"]', { hasText: 'NYCSV' }).waitFor();
  });

  let runId = 0;
  it('starts a small optimization from the Optimize screen and follows it to the end', async () => {
    await page.goto(`${s.url}#/optimize`);
    await page.setInputFiles('[data-testid="config-file"]', join(ROOT, 'resources/examples/sma-cross.json'));
    await page.waitForSelector('[data-testid="gene-count"]');
    // The example optimizes nothing and has no objectives: choose both in the forms.
    await page.locator('[data-testid="opt-period"]').first().click();
    await expect.poll(() => page.textContent('[data-testid="gene-count"]')).toContain('1 gene optimized');
    await page.getByRole('button', { name: 'Objectives', exact: true }).click();
    await page.click('[data-testid="add-objective"]');
    await page.click('[data-testid="add-objective"]');
    const e2e = await page.$eval('[data-testid="run-dataset"]', (el) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith('E2E'))?.value ?? '');
    await page.selectOption('[data-testid="run-dataset"]', e2e);
    await page.getByRole('button', { name: 'Indicators', exact: true }).click();
    await snap(page, '2a-new-run');
    await page.getByRole('button', { name: 'GA', exact: true }).click();
    await page.fill('[data-testid="ga-population_size"]', '8');
    await page.fill('[data-testid="ga-number_of_iterations"]', '3');
    await page.fill('[data-testid="ga-num_workers"]', '0');
    await page.click('[data-testid="start-run"]');
    await page.waitForSelector('[data-testid="run-status"]');
    await page.waitForSelector('[data-testid="run-status"][data-status="finished"]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="elite-row"]');
    runId = Number(/#\/optimize\/(\d+)/.exec(page.url())?.[1]);
    expect(runId).toBeGreaterThan(0);
    await snap(page, '2-optimize');
  });

  it('pauses, resumes and stops a longer run from the cockpit', async () => {
    await page.click('[data-testid="toggle-new-run"]');
    await page.fill('[data-testid="ga-number_of_iterations"]', '5000');
    await page.click('[data-testid="start-run"]');
    await page.waitForURL((u) => /#\/optimize\/(\d+)/.exec(u.hash)?.[1] !== String(runId));
    await page.waitForSelector('[data-testid="run-status"][data-status="running"]');
    await page.waitForSelector('[data-testid="elite-row"]');
    await snap(page, '2b-optimize-running');
    await page.click('[data-testid="pause-run"][data-action="pause"]');
    await page.waitForSelector('[data-testid="run-status"][data-status="paused"]');
    await page.click('[data-testid="pause-run"][data-action="resume"]');
    await page.waitForSelector('[data-testid="run-status"][data-status="running"]');
    await page.click('[data-testid="stop-run"]');
    await page.waitForSelector('[data-testid="run-status"][data-status="stopped"]');
    await page.goto(`${s.url}#/optimize/${runId}`);
    await page.waitForSelector('[data-testid="run-status"][data-status="finished"]');
    await page.waitForSelector('[data-testid="elite-row"]');
  });

  it('inspects an elite: two markers per trade, rows move the chart, n/p step', async () => {
    const first = page.locator('[data-testid="elite-row"]').first();
    const index = Number(await first.getAttribute('data-index'));
    await first.click();
    await page.waitForURL(/#\/inspect\//);
    const generation = Number(/#\/inspect\/\d+\/(\d+)\//.exec(page.url())![1]);
    await page.waitForSelector('[data-testid="candle-chart"][data-marker-count]');

    const c = await nodeClient(s);
    const d = await c.api.getIndividual({ id: runId, generation, index });
    c.close();
    const stats = d.full?.stats ?? d.stats!;
    expect(stats.trades.count).toBeGreaterThan(2);
    const expected = 2 * stats.trades.count + (stats.openPosition ? 1 : 0);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="candle-chart"]')?.getAttribute('data-marker-count') === String(n),
      expected,
    );
    expect(await page.locator('[data-testid="trade-row"]').count()).toBeGreaterThan(0);
    await snap(page, '3-inspect');

    const before = await attr(page, 'candle-chart', 'data-visible-from');
    const row = page.locator('[data-testid="trade-row"]').nth(Math.min(2, stats.trades.count - 1));
    await row.click();
    await page.waitForFunction((b) => document.querySelector('[data-testid="candle-chart"]')?.getAttribute('data-visible-from') !== b, before);
    await expect.poll(() => row.getAttribute('class')).toContain('selected');
    await snap(page, '4-trade-selected');

    const at = await attr(page, 'candle-chart', 'data-visible-from');
    await page.keyboard.press('n');
    await page.waitForSelector('[data-testid="trade-row"].selected[data-index="3"]');
    await page.waitForFunction((b) => document.querySelector('[data-testid="candle-chart"]')?.getAttribute('data-visible-from') !== b, at);
    await page.keyboard.press('p');
    await page.waitForSelector('[data-testid="trade-row"].selected[data-index="2"]');

    // Any stored timeframe and any display zone: the same trades, mapped onto other bars.
    const panesBefore = await attr(page, 'candle-chart', 'data-panes');
    await page.click('[data-testid="timeframe-select"] >> text=15m');
    await page.waitForFunction(() => document.querySelector('[data-testid="candle-chart"]')?.closest('section')?.textContent?.includes('· 15m'));
    await page.waitForFunction((n) => document.querySelector('[data-testid="candle-chart"]')?.getAttribute('data-marker-count') === String(n), expected);
    await page.selectOption('[data-testid="zone-select"]', 'UTC');
    await page.waitForFunction((n) => document.querySelector('[data-testid="candle-chart"]')?.getAttribute('data-marker-count') === String(n), expected);
    expect(await attr(page, 'candle-chart', 'data-panes')).toBe(panesBefore);
    await snap(page, '4b-inspect-15m-utc');
    await page.selectOption('[data-testid="zone-select"]', 'America/New_York');
    await page.click('[data-testid="timeframe-select"] >> text=1m');
  });

  it('exports the elites as a download', async () => {
    await page.goto(`${s.url}#/optimize/${runId}`);
    await page.waitForSelector('[data-testid="elite-row"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-elites"]')]);
    const path = join(tmp.dir, download.suggestedFilename());
    await download.saveAs(path);
    const names = unzipNames(readFileSync(path));
    expect(names.length).toBeGreaterThan(1);
    expect(names.some((n) => n.endsWith('.json'))).toBe(true);
    await snap(page, '5-optimize-cockpit');
    expect(errors).toEqual([]);
  });

  it('backtests a config on a dataset and shows every trade', async () => {
    await page.goto(`${s.url}#/backtest`);
    await page.setInputFiles('[data-testid="backtest-config-file"]', join(ROOT, 'resources/examples/sma-cross.json'));
    const e2e = await page.$eval('[data-testid="backtest-dataset"]', (el) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith('E2E'))?.value ?? '');
    await page.selectOption('[data-testid="backtest-dataset"]', e2e);
    await page.click('[data-testid="run-backtest"]');
    await page.waitForSelector('[data-testid="kpi-trades"]');
    const trades = Number((await page.textContent('[data-testid="kpi-trades"]'))!.replace(/,/g, ''));
    expect(trades).toBeGreaterThan(0);
    await page.waitForFunction(
      (n) => {
        const m = Number(document.querySelector('[data-testid="candle-chart"]')?.getAttribute('data-marker-count'));
        return m === 2 * n || m === 2 * n + 1;
      },
      trades,
    );
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="candle-chart"]')?.getAttribute('data-panes')) >= 4);
    await snap(page, '7-backtest');
    await page.goto(`${s.url}#/optimize/${runId}`);
    await page.waitForSelector('[data-testid="elite-row"]');
  });

  it('renders the light theme and compares two elites on one chart', async () => {
    await page.getByRole('button', { name: 'Light', exact: true }).first().click();
    await page.locator('[data-testid="elite-row"]').nth(1).click();
    await page.waitForURL(/#\/inspect\//);
    await page.waitForSelector('[data-testid="candle-chart"][data-marker-count]');
    const single = Number(await attr(page, 'candle-chart', 'data-marker-count'));
    const options = await page.$$eval('[data-testid="compare-select"] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.length).toBeGreaterThan(0);
    await page.selectOption('[data-testid="compare-select"]', options[0]!);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="candle-chart"]')?.getAttribute('data-marker-count')) > n, single);
    await snap(page, '6-inspect-compare-light');
    await page.getByRole('button', { name: 'Dark', exact: true }).first().click();
    expect(errors).toEqual([]);
  });
});
