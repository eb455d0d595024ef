/**
 * The SENCO's settings screen in Chromium on the demo school, with the bot added to the staff team and a few
 * days of reminders posted: the channel and the bot's status, the school's name asked for, term dates refused
 * with the field named, a save that sticks, who holds which role, no serious axe violations; screenshots at
 * 1280 and 375 px in the dark theme, and the inspector's page of what the bot posted.
 */
import type { Browser, Page } from 'playwright-core';
import { prepareDemoReminders } from '../src/server/local/reminder-simulation.ts';
import {
  browserTestsEnabled,
  screenshot,
  seriousAxeViolations,
  sidewaysScroll,
  startBrowserApp,
  type BrowserApp,
} from './support/browser.ts';
import { rolesBeyondTheStaffTeam } from './support/roles-beyond-staff-team.ts';
import type { TestApp } from './support/test-app.ts';

describe.runIf(browserTestsEnabled)('the settings screen in a browser', () => {
  let started: BrowserApp;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const senco = () => app.local365.school.staff.find((s) => s.appRoles.includes('Senco'))!;

  beforeAll(async () => {
    started = await startBrowserApp({
      // Monday 7 December 2026, after the posting time: the digest and the day's reminders are due.
      env: { REMINDERS_INTERVAL_MINUTES: '0', LOCAL365_CLOCK_START: '2026-12-07T08:00:00Z' },
      // An acting head outside the staff team, and a group given the SEND team role.
      prepare: rolesBeyondTheStaffTeam,
    });
    ({ app, browser } = started);
    await prepareDemoReminders({
      local365: app.local365,
      records: app.running.records,
      botEndpoint: `${app.baseUrl}/api/messages`,
      tenantId: app.config.tenantId,
      clientId: app.config.clientId,
      installed: () => app.running.bot.conversations(),
    });
  }, 240_000);
  afterAll(async () => {
    await started?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page.setDefaultTimeout(10_000);
  });
  afterEach(async () => {
    await page?.close();
  });

  it('shows where reminders go and that the bot is there, and who holds each role', async () => {
    await page.goto(`${app.baseUrl}/?page=settings&theme=dark`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByText(/The SENCO Hub bot is in Oakfield Staff: reminders go to SEND\./).waitFor();
    // The demo school's name is not saved yet: the screen asks for it.
    await page.getByText('Enter the school’s name').waitFor();
    await page.getByRole('heading', { name: 'Who holds which role' }).waitFor();
    // In the roles panel (the header's demo user switch names the SENCO too).
    await page.getByRole('main').getByText(senco().displayName, { exact: false }).first().waitFor();
    await page.getByRole('main').getByText('Rachel Evans').waitFor();
    await page
      .getByRole('main')
      .getByText(/through the group SEND Staff/)
      .waitFor();
    await page.getByText(/Enterprise applications › SENCO Hub › Users and groups/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'settings-1280-dark');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await sidewaysScroll(page)).toBe(0);
    await screenshot(page, 'settings-375-dark');
  });

  it('the inspector shows what the bot posted, in a person’s words', async () => {
    const report = await app.running.reminders()!.runOnce();
    expect(report.posted.length).toBeGreaterThan(0);
    await page.goto(`${app.baseUrl}/local365/`);
    await page.getByText(report.posted[0]!.summary).first().waitFor();
    await screenshot(page, 'inspector-reminders');
  });

  it('refuses a term that ends before it starts, naming the field; saves the school’s name, the passport interval and a term', async () => {
    await page.goto(`${app.baseUrl}/?page=settings`);
    await page.getByRole('button', { name: 'Add a term' }).click();
    await page.getByLabel('Term 1 name').fill('Spring 1');
    await page.getByLabel('First day').fill('2027-02-12');
    await page.getByLabel('Last day').fill('2027-01-05');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Term end cannot be before the term start').first().waitFor();
    expect(app.running.records.settings().value.termDates).toEqual([]);

    await page.getByLabel('First day').fill('2027-01-05');
    await page.getByLabel('Last day').fill('2027-02-12');
    await page.getByLabel('Passport review interval (months)').fill('4');
    await page.getByLabel('School name').fill('Oakfield Primary School');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const saved = app.running.records.settings().value;
    expect(saved.passportReviewMonths).toBe(4);
    expect(saved.school.name).toBe('Oakfield Primary School');
    expect(await page.getByText('Enter the school’s name').count()).toBe(0);
    expect(saved.termDates).toEqual([{ name: 'Spring 1', from: '2027-01-05', to: '2027-02-12' }]);
    expect(saved.reminders.channel?.channelName).toBe('SEND');
  });
});
