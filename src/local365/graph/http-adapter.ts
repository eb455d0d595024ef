import express, { type Request, type Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Caller, GraphDispatcher, GraphResponse } from './dispatcher.ts';
import { GraphError, graphErrorBody } from './graph-error.ts';

export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

/** Splits a raw request URL (below the version root) into a decoded path and its query. */
export function parseGraphUrl(rawUrl: string): { path: string; query: URLSearchParams } {
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q === -1 ? '' : rawUrl.slice(q + 1);
  const path = rawPath
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .join('/')
    .replace(/\/+$/, '');
  // OData values are percent-encoded; a literal '+' arrives as %2B, so '+' here still means a space.
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(rawQuery) };
}

export function sendGraphResponse(res: Response, out: GraphResponse): void {
  for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
  res.status(out.status);
  if (out.body === undefined || out.status === 204) res.end();
  else res.json(out.body);
}

/** Express router serving the dispatcher as Graph's HTTP endpoint (`…/graph/v1.0`). */
export function graphHttpRouter(options: {
  dispatcher: GraphDispatcher;
  authenticate: Authenticate;
  latencyMs: () => number;
}): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '4mb', type: ['application/json', 'application/*+json'] }));
  router.use(async (req: Request, res: Response) => {
    const latency = options.latencyMs();
    if (latency > 0) await sleep(latency);
    let caller: Caller;
    try {
      caller = await options.authenticate(req.headers.authorization);
    } catch (err) {
      const e =
        err instanceof GraphError
          ? err
          : new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
      sendGraphResponse(res, {
        status: e.status,
        headers: { 'WWW-Authenticate': 'Bearer' },
        body: graphErrorBody(e, { requestId: crypto.randomUUID(), date: new Date() }),
      });
      return;
    }
    const { path, query } = parseGraphUrl(req.url);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    }
    const out = await options.dispatcher.dispatch({
      method: req.method,
      path,
      query,
      headers,
      body: req.body as unknown,
      caller,
    });
    sendGraphResponse(res, out);
  });
  return router;
}
