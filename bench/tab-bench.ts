import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

/** The tab in headless Chromium: time to the register's first row, and the JavaScript it loaded to get there. */
export type TabMeasure = { cpuSlowdown: number; firstRowMs: number; initialJsGzipKb: number; jsFiles: number };

export async function measureRegisterFirstRow(options: {
  browser: Browser;
  baseUrl: string;
  cpuSlowdown: number;
}): Promise<TabMeasure> {
  const context = await options.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (options.cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
  const scripts: Promise<number>[] = [];
  let firstRowSeen = false;
  page.on('response', (res) => {
    if (firstRowSeen || res.request().resourceType() !== 'script') return;
    scripts.push(res.body().then((body) => gzipSync(body).length, () => 0));
  });
  await page.goto(`${options.baseUrl}/?page=register`, { waitUntil: 'commit' });
  await page.waitForSelector('[role="table"] [role="row"][aria-rowindex="2"]', { timeout: 120_000 });
  firstRowSeen = true;
  const firstRowMs = await page.evaluate(() => performance.now());
  const sizes = await Promise.all(scripts);
  await context.close();
  return {
    cpuSlowdown: options.cpuSlowdown,
    firstRowMs: Math.round(firstRowMs),
    initialJsGzipKb: Math.round(sizes.reduce((a, b) => a + b, 0) / 1024),
    jsFiles: sizes.length,
  };
}
