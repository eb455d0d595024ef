import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { ZodError } from 'zod';
import { ConflictError, GraphRequestError } from '../../graph/graph-request-error.ts';
import {
  ForbiddenError,
  NotFoundError,
  NotReadyError,
  PreconditionRequiredError,
  StaleVersionError,
} from '../api/api-errors.ts';
import { AuthError } from '../auth/token-validator.ts';
import { onlyLocalServiceUrls, onlyLoopbackHost } from './local-guards.ts';
import { staticTab } from './static-tab.ts';

export type WebAppOptions = {
  mode: 'local' | 'tenant';
  /** The tab's API (src/server/api/api-router.ts), mounted at /api after the bot endpoint. */
  api: express.Router;
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
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the audit's "from where". Default loopback. */
  trustProxy?: boolean | number | string[];
  now: () => Date;
};

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
    res.json(options.tabSettings);
  });

  // Local mode takes unsigned activities (the stand-in and Agents Playground sign nothing); the bot answers at
  // the activity's serviceUrl, so only ones on this computer are let through.
  if (options.mode === 'local') web.post('/api/messages', express.json(), onlyLocalServiceUrls);
  await options.mountBot?.(web);
  // Every other /api route needs a bearer token: the API router checks it first.
  web.use('/api', options.api);
  if (options.local365) web.use('/local365', options.local365);

  if (existsSync(options.tabDir)) web.use(staticTab(options.tabDir));

  web.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'notFound', message: 'No such API route.' } });
  });

  // Errors are turned into HTTP once, here.
  web.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const answer = errorAnswer(err);
    if (answer.status === 500) console.error('Unhandled error', err);
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.status(answer.status).json(answer.body);
  });

  return web;
}

type ErrorAnswer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

const failure = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
});

/** What the caller is told for each kind of error; nothing about pupils is ever in an error's answer. */
export function errorAnswer(err: unknown): ErrorAnswer {
  if (err instanceof AuthError) {
    return {
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer' },
      body: failure('unauthorized', err.message),
    };
  }
  if (err instanceof ZodError) {
    const fields = err.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const first = fields[0];
    const message = first
      ? `${fields.length === 1 ? 'There is a problem' : `There are ${fields.length} problems`} with the request: ${first.path ? `${first.path}: ` : ''}${first.message}`
      : 'The request is not valid.';
    return { status: 400, body: failure('invalidRequest', message, { fields }) };
  }
  if (err instanceof NotFoundError) return { status: 404, body: failure('notFound', err.message) };
  if (err instanceof ForbiddenError) return { status: 403, body: failure('forbidden', err.message) };
  if (err instanceof PreconditionRequiredError) {
    return { status: 428, body: failure('preconditionRequired', err.message) };
  }
  if (err instanceof NotReadyError) {
    return {
      status: 503,
      headers: { 'Retry-After': String(err.retryAfterSeconds) },
      body: failure('notReady', err.message),
    };
  }
  if (err instanceof ConflictError || err instanceof StaleVersionError) {
    // The version now stored, and who saved it, so the second editor can see what changed and lose nothing.
    // Only a route's own answer (StaleVersionError, see conflict-answers.ts) shows stored values: a raw
    // conflict from the records would echo the whole record, so it says just the version and who/when.
    const stored = err.current as { eTag?: string; modifiedBy?: string; modifiedAt?: string } | undefined;
    const current =
      err instanceof StaleVersionError || !stored
        ? (stored ?? null)
        : { eTag: stored.eTag, modifiedAt: stored.modifiedAt, modifiedBy: stored.modifiedBy };
    return {
      status: 409,
      body: {
        ...failure('conflict', err.message),
        current,
        changedBy: current?.modifiedBy ?? null,
        changedAt: current?.modifiedAt ?? null,
      },
    };
  }
  if (err instanceof GraphRequestError && err.isThrottled) {
    return {
      status: 503,
      headers: { 'Retry-After': String(err.retryAfterSeconds ?? 10) },
      body: failure('busy', 'Microsoft 365 is busy. Please try again in a moment.'),
    };
  }
  const status =
    (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  if (status === 413)
    return { status: 413, body: failure('payloadTooLarge', 'The request body is too large.') };
  if (status === 400 && err instanceof SyntaxError) {
    return { status: 400, body: failure('invalidJson', 'The request body is not valid JSON.') };
  }
  return { status: 500, body: failure('internal', 'Something went wrong on our side. Please try again.') };
}
