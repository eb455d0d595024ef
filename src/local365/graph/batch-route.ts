import { randomUUID } from 'node:crypto';
import type { StandInContext } from '../context.ts';
import type { GraphResponse, RouteRequest } from './dispatcher.ts';
import { GraphError, graphErrorBody } from './graph-error.ts';
import { parseGraphUrl } from './http-adapter.ts';

/**
 * POST /$batch (https://learn.microsoft.com/en-us/graph/json-batching): up to 20 requests, each answered on its
 * own with status, headers and body. Every inner request goes through the dispatcher like a direct one, so
 * faults (inner 429s), the v1.0 surface check and the caller's identity apply to each. The envelope is 200
 * even when inner requests fail; a malformed envelope is 400 as a whole.
 */

export const MAX_BATCH_REQUESTS = 20;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const WRITE_METHODS = ['POST', 'PUT', 'PATCH'];

type InnerRequest = {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  hasBody: boolean;
  dependsOn: string[];
};

type InnerResponse = { id: string; status: number; headers: Record<string, string>; body?: unknown };

const invalid = (message: string) => new GraphError(400, 'BadRequest', message);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Ids compare without case (Graph: "Not case-sensitive"). */
const idKey = (id: string) => id.toLowerCase();

function readRequest(raw: unknown, index: number): InnerRequest {
  if (!isObject(raw)) throw invalid(`Invalid batch payload format: request ${index} is not a JSON object.`);
  const { id, method, url, headers, body, dependsOn } = raw;
  if (typeof id !== 'string' || id.trim() === '')
    throw invalid(`Invalid batch payload format: request ${index} has no 'id' string.`);
  if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())) {
    throw invalid(`Invalid batch payload format: request '${id}' has no valid 'method'.`);
  }
  if (typeof url !== 'string' || url.trim() === '')
    throw invalid(`Invalid batch payload format: request '${id}' has no 'url'.`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url.trim()) || url.trim().startsWith('//')) {
    throw invalid(
      `Invalid request URL '${url}' in request '${id}': URLs in a batch must be relative, such as '/me'.`,
    );
  }
  const innerHeaders: Record<string, string> = {};
  if (headers !== undefined && headers !== null) {
    if (!isObject(headers))
      throw invalid(`Invalid batch payload format: 'headers' of request '${id}' is not a JSON object.`);
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string')
        throw invalid(`Invalid batch payload format: header '${name}' of request '${id}' is not a string.`);
      innerHeaders[name.toLowerCase()] = value;
    }
  }
  const hasBody = body !== undefined && body !== null;
  // Graph refuses a write without a body, and a body without its Content-Type.
  if (
    (hasBody || WRITE_METHODS.includes(method.toUpperCase())) &&
    (!hasBody || !innerHeaders['content-type'])
  ) {
    throw invalid(`Write request id : ${id} does not contain Content-Type header or body.`);
  }
  let deps: string[] = [];
  if (dependsOn !== undefined && dependsOn !== null) {
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string')) {
      throw invalid(
        `Invalid batch payload format: 'dependsOn' of request '${id}' must be an array of request ids.`,
      );
    }
    deps = dependsOn as string[];
  }
  return {
    id,
    method: method.toUpperCase(),
    url: url.trim(),
    headers: innerHeaders,
    body,
    hasBody,
    dependsOn: deps,
  };
}

function readBatch(body: unknown): InnerRequest[] {
  if (!isObject(body) || !Array.isArray(body.requests))
    throw invalid("Invalid batch payload format: a JSON object with a 'requests' array is expected.");
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    throw invalid(
      `The batch contains ${body.requests.length} requests; a JSON batch is limited to ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const requests = body.requests.map(readRequest);
  const ids = new Map<string, InnerRequest>();
  for (const r of requests) {
    if (ids.has(idKey(r.id)))
      throw invalid(`Batch request ids must be unique; '${r.id}' appears more than once.`);
    ids.set(idKey(r.id), r);
  }
  for (const r of requests) {
    for (const dep of r.dependsOn) {
      if (!ids.has(idKey(dep)) || idKey(dep) === idKey(r.id))
        throw invalid(`Request '${r.id}' depends on '${dep}', which is not another request in this batch.`);
    }
  }
  // A cycle could never run: refuse it up front.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: InnerRequest) => {
    const key = idKey(r.id);
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting')
      throw invalid(`The dependsOn chain of request '${r.id}' forms a cycle.`);
    state.set(key, 'visiting');
    for (const dep of r.dependsOn) visit(ids.get(idKey(dep))!);
    state.set(key, 'done');
  };
  requests.forEach(visit);
  return requests;
}

function withContentType(res: GraphResponse): Record<string, string> {
  const headers = { ...res.headers };
  if (
    res.body !== undefined &&
    res.status !== 204 &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  ) {
    headers['Content-Type'] = 'application/json';
  }
  return headers;
}

export function registerBatchRoute(ctx: StandInContext): void {
  ctx.dispatcher.register('POST', '/$batch', async (req: RouteRequest): Promise<GraphResponse> => {
    if (req.inBatch) throw invalid('A batch request cannot contain another $batch request.');
    const requests = readBatch(req.body);
    const done = new Map<string, InnerResponse>();
    const pending = [...requests];
    // Requests run in batch order once their dependencies have answered; a failed dependency (≥ 400) fails its dependents with 424.
    while (pending.length > 0) {
      const index = pending.findIndex((r) => r.dependsOn.every((dep) => done.has(idKey(dep))));
      const next = pending.splice(index, 1)[0]!;
      const failedDependency = next.dependsOn.some((dep) => (done.get(idKey(dep))?.status ?? 0) >= 400);
      if (failedDependency) {
        const requestId = randomUUID();
        done.set(idKey(next.id), {
          id: next.id,
          status: 424,
          headers: {
            'Content-Type': 'application/json',
            'request-id': requestId,
            'client-request-id': requestId,
          },
          body: graphErrorBody(
            { code: 'FailedDependency', message: 'Failed dependency' },
            { requestId, date: ctx.now() },
          ),
        });
        continue;
      }
      const { path, query } = parseGraphUrl(next.url);
      const res = await ctx.dispatcher.dispatch({
        method: next.method,
        path,
        query,
        headers: next.headers,
        body: next.hasBody ? next.body : undefined,
        caller: req.caller,
        inBatch: true,
      });
      const inner: InnerResponse = { id: next.id, status: res.status, headers: withContentType(res) };
      if (res.body !== undefined && res.status !== 204) inner.body = res.body;
      done.set(idKey(next.id), inner);
    }
    // Graph does not keep request order in its answer; neither do we (reversed, so clients must match on id).
    const responses = requests.map((r) => done.get(idKey(r.id))!).reverse();
    return { status: 200, body: { responses } };
  });
}
