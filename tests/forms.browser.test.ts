/**
 * The newer forms in a browser, keyboard only: the SENCO opens each with Tab and Enter, the form is checked
 * with axe at 1280 px (light theme) and at 375 px (dark theme), screenshots of both are kept for review, and
 * after saving the keyboard is where a keyboard user expects it: on the message that says what was saved, or
 * back on the button that opened the form. Dates are filled into the date box (Chromium's own segments are
 * not what is under test); every other step is a key press.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { CalendarDate } from '../src/domain/calendar-date.ts';
import {
  browserTestsEnabled,
  screenshot,
  SCREENSHOT_DIR,
  seriousAxeViolations,
  sidewaysScroll,
  startBrowserApp,
  type BrowserApp,
} from './support/browser.ts';
import type { TestApp } from './support/test-app.ts';

describe.skipIf(!browserTestsEnabled)('the newer forms, keyboard only, with axe', () => {
  let started: BrowserApp;
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let today: CalendarDate;
  const url = (params: Record<string, string>) => `${app.baseUrl}/?${new URLSearchParams(params).toString()}`;

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ app, browser } = started);
    const me = await fetch(`${app.baseUrl}/api/me`, {
      headers: { Authorization: `Bearer ${started.sencoToken}` },
    });
    today = ((await me.json()) as { today: CalendarDate }).today;
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

  /** Presses Tab until the focused element is the button with this name (the page's order, no mouse). */
  async function tabTo(name: string | RegExp, presses = 120): Promise<void> {
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.tagName === 'BUTTON' ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
      });
      if (typeof name === 'string' ? focused === name : name.test(focused)) return;
    }
    throw new Error(`Tab never reached “${String(name)}”`);
  }

  const focusedIs = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

  /**
   * Opens a form twice, keyboard only: at 1280 px in the light theme, then at 375 px in the dark theme (the
   * entries typed the first time are kept as a draft). Each time: where focus lands, axe, a screenshot, and
   * at 375 px nothing sticking out sideways. Leaves the 375 px dark form open.
   */
  async function openBothWays(
    name: string,
    where: Record<string, string>,
    open: () => Promise<Locator>,
    firstField: (form: Locator) => Locator,
    /** A dialog is shot on its own: the page behind it is long. */
    closeUp = false,
  ): Promise<Locator> {
    let form: Locator | undefined;
    for (const [width, theme] of [
      [1280, 'light'],
      [375, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 800 });
      await page.goto(url({ ...where, theme }));
      form = await open();
      await expect.poll(() => focusedIs(firstField(form!))).toBe(true);
      expect(await seriousAxeViolations(page)).toEqual([]);
      if (closeUp)
        await form.screenshot({ path: join(SCREENSHOT_DIR, `forms-${name}-${width}-${theme}.png`) });
      else await screenshot(page, `forms-${name}-${width}-${theme}`);
      if (width === 375) expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    }
    return form!;
  }

  /** A pupil whose EHC plan runs on, with no decision to cease and no review booked and waiting. */
  function pupilWithOpenPlan(): string {
    const records = app.running.records;
    return records.pupils().find((p) => {
      const plan = records.ehcPlan(p.id)?.value;
      return (
        plan &&
        !plan.ceasedOn &&
        !plan.ceaseDecision &&
        plan.reviews.every((r) => r.heldOn !== undefined || r.meetingOn === undefined)
      );
    })!.id;
  }

  it('records a review held without a booking, then its trail', async () => {
    const pupilId = pupilWithOpenPlan();
    const where = { page: `pupil/${pupilId}/ehc-plan` };
    const held = await openBothWays(
      'held-review',
      where,
      async () => {
        await page.getByRole('heading', { name: 'Reviews' }).waitFor();
        await tabTo('Record a review held without a booking');
        await page.keyboard.press('Enter');
        return page.getByRole('form', { name: 'Record a review held without a booking' });
      },
      (form) => form.getByLabel(/^Held on/),
    );
    await held.getByLabel(/^Held on/).fill(today);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await held.getByRole('textbox', { name: 'Attendee 1' }).pressSequentially('Ms Parent');
    await held.getByRole('button', { name: 'Record the review' }).focus();
    await page.keyboard.press('Enter');
    const recorded = page.getByText(/^Annual review held on .+ recorded\./);
    await expect.poll(() => focusedIs(recorded)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    const trail = await openBothWays(
      'review-trail',
      where,
      async () => {
        await page.getByRole('heading', { name: 'Reviews' }).waitFor();
        await tabTo('Record the review trail');
        await page.keyboard.press('Enter');
        return page.getByRole('form', { name: 'Record the review trail' });
      },
      (form) => form.getByLabel(/^Meeting held on/),
    );
    await trail.getByLabel(/^Report sent to the LA on/).fill(today);
    await trail.getByRole('combobox', { name: /The meeting’s recommendation/ }).focus();
    await page.keyboard.press('ArrowDown');
    await trail.getByRole('button', { name: 'Save the review trail' }).focus();
    await page.keyboard.press('Enter');
    const saved = page.getByText('Review trail saved.');
    await expect.poll(() => focusedIs(saved)).toBe(true);
  }, 120_000);

  it('records a decision to cease, then withdraws it', async () => {
    const records = app.running.records;
    const pupilId = records
      .pupils()
      .filter((p) => {
        const plan = records.ehcPlan(p.id)?.value;
        return plan && !plan.ceasedOn && !plan.ceaseDecision;
      })
      .at(-1)!.id;
    const where = { page: `pupil/${pupilId}/ehc-plan` };
    const decision = await openBothWays(
      'cease-decision',
      where,
      async () => {
        await tabTo('Record a decision to cease');
        await page.keyboard.press('Enter');
        return page.getByRole('form', { name: 'Record a decision to cease' });
      },
      (form) => form.getByLabel(/^The LA notified the decision on/),
    );
    await decision.getByLabel(/^The LA notified the decision on/).fill(today);
    await decision.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await decision.getByRole('button', { name: 'Save the decision' }).focus();
    await page.keyboard.press('Enter');
    const saved = page.getByText(/^Decision to cease saved\./);
    await expect.poll(() => focusedIs(saved)).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    const withdraw = await openBothWays(
      'withdraw-cease',
      where,
      async () => {
        await tabTo('Withdraw the decision');
        await page.keyboard.press('Enter');
        return page.getByRole('form', { name: 'Withdraw the decision to cease' });
      },
      (form) => form.getByLabel(/^Withdrawn on/),
    );
    await withdraw.getByLabel(/^Why/).pressSequentially('The LA withdrew its decision after mediation.');
    await withdraw.getByRole('button', { name: 'Withdraw the decision' }).focus();
    await page.keyboard.press('Enter');
    const withdrawn = page.getByText('Decision to cease withdrawn: the plan continues.');
    await expect.poll(() => focusedIs(withdrawn)).toBe(true);
  }, 120_000);

  it('adds a TA to an intervention with “Find a TA”, by keyboard', async () => {
    const records = app.running.records;
    const intervention = records.interventions().find((i) => !i.value.endOn || i.value.endOn >= today)!.value;
    const ta = app.local365.school.staff.find(
      (s) => s.role === 'teaching-assistant' && !intervention.staff.some((st) => st.name === s.displayName),
    )!;
    const dialog = await openBothWays(
      'find-a-ta',
      { page: 'provision' },
      async () => {
        await page.getByRole('heading', { level: 1, name: 'Provision map' }).waitFor();
        await tabTo(`Change ${intervention.name}`, 400);
        await page.keyboard.press('Enter');
        const found = page.getByRole('dialog', { name: `Change ${intervention.name}` });
        await found.getByRole('combobox', { name: /Find a TA/ }).focus();
        await page.keyboard.type(ta.displayName.slice(0, 4));
        // The list opens in a popup outside the dialog's own element.
        await page.getByRole('option', { name: new RegExp(ta.displayName) }).waitFor();
        await page.keyboard.press('ArrowDown');
        return found;
      },
      (found) => found.getByRole('combobox', { name: /Find a TA/ }),
      true,
    );
    await page.keyboard.press('Enter');
    const picked = dialog.getByRole('list', { name: 'TAs who deliver it' });
    await picked.getByText(ta.displayName).first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await picked.scrollIntoViewIfNeeded();
    await dialog.screenshot({ path: join(SCREENSHOT_DIR, 'forms-find-a-ta-picked-375-dark.png') });
    await dialog.getByRole('button', { name: 'Save changes' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    // Back on the button that opened the dialog, with the change said in the status above.
    await expect
      .poll(() => focusedIs(page.getByRole('button', { name: `Change ${intervention.name}` })))
      .toBe(true);
    await page.getByRole('status').first().waitFor();
  }, 120_000);
});
