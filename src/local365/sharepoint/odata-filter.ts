import { GraphError } from '../graph/graph-error.ts';
import { parseSharePointDateTime } from './date-time.ts';

/**
 * The `$filter` and `$orderby` subset SharePoint answers through Graph: `eq ne lt gt le ge`, `startswith`,
 * `and`, `or`, parentheses; string literals in single quotes with `''` for a quote; numbers, booleans, `null`
 * and dateTime literals (`'2025-06-01'`, `2025-06-01T09:00:00Z`, `datetime'…'`). Text compares the way
 * SharePoint's SQL collation does: case-insensitive, accent-sensitive.
 */

export type ComparisonOperator = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';

export type FilterLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'dateTime'; value: string };

export type FilterNode =
  | { kind: 'and'; left: FilterNode; right: FilterNode }
  | { kind: 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'compare'; op: ComparisonOperator; path: string; literal: FilterLiteral }
  | { kind: 'startswith'; path: string; literal: FilterLiteral };

export type OrderByClause = { path: string; descending: boolean };

type Token =
  | { t: 'lparen' | 'rparen' | 'comma'; at: number }
  | { t: 'word'; value: string; at: number }
  | { t: 'literal'; literal: FilterLiteral; at: number };

const invalidFilter = (detail: string) =>
  new GraphError(400, 'invalidRequest', `Invalid filter clause: ${detail}`);

const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/i;
const NUMBER_LITERAL = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/;

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw invalidFilter(`unterminated string literal at position ${start}`);
    const ch = text[i];
    if (ch === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += ch;
    i += 1;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ t: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', at: i });
      i += 1;
      continue;
    }
    if (ch === "'") {
      const { value, end } = readQuoted(text, i);
      tokens.push({ t: 'literal', literal: { kind: 'string', value }, at: i });
      i = end;
      continue;
    }
    const rest = text.slice(i);
    if (/^datetime'/i.test(rest)) {
      const { value, end } = readQuoted(text, i + 'datetime'.length);
      tokens.push({ t: 'literal', literal: { kind: 'dateTime', value }, at: i });
      i = end;
      continue;
    }
    const date = DATE_LITERAL.exec(rest);
    if (date && /^\d{4}-/.test(rest)) {
      tokens.push({ t: 'literal', literal: { kind: 'dateTime', value: date[0] }, at: i });
      i += date[0].length;
      continue;
    }
    const num = NUMBER_LITERAL.exec(rest);
    if (num) {
      tokens.push({ t: 'literal', literal: { kind: 'number', value: Number(num[0]), text: num[0] }, at: i });
      i += num[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      const w = word[0];
      if (w === 'true' || w === 'false')
        tokens.push({ t: 'literal', literal: { kind: 'boolean', value: w === 'true' }, at: i });
      else if (w === 'null') tokens.push({ t: 'literal', literal: { kind: 'null' }, at: i });
      else tokens.push({ t: 'word', value: w, at: i });
      i += w.length;
      continue;
    }
    throw invalidFilter(`unexpected character '${ch}' at position ${i}`);
  }
  return tokens;
}

const OPERATORS: readonly string[] = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.or();
    const extra = this.tokens[this.pos];
    if (extra) throw invalidFilter(`unexpected token at position ${extra.at}`);
    return node;
  }

  private peekWord(value: string): boolean {
    const tok = this.tokens[this.pos];
    return tok?.t === 'word' && tok.value === value;
  }

  private next(): Token {
    const tok = this.tokens[this.pos];
    if (!tok) throw invalidFilter('unexpected end of expression');
    this.pos += 1;
    return tok;
  }

  private expect(t: 'lparen' | 'rparen' | 'comma'): void {
    const tok = this.next();
    if (tok.t !== t)
      throw invalidFilter(
        `expected '${t === 'lparen' ? '(' : t === 'rparen' ? ')' : ','}' at position ${tok.at}`,
      );
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.peekWord('or')) {
      this.pos += 1;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.primary();
    while (this.peekWord('and')) {
      this.pos += 1;
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): FilterNode {
    const tok = this.next();
    if (tok.t === 'lparen') {
      const inner = this.or();
      this.expect('rparen');
      return inner;
    }
    if (tok.t !== 'word') throw invalidFilter(`expected a property or function at position ${tok.at}`);
    if (tok.value === 'startswith' && this.tokens[this.pos]?.t === 'lparen') {
      this.expect('lparen');
      const path = this.next();
      if (path.t !== 'word')
        throw invalidFilter(`startswith expects a property first, at position ${path.at}`);
      this.expect('comma');
      const lit = this.next();
      if (lit.t !== 'literal')
        throw invalidFilter(`startswith expects a literal second, at position ${lit.at}`);
      this.expect('rparen');
      const node: FilterNode = { kind: 'startswith', path: path.value, literal: lit.literal };
      // `startswith(x,'a') eq true` is the long form of the same test.
      if (this.peekWord('eq')) {
        this.pos += 1;
        const b = this.next();
        if (b.t !== 'literal' || b.literal.kind !== 'boolean' || !b.literal.value)
          throw invalidFilter('startswith(...) may only be compared with true');
      }
      return node;
    }
    if (tok.value === 'not') throw invalidFilter("the 'not' operator is not supported");
    const op = this.next();
    if (op.t !== 'word' || !OPERATORS.includes(op.value))
      throw invalidFilter(`expected a comparison operator after '${tok.value}'`);
    const lit = this.next();
    if (lit.t !== 'literal') throw invalidFilter(`expected a literal after '${tok.value} ${op.value}'`);
    return { kind: 'compare', op: op.value as ComparisonOperator, path: tok.value, literal: lit.literal };
  }
}

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw invalidFilter('the expression is empty');
  return new Parser(tokens).parse();
}

export function parseOrderBy(text: string): OrderByClause[] {
  return text.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    const [path, direction, ...rest] = words;
    if (
      !path ||
      !WORD.test(path) ||
      WORD.exec(path)?.[0] !== path ||
      rest.length > 0 ||
      (direction && direction !== 'asc' && direction !== 'desc')
    ) {
      throw new GraphError(400, 'invalidRequest', `Invalid $orderby clause: '${part.trim()}'`);
    }
    return { path, descending: direction === 'desc' };
  });
}

/** Every property path a filter mentions, in order of appearance. */
export function filterPaths(node: FilterNode): string[] {
  if (node.kind === 'and' || node.kind === 'or')
    return [...filterPaths(node.left), ...filterPaths(node.right)];
  return [node.path];
}

// ── evaluation ─────────────────────────────────────────────────────────

/** How a property compares: text by collation, dateTime by instant, lookup ids as integers. */
export type OperandType = 'string' | 'number' | 'boolean' | 'dateTime' | 'lookupId';
type Comparable = string | number | boolean;

export type BoundProperty<T> = {
  type: OperandType;
  /** The record's value, or undefined when the column is empty. dateTime values are ISO strings. */
  get: (record: T) => Comparable | undefined;
};

export type PropertyBinder<T> = (path: string) => BoundProperty<T>;

const collator = new Intl.Collator('en-GB', { sensitivity: 'accent', usage: 'search' });
const sortCollator = new Intl.Collator('en-GB', { sensitivity: 'accent' });

const EDM: Record<OperandType, string> = {
  string: 'Edm.String',
  number: 'Edm.Double',
  boolean: 'Edm.Boolean',
  dateTime: 'Edm.DateTimeOffset',
  lookupId: 'Edm.Int32',
};

function literalEdm(literal: FilterLiteral): string {
  switch (literal.kind) {
    case 'string':
      return 'Edm.String';
    case 'number':
      return Number.isInteger(literal.value) ? 'Edm.Int32' : 'Edm.Double';
    case 'boolean':
      return 'Edm.Boolean';
    case 'dateTime':
      return 'Edm.DateTimeOffset';
    case 'null':
      return 'null';
  }
}

const OP_KIND: Record<ComparisonOperator, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  lt: 'LessThan',
  gt: 'GreaterThan',
  le: 'LessThanOrEqual',
  ge: 'GreaterThanOrEqual',
};

function incompatible(type: OperandType, literal: FilterLiteral, op: string): GraphError {
  return new GraphError(
    400,
    'invalidRequest',
    `A binary operator with incompatible types was detected. Found operand types '${EDM[type]}' and '${literalEdm(literal)}' for operator kind '${op}'.`,
  );
}

/** Normalises a literal to the property's comparable form (dateTime → epoch ms). */
function coerceLiteral(type: OperandType, literal: FilterLiteral, op: string, timeZone: string): Comparable {
  switch (type) {
    case 'string':
      if (literal.kind === 'string') return literal.value.normalize('NFC');
      break;
    case 'number':
      if (literal.kind === 'number') return literal.value;
      if (literal.kind === 'string' && literal.value.trim() !== '' && Number.isFinite(Number(literal.value)))
        return Number(literal.value);
      break;
    case 'lookupId':
      if (literal.kind === 'number' && Number.isInteger(literal.value)) return literal.value;
      if (literal.kind === 'string' && /^\d+$/.test(literal.value)) return Number(literal.value);
      break;
    case 'boolean':
      if (literal.kind === 'boolean') return literal.value;
      if (literal.kind === 'number' && (literal.value === 0 || literal.value === 1))
        return literal.value === 1;
      break;
    case 'dateTime':
      if (literal.kind === 'dateTime' || literal.kind === 'string') {
        const ms = parseSharePointDateTime(literal.value, timeZone);
        if (ms !== undefined) return ms;
      }
      break;
  }
  throw incompatible(type, literal, op);
}

function comparableOf(type: OperandType, value: Comparable): Comparable {
  if (type === 'dateTime' && typeof value === 'string') return Date.parse(value);
  if (type === 'string' && typeof value === 'string') return value.normalize('NFC');
  return value;
}

function compareValues(type: OperandType, a: Comparable, b: Comparable): number {
  if (type === 'string') return sortCollator.compare(String(a), String(b));
  if (type === 'boolean') return Number(a) - Number(b);
  return (a as number) - (b as number);
}

function compile<T>(node: FilterNode, bind: PropertyBinder<T>, timeZone: string): (record: T) => boolean {
  if (node.kind === 'and' || node.kind === 'or') {
    const left = compile(node.left, bind, timeZone);
    const right = compile(node.right, bind, timeZone);
    return node.kind === 'and' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
  }
  const prop = bind(node.path);
  if (node.kind === 'startswith') {
    if (prop.type !== 'string')
      throw new GraphError(400, 'invalidRequest', `startswith is not supported for '${node.path}'.`);
    if (node.literal.kind !== 'string') throw incompatible('string', node.literal, 'startswith');
    const prefix = node.literal.value.normalize('NFC');
    return (r) => {
      const v = prop.get(r);
      if (typeof v !== 'string') return false;
      const s = v.normalize('NFC');
      return collator.compare(s.slice(0, prefix.length), prefix) === 0;
    };
  }
  const { op, literal } = node;
  if (literal.kind === 'null') {
    if (op !== 'eq' && op !== 'ne') throw incompatible(prop.type, literal, OP_KIND[op]);
    return op === 'eq' ? (r) => prop.get(r) === undefined : (r) => prop.get(r) !== undefined;
  }
  const expected = coerceLiteral(prop.type, literal, OP_KIND[op], timeZone);
  const test: (c: number) => boolean = {
    eq: (c: number) => c === 0,
    ne: (c: number) => c !== 0,
    lt: (c: number) => c < 0,
    gt: (c: number) => c > 0,
    le: (c: number) => c <= 0,
    ge: (c: number) => c >= 0,
  }[op];
  const cmp =
    prop.type === 'string'
      ? (a: Comparable) => collator.compare(String(a), String(expected))
      : (a: Comparable) => compareValues(prop.type, a, expected);
  // Like SQL, an empty column satisfies no comparison but `eq null` / `ne null`.
  return (r) => {
    const v = prop.get(r);
    if (v === undefined) return false;
    return test(cmp(comparableOf(prop.type, v)));
  };
}

export function compileFilter<T>(
  node: FilterNode,
  bind: PropertyBinder<T>,
  timeZone: string,
): (record: T) => boolean {
  return compile(node, bind, timeZone);
}

/** A sort key per record, and a comparator over keys: empty values first ascending (SQL Server order). */
export type SortKey = (Comparable | null)[];

export function compileOrderBy<T>(
  clauses: OrderByClause[],
  bind: PropertyBinder<T>,
): { key: (record: T) => SortKey; compare: (a: SortKey, b: SortKey) => number } {
  const props = clauses.map((c) => ({ prop: bind(c.path), descending: c.descending }));
  return {
    key: (record) =>
      props.map(({ prop }) => {
        const v = prop.get(record);
        return v === undefined ? null : comparableOf(prop.type, v);
      }),
    compare: (a, b) => {
      for (let i = 0; i < props.length; i += 1) {
        const { prop, descending } = props[i]!;
        const x = a[i] ?? null;
        const y = b[i] ?? null;
        let c: number;
        if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
        else c = compareValues(prop.type, x, y);
        if (c !== 0) return descending ? -c : c;
      }
      return 0;
    },
  };
}
