import type { Browser, Page } from 'playwright-core';
import { browserTestsEnabled, launchBrowser, screenshot, seriousAxeViolations } from './support/browser.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe.runIf(browserTestsEnabled)('the tab shell in a browser (local mode)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(async () => {
    await page?.close();
  });

  const staff = (role: string) => app.local365.school.staff.find((s) => s.role === role)!;

  it('signs in as the demo SENCO by default and says so', async () => {
    await page.goto(`${app.baseUrl}/`);
    const senco = staff('senco');
    await page.getByRole('heading', { name: `Hello, ${senco.displayName}` }).waitFor();
    await expect(page.getByText('SENCO', { exact: true }).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'shell-senco-light');
  });

  it('switches demo user from the header, and remembers the choice in the URL', async () => {
    const teacher = staff('teacher');
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('combobox', { name: 'Demo user' }).click();
    await page.getByRole('option', { name: new RegExp(`^${teacher.displayName} —`) }).click();
    await page.getByRole('heading', { name: `Hello, ${teacher.displayName}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('user')).toBe(teacher.upn);
    await expect(page.getByText(/classes you teach or support/).isVisible()).resolves.toBe(true);
  });

  it('opens as the user named by ?user=', async () => {
    const head = staff('headteacher');
    await page.goto(`${app.baseUrl}/?user=${encodeURIComponent(head.upn)}`);
    await page.getByRole('heading', { name: `Hello, ${head.displayName}` }).waitFor();
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    it(`has no serious or critical accessibility violations in the ${theme} theme`, async () => {
      await page.goto(`${app.baseUrl}/?theme=${theme}`);
      await page.getByRole('heading', { name: /^Hello, / }).waitFor();
      await screenshot(page, `shell-${theme}`);
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  }

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { name: /^Hello, / }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await screenshot(page, 'shell-320px');
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('shows the inspector with the demo users', async () => {
    await page.goto(`${app.baseUrl}/local365/`);
    await page.getByRole('heading', { name: 'Demo users' }).waitFor();
    await expect(page.getByText(staff('senco').upn).isVisible()).resolves.toBe(true);
    await screenshot(page, 'inspector');
  });
});
