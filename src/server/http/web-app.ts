import express, { type NextFunction, type Request, type Response } from 'express';
import type { TabSettingsAnswer } from '../../contract/tab-settings.ts';
import { existsSync } from 'node:fs';
import { errorAnswer, errorAnswers, sendErrorAnswer } from './error-answers.ts';
import { onlyLocalServiceUrls, onlyLoopbackHost } from './local-guards.ts';
import { compressedJson } from './compressed-json.ts';
import { staticTab } from './static-tab.ts';
import { readViteManifest, tabStartPage, type ViteManifest } from './tab-start-page.ts';
import { requestHygiene } from './request-hygiene.ts';

export type WebAppOptions = {
  mode: 'local' | 'tenant';
  /** The tab's API (src/server/api/api-router.ts), mounted at /api after the bot endpoint. */
  api: express.Router;
  /** Built tab (vite build output); served at / when present. */
  tabDir: string;
  /** Mounted at /local365 in local mode. */
  local365?: express.Router;
  /** Graph's change notifications on our lists (list-notifications-route.ts), outside /api: no bearer token. */
  listNotifications?: express.Router;
  /** Sent to the tab so it knows how to sign in. */
  tabSettings: TabSettingsAnswer;
  /**
   * Registers the bot endpoint (POST /api/messages). Awaited before the fallbacks are added: the Teams SDK
   * registers its route during initialisation, and a route added after the /api 404 would never be reached.
   */
  mountBot?: (web: express.Application) => Promise<void>;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the audit's "from where". Default loopback. */
  trustProxy?: boolean | number | string[];
  now: () => Date;
};

/** Where Graph POSTs change notifications on our lists: `${PUBLIC_URL}${LIST_NOTIFICATIONS_PATH}`. */
export const LIST_NOTIFICATIONS_PATH = '/notifications/lists';

/** Our HTTP surface: the tab's API, the tab itself and, in local mode, the Microsoft 365 stand-in. */
export async function createWebApp(options: WebAppOptions): Promise<express.Application> {
  const web = express();
  web.disable('x-powered-by');
  web.set('trust proxy', options.trustProxy ?? 'loopback');
  if (options.mode === 'local') web.use(onlyLoopbackHost);

  web.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', mode: options.mode, time: options.now().toISOString() });
  });

  // Public settings the tab needs before sign-in (client id, authority, local mode).
  web.get('/api/tab-settings', (_req, res) => {
    res.json(options.tabSettings satisfies TabSettingsAnswer);
  });

  // Local mode takes unsigned activities (the stand-in and Agents Playground sign nothing); the bot answers at
  // the activity's serviceUrl, so only ones on this computer are let through.
  if (options.mode === 'local') web.post('/api/messages', express.json(), onlyLocalServiceUrls);
  await options.mountBot?.(web);
  if (options.listNotifications) web.use(LIST_NOTIFICATIONS_PATH, options.listNotifications);
  // What no route can read (an address that does not decode, a body that is not UTF-8 JSON) stops here.
  web.use('/api', requestHygiene);
  // JSON answers compressed when the client accepts it (the register is the large one).
  web.use('/api', compressedJson);
  // Every other /api route needs a bearer token: the API router checks it first.
  web.use('/api', options.api);
  if (options.local365) web.use('/local365', options.local365);

  if (existsSync(options.tabDir)) {
    // The page is made for the address asked for (tab-start-page.ts); the manifest is read again with each build.
    let manifest: { html: string; files: ViteManifest | undefined } | undefined;
    const startPage = (html: string, url: URL) => {
      if (manifest?.html !== html) manifest = { html, files: readViteManifest(options.tabDir) };
      return tabStartPage(html, url, options.tabSettings, manifest.files);
    };
    web.use(staticTab(options.tabDir, { startPage }));
  }

  web.use('/api', (_req, res) => {
    sendErrorAnswer(res, errorAnswers.notFound('No such API route.'));
  });

  // Errors are turned into HTTP once, here (each kind's answer: error-answers.ts).
  web.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const answer = errorAnswer(err);
    if (answer.status === 500) console.error('Unhandled error', err);
    sendErrorAnswer(res, answer);
  });

  return web;
}
