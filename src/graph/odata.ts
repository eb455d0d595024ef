/**
 * OData for SharePoint list items, built in one place. Column names are checked (they go into the query
 * unquoted); values are quoted with single quotes doubled, so O'Brien becomes 'O''Brien'; then the whole
 * option value is percent-encoded, because the Graph client puts query strings on the URL as given
 * (an '&' or '+' in a surname would otherwise cut or change the filter).
 *
 * SharePoint answers `eq ne lt gt le ge`, `startswith`, `and`, `or` on `fields/<column>`, and only on
 * indexed columns (https://learn.microsoft.com/en-us/graph/api/listitem-list; a list over 5,000 items refuses
 * filters on other columns). Calendar dates are stored as 'YYYY-MM-DD' text, so they compare in
 * date order as strings.
 */

export type FilterValue = string | number | boolean | null | { instant: string };

export type FilterExpression =
  | { kind: 'compare'; column: string; op: 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge'; value: FilterValue }
  | { kind: 'startswith'; column: string; prefix: string }
  | { kind: 'and' | 'or'; parts: FilterExpression[] };

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

function checkColumn(column: string): string {
  if (column !== 'id' && !COLUMN_NAME.test(column)) throw new RangeError(`Not a column name: ${column}`);
  return column;
}

/** An OData literal: strings quoted with '' for a quote; instants as ISO text; numbers must be finite. */
export function odataLiteral(value: FilterValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'object') {
    if (Number.isNaN(Date.parse(value.instant))) throw new RangeError(`Not an instant: ${value.instant}`);
    return `'${new Date(value.instant).toISOString().replace(/\.\d{3}Z$/, 'Z')}'`;
  }
  return `'${value.replace(/'/g, "''")}'`;
}

const compare =
  (op: 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge') =>
  (column: string, value: FilterValue): FilterExpression => ({ kind: 'compare', column, op, value });

export const eq = compare('eq');
export const ne = compare('ne');
export const lt = compare('lt');
export const gt = compare('gt');
export const le = compare('le');
export const ge = compare('ge');
export const startsWith = (column: string, prefix: string): FilterExpression => ({
  kind: 'startswith',
  column,
  prefix,
});
export const and = (...parts: FilterExpression[]): FilterExpression => ({ kind: 'and', parts });
export const or = (...parts: FilterExpression[]): FilterExpression => ({ kind: 'or', parts });

/** The `$filter` text (not yet URL-encoded) for list items: `fields/Surname eq 'O''Brien'`. */
export function odataFilter(expression: FilterExpression): string {
  switch (expression.kind) {
    case 'compare':
      return `fields/${checkColumn(expression.column)} ${expression.op} ${odataLiteral(expression.value)}`;
    case 'startswith':
      return `startswith(fields/${checkColumn(expression.column)},${odataLiteral(expression.prefix)})`;
    case 'and':
    case 'or': {
      if (expression.parts.length === 0) throw new RangeError(`An empty '${expression.kind}'`);
      const parts = expression.parts.map((p) =>
        p.kind === 'and' || p.kind === 'or' ? `(${odataFilter(p)})` : odataFilter(p),
      );
      return parts.join(` ${expression.kind} `);
    }
  }
}

/** Query options for a list-items request; values are percent-encoded here, once. */
export type ItemsQuery = {
  filter?: FilterExpression;
  /** Columns to bring back in `fields` (all when absent). */
  select?: readonly string[];
  top?: number;
};

export function itemsQueryString(query: ItemsQuery): string {
  const params: string[] = [];
  const fields = query.select?.length
    ? `fields($select=${query.select.map(checkColumn).join(',')})`
    : 'fields';
  params.push(`$expand=${encodeURIComponent(fields)}`);
  if (query.filter) params.push(`$filter=${encodeURIComponent(odataFilter(query.filter))}`);
  if (query.top !== undefined) {
    if (!Number.isInteger(query.top) || query.top < 1) throw new RangeError(`Bad $top: ${query.top}`);
    params.push(`$top=${query.top}`);
  }
  return `?${params.join('&')}`;
}
