import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

/** The tab in headless Chromium: time to the register's first row, and the JavaScript it loaded to get there. */
export type TabMeasure = {
  cpuSlowdown: number;
  firstRowMs: number;
  initialJsGzipKb: number;
  jsFiles: number;
  /** What the page fetched before its first row, when asked for (`timeline: true`): for reading, not the report. */
  timeline?: TimelineEntry[];
};

/** One request the page made: when it was asked for and when its answer had arrived, ms from navigation. */
export type TimelineEntry = { path: string; start: number; end: number };

const FIRST_ROW = '[role="table"] [role="row"][aria-rowindex="2"]';

/**
 * The moment is taken in the page itself (a MutationObserver noting when the first row is added), not when
 * Playwright next looks, which on a busy machine can be long after. "JS before the first row" is every script
 * the page had asked for by then (Resource Timing start times), gzipped: code the page asks for later, once the
 * rows are shown (saved views, the filter menus), is not what the first row waited for.
 */
export async function measureRegisterFirstRow(options: {
  browser: Browser;
  baseUrl: string;
  cpuSlowdown: number;
  timeline?: boolean;
}): Promise<TabMeasure> {
  const context = await options.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (options.cpuSlowdown > 1)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
  // No named functions inside: tsx (esbuild, keepNames) would wrap them in a helper the page does not have.
  await page.addInitScript((selector: string) => {
    new MutationObserver(() => {
      const page = window as { firstRowAt?: number };
      if (page.firstRowAt === undefined && document.querySelector(selector))
        page.firstRowAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
  }, FIRST_ROW);
  const gzipped = new Map<string, Promise<number>>();
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    gzipped.set(
      res.url(),
      res.body().then(
        (body) => gzipSync(body).length,
        () => 0,
      ),
    );
  });
  await page.goto(`${options.baseUrl}/?page=register`, { waitUntil: 'commit' });
  await page.waitForSelector(FIRST_ROW, { timeout: 120_000 });
  const { firstRowAt, asked, timeline } = await page.evaluate(() => {
    const noted = (window as { firstRowAt?: number }).firstRowAt;
    if (noted === undefined) throw new Error('the page never noted its first row');
    const at = noted;
    const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (e) => e.startTime <= at,
    );
    const scripts = before.filter((e) => new URL(e.name).pathname.endsWith('.js')).map((e) => e.name);
    const navigation = performance.getEntriesByType('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    const entries = [
      { path: '(page)', start: 0, end: Math.round(navigation?.responseEnd ?? 0) },
      ...before.map((e) => {
        const url = new URL(e.name);
        return {
          path: url.pathname + url.search,
          start: Math.round(e.startTime),
          end: Math.round(e.responseEnd),
        };
      }),
    ];
    return { firstRowAt: at, asked: scripts, timeline: entries };
  });
  const sizes = await Promise.all(asked.map((url) => gzipped.get(url) ?? Promise.resolve(0)));
  await context.close();
  return {
    cpuSlowdown: options.cpuSlowdown,
    firstRowMs: Math.round(firstRowAt),
    initialJsGzipKb: Math.round(sizes.reduce((a, b) => a + b, 0) / 1024),
    jsFiles: sizes.length,
    ...(options.timeline ? { timeline } : {}),
  };
}
