import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { createOnce, KeyTakenError } from './create-once.ts';
import { getAllPages, graphGet, graphPatch } from './graph-requests.ts';
import type { ListDefinition } from './list-definition.ts';
import type { Fields, SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString, type FilterExpression } from './odata.ts';

/**
 * The two writes every record change is made of, each safe to retry and safe to be interrupted:
 *
 * - `createOnce`: a new item under a unique key. A create that failed may still have been applied (a retried
 *   POST whose first attempt landed, an answer lost on the way back, a duplicate SharePoint reports as a
 *   server error), so any failed create reads its key back before giving up: an item found is the one
 *   asked for — whether it is *ours* is the caller's question (compare WriteId).
 * - `patchIfMatch`: a change to an item only if it is still at the version the change was made from. A 412
 *   whose item carries our WriteId was our own retried PATCH, applied before the retry was refused; any
 *   other 412 is someone else's change, and the caller says what conflict to report.
 *
 * A change that spans items is made through one `patchIfMatch` (the commit point) plus writes that can be
 * repeated by whoever finds the change unfinished (see pupil-sen-change.ts).
 */

export type ListWritesDeps<K extends string> = {
  connection: GraphConnection;
  itemsPath: (key: K) => string;
  keyColumn: (key: K) => string;
  createItem: (key: K, fields: Fields, operation: string) => Promise<SharePointItem>;
  findByKey: (key: K, filter: FilterExpression) => Promise<SharePointItem | undefined>;
  getItem: (key: K, itemId: string) => Promise<SharePointItem>;
  /**
   * Told of every write that reached SharePoint, whoever made it through here (see change-journal.ts): this is
   * the one place the journal hears of writes, so every resource's writes are journaled without doing anything.
   */
  journal?: { noteWrite(key: K): void };
};

export type PatchIfMatch<K extends string> = {
  key: K;
  itemId: string;
  version: string;
  operation: string;
  conflict: (current: SharePointItem, cause: unknown) => Error | Promise<Error>;
} & (
  | { fields: Fields & { WriteId: string } }
  | {
      /** For a list without a WriteId column: whether the item as stored already says what this write says. */
      fields: Fields;
      ours: (current: SharePointItem) => boolean;
    }
);

export type ListWrites<K extends string> = {
  createOnce(key: K, fields: Fields, operation: string): Promise<SharePointItem>;
  /**
   * PATCH `fields` (which carry a fresh WriteId) with If-Match `version`; resolves with the item as stored
   * afterwards. On someone else's change, throws what `conflict` makes of the item as now stored.
   */
  patchIfMatch(input: PatchIfMatch<K>): Promise<SharePointItem>;
  /**
   * An unconditional PATCH, for writes that only ever move one way (closing a period on a day), so that
   * repeating one, or making it late, changes nothing. Resolves with the item as stored afterwards.
   */
  patch(key: K, itemId: string, fields: Fields, operation: string): Promise<SharePointItem>;
};

export function listWrites<K extends string>(deps: ListWritesDeps<K>): ListWrites<K> {
  const { connection } = deps;
  const written = <T>(key: K, result: Promise<T>): Promise<T> =>
    result.then((value) => {
      deps.journal?.noteWrite(key);
      return value;
    });

  const writes: ListWrites<K> = {
    async createOnce(key, fields, operation) {
      try {
        return await deps.createItem(key, fields, operation);
      } catch (err) {
        if (!(err instanceof GraphRequestError)) throw err;
        const column = deps.keyColumn(key);
        const value = fields[column];
        if (typeof value !== 'string') throw err;
        // Maybe created: look before saying it failed. If the look fails too, the first failure is the news.
        const existing = await deps.findByKey(key, eq(column, value)).catch(() => undefined);
        if (!existing) throw err;
        return existing;
      }
    },

    async patchIfMatch(input) {
      const { key, itemId, fields, version, operation, conflict } = input;
      const ours =
        'ours' in input
          ? input.ours
          : (current: SharePointItem) => current.fields?.['WriteId'] === fields['WriteId'];
      try {
        await graphPatch(connection, `${deps.itemsPath(key)}/${itemId}/fields`, fields, operation, {
          headers: { 'If-Match': version },
        });
      } catch (err) {
        if (!(err instanceof GraphRequestError)) throw err;
        // A 412, or a failure that may have been applied after all: what is stored now decides.
        const current = await deps.getItem(key, itemId).catch(() => undefined);
        if (!current) throw err;
        if (ours(current)) return current;
        if (err.status === 412) throw await conflict(current, err);
        throw err;
      }
      return deps.getItem(key, itemId);
    },

    async patch(key, itemId, fields, operation) {
      await graphPatch(connection, `${deps.itemsPath(key)}/${itemId}/fields`, fields, operation);
      return deps.getItem(key, itemId);
    },
  };
  return {
    createOnce: (key, fields, operation) => written(key, writes.createOnce(key, fields, operation)),
    patchIfMatch: (input) => written(input.key, writes.patchIfMatch(input)),
    patch: (key, itemId, fields, operation) => written(key, writes.patch(key, itemId, fields, operation)),
  };
}

/**
 * The writes over lists of one site: creates keyed by each list's unique key column (`createOnce` in
 * create-once.ts: any failure reads the key back; an item holding it is a KeyTakenError, 409 with the stored
 * item, whoever wrote it), items found by key and read by id through the one request path.
 */
export function siteListWrites<K extends string>(deps: {
  connection: GraphConnection;
  itemsPath: (key: K) => string;
  list: (key: K) => ListDefinition;
  journal?: { noteWrite(key: K): void };
}): ListWrites<K> {
  const { connection, itemsPath } = deps;
  return listWrites<K>({
    connection,
    itemsPath,
    keyColumn: (key) => deps.list(key).keyColumn,
    async createItem(key, fields, operation) {
      const column = deps.list(key).keyColumn;
      const value = fields[column];
      if (typeof value !== 'string' || value === '')
        throw new RangeError(`${operation}: the new item has no ${column}`);
      const outcome = await createOnce(
        connection,
        { itemsPath: itemsPath(key), key: { column, value }, fields },
        operation,
      );
      if (outcome.alreadyStored) throw new KeyTakenError(operation, { column, value }, outcome.item);
      return outcome.item;
    },
    findByKey: async (key, filter) =>
      (
        await getAllPages<SharePointItem>(
          connection,
          `${itemsPath(key)}${itemsQueryString({ filter })}`,
          `find an item in ${deps.list(key).displayName}`,
        )
      )[0],
    getItem: (key, itemId) =>
      graphGet<SharePointItem>(
        connection,
        `${itemsPath(key)}/${itemId}?$expand=fields`,
        `read item ${itemId} of ${deps.list(key).displayName}`,
      ),
    ...(deps.journal ? { journal: deps.journal } : {}),
  });
}
