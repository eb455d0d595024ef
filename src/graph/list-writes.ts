import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { graphPatch } from './graph-requests.ts';
import type { Fields, SharePointItem } from './list-fields.ts';
import { eq, type FilterExpression } from './odata.ts';

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

export type ListWrites<K extends string> = {
  createOnce(key: K, fields: Fields, operation: string): Promise<SharePointItem>;
  /**
   * PATCH `fields` (which carry a fresh WriteId) with If-Match `version`; resolves with the item as stored
   * afterwards. On someone else's change, throws what `conflict` makes of the item as now stored.
   */
  patchIfMatch(input: {
    key: K;
    itemId: string;
    fields: Fields & { WriteId: string };
    version: string;
    operation: string;
    conflict: (current: SharePointItem, cause: unknown) => Error | Promise<Error>;
  }): Promise<SharePointItem>;
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

    async patchIfMatch({ key, itemId, fields, version, operation, conflict }) {
      try {
        await graphPatch(connection, `${deps.itemsPath(key)}/${itemId}/fields`, fields, operation, {
          headers: { 'If-Match': version },
        });
      } catch (err) {
        if (!(err instanceof GraphRequestError)) throw err;
        // A 412, or a failure that may have been applied after all: what is stored now decides.
        const current = await deps.getItem(key, itemId).catch(() => undefined);
        if (!current) throw err;
        if (current.fields?.['WriteId'] === fields.WriteId) return current;
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
