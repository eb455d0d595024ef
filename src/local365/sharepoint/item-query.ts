import { GraphError, badRequest } from '../graph/graph-error.ts';
import { columnForKey, isLookupType } from './columns.ts';
import { columnValue } from './field-values.ts';
import {
  compileFilter,
  compileOrderBy,
  parseFilter,
  parseOrderBy,
  type OperandType,
  type PropertyBinder,
  type SortKey,
} from './odata-filter.ts';
import { decodeToken, pageSize, queryOption, refuseUnmodelled } from './odata-options.ts';
import type { ColumnDef, ItemRecord, ListRecord, SharePointDb, SiteRecord } from './sharepoint-db.ts';

/**
 * GET …/items: `$filter` and `$orderby` on `fields/<name>` under SharePoint's index rules, paged by an opaque
 * keyset `$skiptoken`.
 */

/** SharePoint's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;

export const HONOR_NON_INDEXED = 'HonorNonIndexedQueriesWarningMayFailRandomly';

export function nonIndexedMessage(name: string): string {
  return `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: ${HONOR_NON_INDEXED}' header to allow this, but be warned that such queries may fail on large lists.`;
}

/** What SharePoint answers when a query over a large list would scan past the threshold. */
export const THRESHOLD_MESSAGE =
  'The attempted operation is prohibited because it exceeds the list view threshold.';

function operandType(column: ColumnDef): OperandType {
  switch (column.type) {
    case 'number':
    case 'counter':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'dateTime':
      return 'dateTime';
    case 'personOrGroup':
    case 'lookup':
      return 'lookupId';
    default:
      return 'string';
  }
}

/** Binds `fields/<name>` to a column, noting each column a query touches for the index rules. */
export function itemBinder(columns: ColumnDef[], touched: ColumnDef[]): PropertyBinder<ItemRecord> {
  return (path) => {
    if (!path.startsWith('fields/') || path.split('/').length !== 2) {
      throw badRequest(`Only 'fields/<column>' can be used to filter or order list items; '${path}' cannot.`);
    }
    const name = path.slice('fields/'.length);
    const found =
      name === 'id'
        ? { column: columns.find((c) => c.name === 'ID')!, lookupId: false }
        : columnForKey(columns, name);
    if (!found)
      throw badRequest(`Column '${name}' does not exist. It may have been deleted by another user.`);
    if (isLookupType(found.column) && !found.lookupId) {
      throw badRequest(`Field '${name}' is a lookup column: filter or order on '${name}LookupId'.`);
    }
    touched.push(found.column);
    const column = found.column;
    return { type: operandType(column), get: (item) => columnValue(column, item) };
  };
}

export type ItemPage = { items: ItemRecord[]; next?: { id: number; k?: SortKey } };

function preferHonoured(prefer: string | undefined): boolean {
  return (prefer ?? '').split(',').some((p) => p.trim().toLowerCase() === HONOR_NON_INDEXED.toLowerCase());
}

export function queryItems(opts: {
  db: SharePointDb;
  site: SiteRecord;
  list: ListRecord;
  query: URLSearchParams;
  headers: Record<string, string>;
}): ItemPage {
  const { db, site, list, query } = opts;
  refuseUnmodelled(query, 'list items');
  const size = pageSize(query);
  const rawToken = queryOption(query, 'skiptoken');
  const token =
    rawToken === undefined ? undefined : (decodeToken(rawToken) as { id?: unknown; k?: unknown } | undefined);
  if (
    rawToken !== undefined &&
    (!token || typeof token.id !== 'number' || (token.k !== undefined && !Array.isArray(token.k)))
  ) {
    throw new GraphError(400, 'BadRequest', 'The $skiptoken is not valid.');
  }
  const afterId = (token?.id as number | undefined) ?? 0;

  const columns = db.columns(list.id);
  const touched: ColumnDef[] = [];
  const bind = itemBinder(columns, touched);
  const filterText = queryOption(query, 'filter');
  const orderText = queryOption(query, 'orderby');
  const test = filterText ? compileFilter(parseFilter(filterText), bind, site.timeZone) : undefined;
  const order = orderText ? compileOrderBy(parseOrderBy(orderText), bind) : undefined;

  const nonIndexed = touched.find((c) => !c.indexed);
  if (nonIndexed) {
    if (!preferHonoured(opts.headers.prefer)) throw badRequest(nonIndexedMessage(nonIndexed.name));
    // The header lifts the check, not the threshold: past 5,000 items the scan itself is refused.
    if (db.itemCount(list.id) > LIST_VIEW_THRESHOLD)
      throw new GraphError(500, 'generalException', THRESHOLD_MESSAGE);
  }

  if (!test && !order) {
    const rows = db.itemsAfter(list.id, afterId, size + 1);
    const items = rows.slice(0, size);
    return rows.length > size ? { items, next: { id: items.at(-1)!.id } } : { items };
  }

  let rows = db.items(list.id);
  if (test) rows = rows.filter(test);
  const keyed = rows.map((item) => ({ item, key: order ? order.key(item) : [] }));
  if (order) keyed.sort((a, b) => order.compare(a.key, b.key) || a.item.id - b.item.id);
  let start = 0;
  if (token) {
    const k = (token.k as SortKey | undefined) ?? [];
    start = keyed.findIndex((r) => {
      const c = order ? order.compare(r.key, k) : 0;
      return c > 0 || (c === 0 && r.item.id > afterId);
    });
    if (start === -1) start = keyed.length;
  }
  const slice = keyed.slice(start, start + size + 1);
  const items = slice.slice(0, size).map((r) => r.item);
  if (slice.length <= size) return { items };
  const last = slice[size - 1]!;
  return { items, next: order ? { id: last.item.id, k: last.key } : { id: last.item.id } };
}
