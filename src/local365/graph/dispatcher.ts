import { randomUUID } from 'node:crypto';
import { GraphError, graphErrorBody } from './graph-error.ts';
import { createRequestStats, type RequestStats } from './request-stats.ts';
import {
  PAGING_QUERY_OPTIONS,
  findSurfaceOperation,
  surfaceOperations,
  type SurfaceOperation,
} from './v1-surface.ts';

/** Who is calling, from the bearer token (the express adapter verifies it). */
export type Caller =
  | { kind: 'user'; userId: string; upn: string; tenantId: string; scopes: string[] }
  | { kind: 'app'; appId: string; tenantId: string; roles: string[] };

export type GraphRequest = {
  method: string;
  /** Path below the version root, URL-decoded per segment, e.g. `/sites/abc/lists`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: unknown;
  caller: Caller;
  /** Set for the inner requests of a $batch. */
  inBatch?: boolean;
};

export type GraphResponse = { status: number; headers?: Record<string, string>; body?: unknown };

export type RouteRequest = GraphRequest & {
  params: Record<string, string>;
  requestId: string;
};

export type RouteHandler = (req: RouteRequest) => GraphResponse | Promise<GraphResponse>;

/** A fault decided for one request (src/local365/faults.ts). */
export type FaultDecision =
  | {
      status: number;
      retryAfterSeconds: number;
      /** Run the request, then fail it. */ afterApplying?: boolean;
    }
  | undefined;

type Route = {
  method: string;
  template: string;
  operation: SurfaceOperation;
  pattern: RegExp;
  paramNames: string[];
  literalSegments: number;
  handler: RouteHandler;
};

function compileTemplate(template: string): {
  pattern: RegExp;
  paramNames: string[];
  literalSegments: number;
} {
  const paramNames: string[] = [];
  let literalSegments = 0;
  // `{name}` matches one segment; in `{hostname}:/{server-relative-path}` the path after ':' runs to the end.
  const source = template
    .split('/')
    .map((segment) => {
      if (segment === '{server-relative-path}') {
        paramNames.push('server-relative-path');
        return '(.+)';
      }
      const parts = segment.split(/(\{[^}]+\})/).filter(Boolean);
      if (parts.every((p) => !p.startsWith('{'))) literalSegments += 1;
      return parts
        .map((p) => {
          if (p.startsWith('{')) {
            paramNames.push(p.slice(1, -1));
            return p.endsWith(':') ? '([^/]+?)' : '([^/]+)';
          }
          return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), paramNames, literalSegments };
}

export type DispatcherOptions = {
  now?: () => Date;
  /** Decides whether this request fails with a throttling or busy answer (fault switches). */
  fault?: (req: GraphRequest) => FaultDecision;
  /** Called as each request arrives (`before`) and once it is handled, before it is answered (`after`). */
  observe?: (req: GraphRequest, phase: 'before' | 'after') => void;
};

/**
 * The stand-in's Graph, without HTTP: a request in, a response out. The express adapter and $batch both
 * call `dispatch`, so an inner batch request meets exactly the same checks and handlers as a direct one.
 *
 * Every route is registered under its Graph v1.0 path template, and registering a template Graph lacks
 * throws: the stand-in cannot grow an endpoint that real Graph does not have.
 */
export class GraphDispatcher {
  private readonly routes: Route[] = [];
  private readonly now: () => Date;
  private readonly fault: (req: GraphRequest) => FaultDecision;
  private readonly observe: (req: GraphRequest, phase: 'before' | 'after') => void;
  private surfacePatterns: { method: string; pattern: RegExp }[] | undefined;
  /** Every request served, each inside a $batch counted (GET /local365/stats). */
  readonly stats: RequestStats;

  constructor(options: DispatcherOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.fault = options.fault ?? (() => undefined);
    this.stats = createRequestStats(this.now);
    this.observe = options.observe ?? (() => undefined);
  }

  register(method: string, template: string, handler: RouteHandler): void {
    const operation = findSurfaceOperation(method, template);
    if (!operation) {
      throw new Error(
        `local365: ${method} ${template} is not a Microsoft Graph v1.0 operation; the stand-in may not serve it`,
      );
    }
    this.routes.push({
      method: method.toUpperCase(),
      template,
      operation,
      handler,
      ...compileTemplate(template),
    });
    // Most literal segments first: `/items/delta` wins over `/items/{listItem-id}`.
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  registeredOperations(): { method: string; template: string }[] {
    return this.routes.map(({ method, template }) => ({ method, template }));
  }

  async dispatch(req: GraphRequest): Promise<GraphResponse> {
    const res = await this.answer(req);
    const method = req.method.toUpperCase();
    // Throttled requests are answered before routing; find their operation all the same.
    const template = this.routes.find((r) => r.method === method && r.pattern.test(req.path))?.template;
    this.stats.count({ method, template, status: res.status, envelope: template === '/$batch' });
    return res;
  }

  private async answer(req: GraphRequest): Promise<GraphResponse> {
    const requestId = randomUUID();
    const clientRequestId = req.headers['client-request-id'];
    const baseHeaders: Record<string, string> = {
      'request-id': requestId,
      'client-request-id': clientRequestId ?? requestId,
    };
    this.observe(req, 'before');
    try {
      const decision = this.fault(req);
      const failure = () => {
        const retry = { 'Retry-After': String(decision!.retryAfterSeconds) };
        return decision!.status === 429
          ? new GraphError(429, 'TooManyRequests', 'Too many requests', retry)
          : new GraphError(
              decision!.status,
              'serviceNotAvailable',
              'The service is temporarily unavailable. Please retry later.',
              retry,
            );
      };
      if (decision && !decision.afterApplying) throw failure();
      const { route, params } = this.match(req);
      this.checkQueryOptions(route, req.query);
      const res = await route.handler({ ...req, params, requestId });
      this.observe(req, 'after');
      if (decision?.afterApplying) throw failure();
      return { ...res, headers: { ...baseHeaders, ...res.headers } };
    } catch (err) {
      if (err instanceof GraphError) {
        return {
          status: err.status,
          headers: { ...baseHeaders, ...err.headers },
          body: graphErrorBody(err, { requestId, clientRequestId, date: this.now() }),
        };
      }
      console.error('local365: unexpected error in', req.method, req.path, err);
      return {
        status: 500,
        headers: baseHeaders,
        body: graphErrorBody(
          { code: 'generalException', message: 'General exception while processing' },
          { requestId, clientRequestId, date: this.now() },
        ),
      };
    }
  }

  private match(req: GraphRequest): { route: Route; params: Record<string, string> } {
    const method = req.method.toUpperCase();
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(req.path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, i) => (params[name] = m[i + 1] ?? ''));
      return { route, params };
    }
    if (pathMatched || this.inSurface(method, req.path)) {
      throw pathMatched && !this.inSurface(method, req.path)
        ? new GraphError(
            405,
            'Request_BadRequest',
            `The HTTP method '${method}' is not allowed for '${req.path}'.`,
          )
        : new GraphError(
            501,
            'notImplemented',
            `local365 does not implement ${method} ${req.path}, though Microsoft Graph v1.0 has it.`,
          );
    }
    const segment = req.path.split('/').filter(Boolean).at(-1) ?? '';
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  }

  private inSurface(method: string, path: string): boolean {
    this.surfacePatterns ??= surfaceOperations().map((op) => ({
      method: op.method,
      pattern: compileTemplate(op.path).pattern,
    }));
    return this.surfacePatterns.some((op) => op.method === method && op.pattern.test(path));
  }

  private checkQueryOptions(route: Route, query: URLSearchParams): void {
    for (const name of query.keys()) {
      // Graph ignores unknown plain parameters but refuses system query options an operation does not take.
      if (!name.startsWith('$') && name !== 'token') continue;
      if (route.operation.query.includes(name) || PAGING_QUERY_OPTIONS.includes(name)) continue;
      throw new GraphError(
        400,
        'BadRequest',
        `Query option '${name}' is not allowed. Make sure that it is supported for this request.`,
      );
    }
  }
}
