import type { StandInContext } from '../context.ts';
import { GraphError, badRequest } from '../graph/graph-error.ts';

/**
 * The slice of OData the stand-in's directory, calendar and Teams routes understand: a $filter parser and
 * evaluator, $select, $orderby and server-driven paging with @odata.nextLink. Anything outside this slice
 * is refused loudly rather than ignored, so the app cannot come to depend on a query the stand-in faked.
 */

export type FilterLiteral = string | number | boolean | null;
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'compare'; property: string; op: ComparisonOperator; value: FilterLiteral }
  | { kind: 'in'; property: string; values: FilterLiteral[] }
  | { kind: 'function'; name: 'startswith' | 'endswith' | 'contains'; property: string; value: string }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode };

type Token =
  | { type: 'punct'; value: '(' | ')' | ',' }
  | { type: 'string'; value: string }
  | { type: 'word'; value: string };

const invalidFilter = (text: string) => new GraphError(400, 'BadRequest', `Invalid filter clause: ${text}`);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'punct', value: c });
      i += 1;
    } else if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw invalidFilter(`unterminated string literal in '${text}'`);
        const ch = text.charAt(i);
        if (ch === "'") {
          if (text.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += ch;
        i += 1;
      }
      tokens.push({ type: 'string', value });
    } else {
      const m = /^[^\s(),']+/.exec(text.slice(i));
      if (!m) throw invalidFilter(text);
      tokens.push({ type: 'word', value: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'contains']);

/** Parses an OData $filter expression (comparisons, `in`, startswith/endswith/contains, and/or/not, parentheses). */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos];
    if (!t) throw invalidFilter(`unexpected end of '${text}'`);
    pos += 1;
    return t;
  };
  const expectPunct = (value: '(' | ')' | ',') => {
    const t = next();
    if (t.type !== 'punct' || t.value !== value) throw invalidFilter(`expected '${value}' in '${text}'`);
  };
  const isWord = (t: Token | undefined, value: string) =>
    t?.type === 'word' && t.value.toLowerCase() === value;

  const literal = (): FilterLiteral => {
    const t = next();
    if (t.type === 'string') return t.value;
    if (t.type === 'word') {
      const w = t.value.toLowerCase();
      if (w === 'true') return true;
      if (w === 'false') return false;
      if (w === 'null') return null;
      if (/^-?\d+(\.\d+)?$/.test(t.value)) return Number(t.value);
      // Unquoted DateTimeOffset literals (2026-12-01T00:00:00Z) stay strings.
      if (/^\d{4}-\d{2}-\d{2}/.test(t.value)) return t.value;
    }
    throw invalidFilter(`expected a literal in '${text}'`);
  };

  const property = (): string => {
    const t = next();
    if (t.type !== 'word' || !/^[A-Za-z_@][\w@.]*(\/[A-Za-z_][\w]*)*$/.test(t.value))
      throw invalidFilter(`expected a property in '${text}'`);
    return t.value;
  };

  const primary = (): FilterNode => {
    const t = peek();
    if (t?.type === 'punct' && t.value === '(') {
      next();
      const inner = orExpr();
      expectPunct(')');
      return inner;
    }
    if (t?.type === 'word' && FUNCTIONS.has(t.value.toLowerCase()) && tokens[pos + 1]?.type === 'punct') {
      next();
      expectPunct('(');
      const prop = property();
      expectPunct(',');
      const value = literal();
      expectPunct(')');
      if (typeof value !== 'string') throw invalidFilter(`${t.value} takes a string in '${text}'`);
      return {
        kind: 'function',
        name: t.value.toLowerCase() as 'startswith' | 'endswith' | 'contains',
        property: prop,
        value,
      };
    }
    const prop = property();
    const op = next();
    if (op.type !== 'word') throw invalidFilter(text);
    const opName = op.value.toLowerCase();
    if (opName === 'in') {
      expectPunct('(');
      const values = [literal()];
      while (peek()?.type === 'punct' && (peek() as { value: string }).value === ',') {
        next();
        values.push(literal());
      }
      expectPunct(')');
      return { kind: 'in', property: prop, values };
    }
    if (!OPERATORS.has(opName)) throw invalidFilter(`unsupported operator '${op.value}' in '${text}'`);
    return { kind: 'compare', property: prop, op: opName as ComparisonOperator, value: literal() };
  };

  const unary = (): FilterNode => {
    if (isWord(peek(), 'not')) {
      next();
      return { kind: 'not', operand: unary() };
    }
    return primary();
  };
  const andExpr = (): FilterNode => {
    let left = unary();
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const orExpr = (): FilterNode => {
    let left = andExpr();
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };

  if (tokens.length === 0) throw invalidFilter('empty expression');
  const node = orExpr();
  if (pos !== tokens.length) throw invalidFilter(`unexpected '${tokens[pos]?.value ?? ''}' in '${text}'`);
  return node;
}

/** Every property a filter reads, so a route can refuse the ones it does not support. */
export function filterProperties(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(node.left), ...filterProperties(node.right)];
    case 'not':
      return filterProperties(node.operand);
    default:
      return [node.property];
  }
}

export type PropertyValue = string | number | boolean | null | undefined | Date | string[];

/** A literal compared with a Date property is an instant; without an offset it is UTC, as Graph reads it. */
function literalTime(value: FilterLiteral): number {
  if (typeof value !== 'string') return Number.NaN;
  const iso = /[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`;
  return Date.parse(iso);
}

function compare(actual: PropertyValue, op: ComparisonOperator, expected: FilterLiteral): boolean {
  if (Array.isArray(actual)) return op === 'eq' ? actual.some((a) => compare(a, 'eq', expected)) : false;
  let a: string | number | boolean | null;
  let b: string | number | boolean | null;
  if (actual instanceof Date) {
    a = actual.getTime();
    b = literalTime(expected);
  } else {
    a = actual ?? null;
    b = expected;
    // Directory and Outlook string comparisons ignore case.
    if (typeof a === 'string') a = a.toLowerCase();
    if (typeof b === 'string') b = b.toLowerCase();
  }
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    default: {
      if (a === null || b === null) return false;
      if (op === 'gt') return a > b;
      if (op === 'ge') return a >= b;
      if (op === 'lt') return a < b;
      return a <= b;
    }
  }
}

export function evaluateFilter(node: FilterNode, resolve: (property: string) => PropertyValue): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, resolve) && evaluateFilter(node.right, resolve);
    case 'or':
      return evaluateFilter(node.left, resolve) || evaluateFilter(node.right, resolve);
    case 'not':
      return !evaluateFilter(node.operand, resolve);
    case 'compare':
      return compare(resolve(node.property), node.op, node.value);
    case 'in': {
      const actual = resolve(node.property);
      return node.values.some((v) => compare(actual, 'eq', v));
    }
    case 'function': {
      const actual = resolve(node.property);
      if (typeof actual !== 'string') return false;
      const a = actual.toLowerCase();
      const v = node.value.toLowerCase();
      if (node.name === 'startswith') return a.startsWith(v);
      if (node.name === 'endswith') return a.endsWith(v);
      return a.includes(v);
    }
  }
}

/**
 * Applies `$filter` to `items`. `properties` maps each filterable property to its value; a filter on any other
 * property is refused with `unsupported(property)`.
 */
export function applyFilter<T>(
  items: T[],
  query: URLSearchParams,
  properties: Record<string, (item: T) => PropertyValue>,
  unsupported: (property: string) => GraphError,
): T[] {
  const text = query.get('$filter');
  if (text === null) return items;
  const node = parseFilter(text);
  const lookup = new Map(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v]));
  for (const p of filterProperties(node)) if (!lookup.has(p.toLowerCase())) throw unsupported(p);
  return items.filter((item) => evaluateFilter(node, (p) => lookup.get(p.toLowerCase())?.(item)));
}

/** Applies `$orderby` ("prop [asc|desc], …") over the sortable properties given. */
export function applyOrderBy<T>(
  items: T[],
  query: URLSearchParams,
  properties: Record<string, (item: T) => string | number>,
  unsupported: (property: string) => GraphError,
): T[] {
  const text = query.get('$orderby');
  if (text === null) return items;
  const lookup = new Map(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v]));
  const keys = text.split(',').map((part) => {
    const [prop = '', dir = 'asc'] = part.trim().split(/\s+/);
    const get = lookup.get(prop.toLowerCase());
    if (!get) throw unsupported(prop);
    if (!['asc', 'desc'].includes(dir.toLowerCase()))
      throw badRequest(`Invalid $orderby direction '${dir}'.`, 'BadRequest');
    return { get, sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return [...items].sort((x, y) => {
    for (const { get, sign } of keys) {
      const a = get(x);
      const b = get(y);
      const c =
        typeof a === 'string' && typeof b === 'string'
          ? a.localeCompare(b, 'en', { sensitivity: 'base' })
          : a < b
            ? -1
            : a > b
              ? 1
              : 0;
      if (c !== 0) return c * sign;
    }
    return 0;
  });
}

/**
 * `$select=a,b`: keeps the named properties (plus `always`). Naming a property the resource does not have is
 * a 400, as in Graph ("Could not find a property named 'x' on type 'microsoft.graph.user'.").
 */
export function applySelect(
  item: Record<string, unknown>,
  query: URLSearchParams,
  typeName: string,
  always: string[] = [],
): Record<string, unknown> {
  const text = query.get('$select');
  if (text === null || text.trim() === '') return item;
  const wanted = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const byLower = new Map(Object.keys(item).map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  for (const key of always) if (key in item) out[key] = item[key];
  for (const w of wanted) {
    const key = byLower.get(w.toLowerCase());
    if (!key)
      throw new GraphError(
        400,
        'BadRequest',
        `Could not find a property named '${w}' on type '${typeName}'.`,
      );
    out[key] = item[key];
  }
  return out;
}

export type PagingOptions = {
  defaultSize: number;
  maxSize: number;
  /** 'skiptoken' (directory, Teams) writes an opaque $skiptoken; 'skip' (Outlook) writes $skip=n. */
  style: 'skiptoken' | 'skip';
  /** Directory answers 400 for a $top above the maximum; Outlook and Teams cap it. */
  rejectOversizedTop?: boolean;
};

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeSkipToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw new GraphError(400, 'BadRequest', 'The specified page token value has expired or is invalid.');
}

/** Encodes a path for a link: each segment percent-encoded, as Graph writes ids with ':' or '@' in links. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** One page of `items` and, when more remain, the absolute @odata.nextLink that fetches the rest. */
export function page<T>(
  ctx: StandInContext,
  request: { path: string; query: URLSearchParams },
  items: T[],
  options: PagingOptions,
): { value: T[]; nextLink?: string } {
  const { query } = request;
  let size = options.defaultSize;
  const topText = query.get('$top');
  if (topText !== null) {
    const top = Number(topText);
    if (!Number.isInteger(top) || top < 1 || (options.rejectOversizedTop && top > options.maxSize)) {
      throw new GraphError(
        400,
        'Request_BadRequest',
        `Invalid page size specified: '${topText}'. Must be between 1 and ${options.maxSize} inclusive.`,
      );
    }
    size = Math.min(top, options.maxSize);
  }
  let offset = 0;
  const skiptoken = query.get('$skiptoken');
  if (skiptoken !== null) offset = decodeSkipToken(skiptoken);
  const skip = query.get('$skip');
  if (skip !== null) {
    offset = Number(skip);
    if (!Number.isInteger(offset) || offset < 0)
      throw badRequest(`Invalid value '${skip}' for $skip.`, 'BadRequest');
  }
  const value = items.slice(offset, offset + size);
  if (offset + size >= items.length) return { value };
  const params: string[] = [];
  for (const [k, v] of query) {
    if (k === '$skip' || k === '$skiptoken') continue;
    params.push(`${k}=${encodeURIComponent(v)}`);
  }
  // Graph's links keep the page size the client asked for.
  if (topText === null && options.style === 'skip') params.push(`$top=${size}`);
  params.push(
    options.style === 'skip' ? `$skip=${offset + size}` : `$skiptoken=${encodeSkipToken(offset + size)}`,
  );
  return { value, nextLink: `${ctx.graphBaseUrl()}${encodePath(request.path)}?${params.join('&')}` };
}

export function odataContext(ctx: StandInContext, fragment: string): string {
  return `${ctx.graphBaseUrl()}/$metadata#${fragment}`;
}

/** A collection response body: `{ @odata.context, value, @odata.nextLink? }`. */
export function collectionBody(
  ctx: StandInContext,
  fragment: string,
  result: { value: unknown[]; nextLink?: string },
): Record<string, unknown> {
  return {
    '@odata.context': odataContext(ctx, fragment),
    ...(result.nextLink ? { '@odata.nextLink': result.nextLink } : {}),
    value: result.value,
  };
}

/** Refuses query options the route does not implement although Graph has them (so they are not silently ignored). */
export function refuseUnimplemented(query: URLSearchParams, options: string[], where: string): void {
  for (const o of options) {
    if (query.has(o))
      throw new GraphError(
        501,
        'notImplemented',
        `local365 does not implement ${o} on ${where}, though Microsoft Graph v1.0 has it.`,
      );
  }
}
