import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuthError, type Principal, type TokenValidator } from '../auth/token-validator.ts';

export type WebAppOptions = {
  mode: 'local' | 'tenant';
  validateToken: TokenValidator;
  /** Built tab (vite build output); served at / when present. */
  tabDir: string;
  /** Mounted at /local365 in local mode. */
  local365?: express.Router;
  /** Sent to the tab so it knows how to sign in. */
  tabSettings: Record<string, unknown>;
  /**
   * Registers the bot endpoint (POST /api/messages). Awaited before the fallbacks are added: the Teams SDK
   * registers its route during initialisation, and a route added after the /api 404 would never be reached.
   */
  mountBot?: (web: express.Application) => Promise<void>;
  now: () => Date;
};

type AuthedRequest = Request & { principal?: Principal };

/** Our HTTP surface: the tab's API, the tab itself and, in local mode, the Microsoft 365 stand-in. */
export async function createWebApp(options: WebAppOptions): Promise<express.Application> {
  const web = express();
  web.disable('x-powered-by');
  web.set('trust proxy', 'loopback');

  web.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', mode: options.mode, time: options.now().toISOString() });
  });

  // Public settings the tab needs before sign-in (client id, authority, local mode).
  web.get('/api/tab-settings', (_req, res) => {
    res.json(options.tabSettings);
  });

  const requireUser = async (req: AuthedRequest, _res: Response, next: NextFunction) => {
    try {
      req.principal = await options.validateToken(req.headers.authorization);
      next();
    } catch (err) {
      next(err);
    }
  };

  web.get('/api/me', requireUser, (req: AuthedRequest, res) => {
    const p = req.principal!;
    res.json({ id: p.userId, upn: p.upn, displayName: p.name, roles: p.roles, tenantId: p.tenantId });
  });

  await options.mountBot?.(web);
  if (options.local365) web.use('/local365', options.local365);

  if (existsSync(options.tabDir)) {
    web.use(express.static(options.tabDir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
    // The tab is a single-page app: its pages (/, /config, /pupils/…) all load index.html.
    web.get(/^\/(?!api\/|local365\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.sendFile(join(options.tabDir, 'index.html'));
    });
  }

  web.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'notFound', message: 'No such API route.' } });
  });

  // Errors are turned into HTTP once, here.
  web.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AuthError) {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer')
        .json({ error: { code: 'unauthorized', message: err.message } });
      return;
    }
    const status =
      (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (status === 413) {
      res.status(413).json({ error: { code: 'payloadTooLarge', message: 'The request body is too large.' } });
      return;
    }
    if (status === 400 && err instanceof SyntaxError) {
      res
        .status(400)
        .json({ error: { code: 'invalidJson', message: 'The request body is not valid JSON.' } });
      return;
    }
    console.error('Unhandled error', err);
    res
      .status(500)
      .json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
  });

  return web;
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-store');
}
