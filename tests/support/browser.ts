import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './test-app.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need Debian's Chromium (`apt-get install chromium`; .ci/run installs it). On a machine
 * without it they are skipped with a notice, except in CI, where a missing browser is a failure.
 */
export const browserTestsEnabled = existsSync(CHROMIUM_PATH) || process.env.CI === 'true';
if (!browserTestsEnabled)
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).`);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
};

/**
 * Serious and critical WCAG 2.2 AA violations on the page, from axe-core. One known false positive is left
 * out: Fluent's focus manager (tabster) puts focusable, aria-hidden "dummy" elements around focus groups to
 * redirect Tab at once; they never hold focus (microsoft/tabster#288, and Accessibility Insights suppresses
 * them the same way: microsoft/accessibility-insights-web#7605).
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return result.violations
    .map((v) =>
      v.id === 'aria-hidden-focus'
        ? { ...v, nodes: v.nodes.filter((n) => !n.html.includes('data-tabster-dummy')) }
        : v,
    )
    .filter((v) => v.nodes.length > 0 && (v.impact === 'serious' || v.impact === 'critical'));
}

const ROOT = process.cwd();

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The test app serves the built tab (dist/tab). Builds it when it is missing or older than its sources, so
 * a browser test never runs against yesterday's tab.
 */
export async function ensureTabBuilt(): Promise<void> {
  const built = join(ROOT, 'dist', 'tab', 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'src', 'tab')), newestMtime(join(ROOT, 'src', 'domain')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

/** Waits until the app has loaded the school's SEND records (the API answers 503 until then). */
export async function waitForRecords(baseUrl: string, token: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/pupils?limit=1`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.ok) return;
    if (res.status !== 503 || Date.now() > until) {
      throw new Error(`The records did not load: /api/pupils answered ${res.status} ${await res.text()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type BrowserApp = {
  app: TestApp;
  browser: Browser;
  /** A token for the demo SENCO. */
  sencoToken: string;
  /** Closes the browser and stops the app. */
  stop(): Promise<void>;
};

/**
 * What each browser test file starts with: the tab built, the whole app (a copy of the run's seeded demo
 * school; seeded fresh when `env` is given, see startTestApp) and Chromium, launched while the app starts,
 * and the school's SEND records loaded.
 */
export async function startBrowserApp(
  options: {
    env?: Record<string, string>;
    /** Runs once the app has started, before its records are waited for. */
    prepare?: (app: TestApp) => void;
  } = {},
): Promise<BrowserApp> {
  await ensureTabBuilt();
  const [started, launched] = await Promise.allSettled([startTestApp(options.env), launchBrowser()]);
  if (started.status === 'rejected' || launched.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    if (launched.status === 'fulfilled') await launched.value.close();
    throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const app = started.value;
  const browser = launched.value;
  options.prepare?.(app);
  const senco = app.local365.school.staff.find((s) => s.appRoles.includes('Senco'))!;
  const sencoToken = await app.userToken(senco.upn);
  await waitForRecords(app.baseUrl, sencoToken);
  return {
    app,
    browser,
    sencoToken,
    async stop() {
      await browser.close();
      await app.stop();
    },
  };
}

/** How far the page scrolls sideways (0 when nothing sticks out). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
