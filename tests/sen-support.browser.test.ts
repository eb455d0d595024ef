/**
 * The SENCO records an assess-plan-do-review review held with the parents, in the built tab against the
 * whole app in local mode, by keyboard where a SENCO would; then the printable plan. Axe checks each view,
 * and screenshots (1280 and 375 px, dark theme) are kept for review.
 */
import type { Browser, Page } from 'playwright-core';
import {
  browserTestsEnabled,
  screenshot,
  seriousAxeViolations,
  startBrowserApp,
  type BrowserApp,
} from './support/browser.ts';
import type { TestApp } from './support/test-app.ts';

describe.skipIf(!browserTestsEnabled)('SEN support plans in the tab', () => {
  let started: BrowserApp;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let pupilId: string;
  const url = (params: Record<string, string>) => `${app.baseUrl}/?${new URLSearchParams(params).toString()}`;

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ app, browser } = started);
    const records = app.running.records;
    pupilId = records
      .pupils()
      .find(
        (p) =>
          records.senSupportPlan(p.id)?.value.cycles.at(-1)?.reviewedOn === undefined &&
          records.senSupportPlan(p.id),
      )!.id;
  }, 180_000);
  afterAll(async () => {
    await started?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page.setDefaultTimeout(10_000);
  });
  afterEach(async () => {
    await page?.close();
  });

  it('records a review held with the parents, then shows the printable plan', async () => {
    await page.goto(url({ page: `pupil/${pupilId}/sen-support`, theme: 'dark' }));
    await page.getByRole('button', { name: 'Record the review' }).click();
    const dialog = page.getByRole('dialog');
    const progress = dialog.getByRole('combobox', { name: /Progress/ });
    for (let i = 0; i < (await progress.count()); i++) await progress.nth(i).selectOption('partly');
    await dialog.getByRole('textbox', { name: /Who attended/ }).fill('Mother\nSENCO');
    await dialog
      .getByRole('textbox', { name: /What was agreed/ })
      .fill('Keep the reading group; read at home.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'sen-support-review-dialog-1280-dark');
    await dialog.getByRole('button', { name: 'Save the review' }).press('Enter');
    const status = page.getByRole('status').filter({ hasText: 'Review and parent meeting saved.' });
    await expect.poll(() => status.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'sen-support-plan-1280-dark');

    await page.getByRole('button', { name: 'Printable plan for parents' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'sen-support-print-view-1280-dark');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'sen-support-print-media-1280');
    await page.emulateMedia({ media: 'screen' });

    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'sen-support-print-view-375-dark');
    await page.getByRole('button', { name: 'Back to the plan' }).click();
    await screenshot(page, 'sen-support-plan-375-dark');
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(sideways).toBe(false);
  });
});
