import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { tempDir } from '../helpers/tmp';
import { launchChromium, snap, startServe, type ServeProcess } from './harness';

describe('workstation shell in Chromium', () => {
  const tmp = tempDir('mlf-e2e-shell-');
  let s: ServeProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    s = await startServe(join(tmp.dir, 'store.sqlite'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
    tmp.cleanup();
  });

  it('connects over the socket and shows the store it serves', async () => {
    await page.goto(`${s.url}#/settings`);
    await page.waitForSelector('[data-testid="connection"][data-state="open"]');
    await page.getByText('store.sqlite').first().waitFor();
    await snap(page, 'shell-settings-dark');
    await page.getByRole('button', { name: 'Light' }).first().click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await snap(page, 'shell-settings-light');
    expect(errors).toEqual([]);
  });

  it('survives a reload on the cookie alone', async () => {
    await page.goto(`${s.origin}/#/settings`);
    await page.waitForSelector('[data-testid="connection"][data-state="open"]');
  });
});
