import { GraphError } from '../graph/graph-error.ts';

/**
 * Query options as SharePoint's Graph endpoints read them. Graph v1.0 takes SharePoint's options with or
 * without the `$` (Learn's own examples write `?expand=fields(select=Name,Color)`), so both spellings count.
 */
export function queryOption(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

export type ExpandClause = { name: string; select?: string[] };

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** `fields($select=Title,Status)`, `fields(select=Title)`, `fields`, `columns`. */
export function parseExpand(text: string | undefined): ExpandClause[] {
  if (!text) return [];
  return splitTopLevel(text, ',').map((part) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?$/s.exec(part);
    if (!m)
      throw new GraphError(
        400,
        'BadRequest',
        `Parsing OData Select and Expand failed: invalid $expand clause '${part}'.`,
      );
    const clause: ExpandClause = { name: m[1]! };
    for (const option of splitTopLevel(m[2] ?? '', ';')) {
      const eq = option.indexOf('=');
      const key = option.slice(0, eq).trim().replace(/^\$/, '');
      const value = option.slice(eq + 1);
      if (eq === -1 || key !== 'select') {
        throw new GraphError(
          400,
          'BadRequest',
          `Parsing OData Select and Expand failed: the option '${option}' is not supported inside $expand.`,
        );
      }
      clause.select = parseSelect(value);
    }
    return clause;
  });
}

export function parseSelect(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return names;
}

export function unknownProperty(name: string, type: string): GraphError {
  return new GraphError(400, 'BadRequest', `Could not find a property named '${name}' on type '${type}'.`);
}

/**
 * Checks `$expand` names: `allowed` are served; `unmodelled` are navigation properties Graph has and the
 * stand-in does not (501, so nobody mistakes them for Graph refusing); anything else is Graph's 400.
 */
export function checkExpand(
  clauses: ExpandClause[],
  allowed: string[],
  type: string,
  unmodelled: string[] = [],
): void {
  for (const c of clauses) {
    if (allowed.includes(c.name)) continue;
    if (unmodelled.includes(c.name))
      throw new GraphError(
        501,
        'notImplemented',
        `local365 does not expand '${c.name}' on ${type}; Microsoft Graph does.`,
      );
    throw unknownProperty(c.name, type);
  }
}

/** Keeps the selected properties (plus those Graph always sends) of an entity, refusing names the type lacks. */
export function projectSelect(
  entity: Record<string, unknown>,
  select: string[] | undefined,
  known: readonly string[],
  type: string,
  always: readonly string[] = ['id'],
): Record<string, unknown> {
  if (!select || select.length === 0) return entity;
  for (const name of select) if (!known.includes(name)) throw unknownProperty(name, type);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key.startsWith('@odata.') || always.includes(key) || select.includes(key)) out[key] = value;
  }
  return out;
}

/** Graph's page size for list items when `$top` is absent (observed; undocumented). */
export const DEFAULT_PAGE_SIZE = 200;
/** The stand-in's cap on `$top`: larger values are served 5,000 at a time, like SharePoint's view threshold. */
export const MAX_PAGE_SIZE = 5000;

export function pageSize(query: URLSearchParams): number {
  const raw = queryOption(query, 'top');
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
    throw new GraphError(
      400,
      'BadRequest',
      `Invalid value '${raw}' for $top query option found. The $top query option requires a non-negative integer value.`,
    );
  }
  return Math.min(Number(raw), MAX_PAGE_SIZE);
}

/** Opaque continuation tokens: base64url JSON that clients carry back untouched. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Serialises a query the way Graph's links read: `$` names literal, values percent-encoded. */
export function queryString(params: [string, string][]): string {
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/** An absolute @odata.nextLink: same path and options, with `$skiptoken` (or another token) replaced. */
export function continuationLink(
  baseUrl: string,
  path: string,
  query: URLSearchParams,
  token: { name: string; value: string },
  drop: readonly string[] = [],
): string {
  const params: [string, string][] = [];
  for (const [k, v] of query) {
    if (k === token.name || drop.includes(k)) continue;
    params.push([k, v]);
  }
  params.push([token.name, token.value]);
  return `${baseUrl}${encodePath(path)}?${queryString(params)}`;
}

/** Re-encodes a decoded path for a link, keeping Graph's separators (`/`, `,`, `:`) readable. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%24/g, '$'),
    )
    .join('/');
}

/** A request body as an object, or Graph's 400. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  return body as Record<string, unknown>;
}

/** One page of a small in-memory collection, continued by an offset `$skiptoken` (lists, columns). */
export function pageByOffset<T>(
  all: T[],
  req: { path: string; query: URLSearchParams },
  baseUrl: string,
): { page: T[]; nextLink?: string } {
  const size = pageSize(req.query);
  const token = queryOption(req.query, 'skiptoken');
  let offset = 0;
  if (token !== undefined) {
    const decoded = decodeToken(token) as { o?: unknown } | undefined;
    if (!decoded || typeof decoded.o !== 'number')
      throw new GraphError(400, 'BadRequest', 'The $skiptoken is not valid.');
    offset = decoded.o;
  }
  const page = all.slice(offset, offset + size);
  if (offset + size >= all.length) return { page };
  return {
    page,
    nextLink: continuationLink(
      baseUrl,
      req.path,
      req.query,
      { name: '$skiptoken', value: encodeToken({ o: offset + size }) },
      ['skiptoken'],
    ),
  };
}

/** A `$filter` binder over plain JSON properties (lists, columns), with the property types Graph declares. */
export function jsonBinder(
  types: Record<string, 'string' | 'boolean' | 'number' | 'dateTime'>,
  entityType: string,
): (path: string) => {
  type: 'string' | 'boolean' | 'number' | 'dateTime';
  get: (r: Record<string, unknown>) => string | number | boolean | undefined;
} {
  return (path) => {
    const type = types[path];
    if (!type) throw unknownProperty(path, entityType);
    return {
      type,
      get: (record) => {
        let value: unknown = record;
        for (const segment of path.split('/')) {
          value =
            typeof value === 'object' && value !== null
              ? (value as Record<string, unknown>)[segment]
              : undefined;
        }
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? value
          : undefined;
      },
    };
  };
}

/** Options Graph lists for a collection that the stand-in does not model: refused, never silently ignored. */
export function refuseUnmodelled(query: URLSearchParams, what: string, also: string[] = []): void {
  for (const name of ['count', 'search', 'skip', ...also]) {
    if (queryOption(query, name) !== undefined) {
      throw new GraphError(
        501,
        'notImplemented',
        `local365 does not implement $${name} on ${what}; page with @odata.nextLink instead.`,
      );
    }
  }
}
