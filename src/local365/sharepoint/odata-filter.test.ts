import { GraphError } from '../graph/graph-error.ts';
import {
  compileFilter,
  compileOrderBy,
  filterPaths,
  parseFilter,
  parseOrderBy,
  type OperandType,
  type PropertyBinder,
} from './odata-filter.ts';

type Row = Record<string, string | number | boolean | undefined>;

const TYPES: Record<string, OperandType> = {
  'fields/Surname': 'string',
  'fields/Score': 'number',
  'fields/Urgent': 'boolean',
  'fields/Due': 'dateTime',
  'fields/OwnerLookupId': 'lookupId',
};

const bind: PropertyBinder<Row> = (path) => {
  const type = TYPES[path];
  if (!type) throw new Error(`unknown ${path}`);
  return { type, get: (row) => row[path.slice('fields/'.length)] };
};

const rows: Row[] = [
  { Surname: "O'Brien", Score: 3, Urgent: true, Due: '2025-06-01T23:00:00Z', Owner: 6 },
  { Surname: 'Zoë', Score: 10, Urgent: false, Due: '2025-07-01T09:30:00Z', Owner: 7 },
  { Surname: 'Zoe', Score: 5.5, Urgent: false },
  { Surname: 'Łukasz', Score: -2, Urgent: true, Due: '2025-05-01T00:00:00Z' },
  { Surname: 'łukaszewicz', Score: 0 },
  { Score: 8 },
];

const bound: PropertyBinder<Row> = (path) => {
  const b = bind(path);
  return path === 'fields/OwnerLookupId' ? { ...b, get: (row) => row.Owner } : b;
};

function matching(filter: string): unknown[] {
  const test = compileFilter(parseFilter(filter), bound, 'Europe/London');
  return rows.filter(test).map((r) => r.Surname ?? r.Score);
}

function graphError(fn: () => unknown): GraphError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GraphError) return err;
    throw err;
  }
  throw new Error('expected a GraphError');
}

describe('parseFilter / compileFilter', () => {
  it("reads a doubled single quote as one quote ('O''Brien')", () => {
    expect(matching("fields/Surname eq 'O''Brien'")).toEqual(["O'Brien"]);
  });

  it('compares text case-insensitively but keeps accents apart, as SharePoint’s collation does', () => {
    expect(matching("fields/Surname eq 'zoë'")).toEqual(['Zoë']);
    expect(matching("fields/Surname eq 'Zoe'")).toEqual(['Zoe']);
    expect(matching("fields/Surname eq 'ŁUKASZ'")).toEqual(['Łukasz']);
  });

  it('matches startswith on non-Latin letters, in both spellings', () => {
    expect(matching("startswith(fields/Surname, 'łuk')")).toEqual(['Łukasz', 'łukaszewicz']);
    expect(matching("startswith(fields/Surname,'Łuk') eq true")).toEqual(['Łukasz', 'łukaszewicz']);
  });

  it('compares numbers, negative and decimal literals included', () => {
    expect(matching('fields/Score gt 5')).toEqual(['Zoë', 'Zoe', 8]);
    expect(matching('fields/Score le -2')).toEqual(['Łukasz']);
    expect(matching('fields/Score ge 5.5 and fields/Score lt 10')).toEqual(['Zoe', 8]);
    expect(matching("fields/Score eq '10'")).toEqual(['Zoë']);
  });

  it('compares booleans written as true/false or 1/0', () => {
    expect(matching('fields/Urgent eq true')).toEqual(["O'Brien", 'Łukasz']);
    expect(matching('fields/Urgent eq 0')).toEqual(['Zoë', 'Zoe']);
  });

  it('compares dateTimes as instants; a date without a zone is midnight in the site’s zone', () => {
    // 2025-06-02 00:00 in London (BST) is 2025-06-01T23:00:00Z.
    expect(matching("fields/Due eq '2025-06-02'")).toEqual(["O'Brien"]);
    expect(matching('fields/Due ge 2025-06-01T23:00:00Z')).toEqual(["O'Brien", 'Zoë']);
    expect(matching("fields/Due lt datetime'2025-06-01T00:00:00Z'")).toEqual(['Łukasz']);
  });

  it('binds and tighter than or, and honours parentheses', () => {
    expect(matching("fields/Surname eq 'Zoe' or fields/Score gt 7 and fields/Urgent eq false")).toEqual([
      'Zoë',
      'Zoe',
    ]);
    expect(matching("(fields/Surname eq 'Zoe' or fields/Score gt 7) and fields/Urgent eq false")).toEqual([
      'Zoë',
      'Zoe',
    ]);
    expect(
      matching(
        "(fields/Surname eq 'Zoe' or fields/Score gt 7) and (fields/Urgent eq false or fields/Score eq 8)",
      ),
    ).toEqual(['Zoë', 'Zoe', 8]);
  });

  it('treats an empty column as matching only eq null / ne null', () => {
    expect(matching('fields/Surname eq null')).toEqual([8]);
    expect(matching("fields/Surname ne 'Zoe'")).toEqual(["O'Brien", 'Zoë', 'Łukasz', 'łukaszewicz']);
    expect(matching('fields/Due ne null')).toHaveLength(3);
  });

  it('compares lookup ids given as strings or numbers', () => {
    expect(matching("fields/OwnerLookupId eq '6'")).toEqual(["O'Brien"]);
    expect(matching('fields/OwnerLookupId eq 7')).toEqual(['Zoë']);
  });

  it('refuses a literal of the wrong type with OData’s incompatible-types message', () => {
    const err = graphError(() => compileFilter(parseFilter("fields/Score eq 'ten'"), bound, 'Europe/London'));
    expect(err.status).toBe(400);
    expect(err.message).toBe(
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Double' and 'Edm.String' for operator kind 'Equal'.",
    );
  });

  it.each([
    ["fields/Surname eq 'O'Brien'"],
    ["fields/Surname eq 'unterminated"],
    ['fields/Score gt'],
    ["(fields/Surname eq 'a'"],
    ["fields/Surname contains 'a'"],
    ["not fields/Surname eq 'a'"],
    [''],
  ])('answers 400 Invalid filter clause for %j', (filter) => {
    const err = graphError(() => parseFilter(filter));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^Invalid filter clause/);
  });

  it('lists the properties a filter touches', () => {
    expect(
      filterPaths(parseFilter("fields/A eq 1 and (fields/B eq 'x' or startswith(fields/C,'y'))")),
    ).toEqual(['fields/A', 'fields/B', 'fields/C']);
  });
});

describe('parseOrderBy / compileOrderBy', () => {
  it('sorts ascending with empty values first, descending reversed, text by collation', () => {
    const order = compileOrderBy(parseOrderBy('fields/Surname asc'), bound);
    const sorted = [...rows]
      .sort((a, b) => order.compare(order.key(a), order.key(b)))
      .map((r) => r.Surname ?? '(none)');
    expect(sorted).toEqual(['(none)', 'Łukasz', 'łukaszewicz', "O'Brien", 'Zoe', 'Zoë']);
    const desc = compileOrderBy(parseOrderBy('fields/Score desc'), bound);
    expect([...rows].sort((a, b) => desc.compare(desc.key(a), desc.key(b))).map((r) => r.Score)).toEqual([
      10, 8, 5.5, 3, 0, -2,
    ]);
  });

  it('answers 400 for a malformed clause', () => {
    expect(graphError(() => parseOrderBy('fields/Score sideways')).status).toBe(400);
  });
});
