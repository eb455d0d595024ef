import express, { type NextFunction, type Request, type Response } from 'express';
import type { TabSettingsAnswer } from '../../contract/tab-settings.ts';
import { existsSync } from 'node:fs';
import { ZodError } from 'zod';
import { ConsentRequiredError } from '../../graph/delegated-token-provider.ts';
import { ConflictError, GraphRequestError } from '../../graph/graph-request-error.ts';
import { MeetingStateError } from '../../graph/meeting-bookings.ts';
import { consentMessage } from '../api/booking-routes.ts';
import {
  ForbiddenError,
  NotFoundError,
  NotReadyError,
  PreconditionRequiredError,
  StaleVersionError,
  UnsupportedMediaTypeError,
} from '../api/api-errors.ts';
import { AuthError } from '../auth/token-validator.ts';
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
    const fields = err.issues.flatMap(fieldsOfIssue);
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
  if (err instanceof ConsentRequiredError) {
    return { status: 403, body: failure('consentRequired', consentMessage(err), { scopes: err.scopes }) };
  }
  if (err instanceof MeetingStateError) return { status: 409, body: failure('meetingState', err.message) };
  if (err instanceof GraphRequestError && err.isThrottled) {
    return {
      status: 503,
      headers: { 'Retry-After': String(err.retryAfterSeconds ?? 10) },
      body: failure('busy', 'Microsoft 365 is busy. Please try again in a moment.'),
    };
  }
  if (err instanceof UnsupportedMediaTypeError) {
    return { status: 415, body: failure('unsupportedMediaType', err.message) };
  }
  return bodyReadingAnswer(err) ?? pathDecodingAnswer(err) ?? internalError;
}

const internalError: ErrorAnswer = {
  status: 500,
  body: failure('internal', 'Something went wrong on our side. Please try again.'),
};

/** Each issue as the field it is about; a body that is not an object, or has fields no route reads, says so. */
function fieldsOfIssue(issue: ZodError['issues'][number]): { path: string; message: string }[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: `${key} is not recognised in this request`,
    }));
  }
  if (path === '' && issue.code === 'invalid_type') {
    return [{ path: 'body', message: 'The request body must be a JSON object' }];
  }
  return [{ path, message: issue.message }];
}

/** The body parser's refusals (express.json, https://github.com/expressjs/body-parser#errors). */
function bodyReadingAnswer(err: unknown): ErrorAnswer | undefined {
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  switch (type) {
    case 'entity.too.large':
      return { status: 413, body: failure('payloadTooLarge', 'The request body is too large.') };
    case 'entity.parse.failed':
      return { status: 400, body: failure('invalidJson', 'The request body is not valid JSON.') };
    case 'charset.unsupported':
      return {
        status: 415,
        body: failure('unsupportedMediaType', 'The request body must be UTF-8 (charset=utf-8 or none).'),
      };
    case 'encoding.unsupported':
      return {
        status: 415,
        body: failure('unsupportedMediaType', 'The request body’s Content-Encoding is not supported.'),
      };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, body: failure('invalidRequest', 'The request body could not be read.') };
  }
  const { code } = (err ?? {}) as { code?: unknown };
  if (typeof code === 'string' && code.startsWith('Z_')) {
    // zlib could not inflate a body sent as gzip or deflate.
    return { status: 400, body: failure('invalidRequest', 'The request body could not be decompressed.') };
  }
  if (status === 400 && err instanceof SyntaxError) {
    return { status: 400, body: failure('invalidJson', 'The request body is not valid JSON.') };
  }
  return undefined;
}

/** The router's refusal of a path parameter that does not decode (requestHygiene normally answers first). */
function pathDecodingAnswer(err: unknown): ErrorAnswer | undefined {
  if (!(err instanceof URIError)) return undefined;
  const message = 'A part of the address is not valid percent-encoded UTF-8';
  return {
    status: 400,
    body: failure('invalidRequest', message, { fields: [{ path: 'path', message }] }),
  };
}
