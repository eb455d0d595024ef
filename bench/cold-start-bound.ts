/**
 * The cold-start target of issue #14: a server starting on a school's lists reads each list it holds in as
 * few requests as its items allow, Σ ceil(items / page) over the lists (an empty list still takes one
 * request), all lists in parallel. This reads the item counts from the stand-in's database and the requests
 * that read list items from the stand-in's counter, so the two can be put side by side.
 */
import Database from 'better-sqlite3';
import { REPLICA_LISTS } from '../src/graph/replica-lists.ts';

/** Items per page the server asks for (createSendRecords' default). */
export const REPLICA_PAGE_SIZE = 500;

/** The lists read at start: every list the records replica holds, except the audit log (read on demand). */
const HELD_AT_START = Object.entries(REPLICA_LISTS)
  .filter(([key]) => key !== 'auditLog')
  .map(([, list]) => list.displayName);

export type ColdStartBound = {
  /** Σ max(1, ceil(items / page)) over the lists held from the start. */
  bound: number;
  lists: { name: string; items: number }[];
};

export function coldStartBound(dbPath: string, pageSize = REPLICA_PAGE_SIZE): ColdStartBound {
  const db = new Database(dbPath, { readonly: true });
  try {
    const count = db.prepare(
      `SELECT COUNT(i.id) AS items FROM sp_lists l LEFT JOIN sp_items i ON i.list_id = l.id
       WHERE l.display_name = ? GROUP BY l.id`,
    );
    const lists = HELD_AT_START.map((name) => {
      const row = count.get(name) as { items: number } | undefined;
      if (!row) throw new Error(`the seeded site has no list named "${name}"`);
      return { name, items: row.items };
    });
    const bound = lists.reduce((sum, l) => sum + Math.max(1, Math.ceil(l.items / pageSize)), 0);
    return { bound, lists };
  } finally {
    db.close();
  }
}

/** The requests among `byOperation` that read a list's items (a page of items or of a delta). */
export function listReadRequests(byOperation: readonly { operation: string; count: number }[]): number {
  return byOperation
    .filter((o) => /^GET \/sites\/\{site-id\}\/lists\/\{list-id\}\/items(\/delta)?$/.test(o.operation))
    .reduce((sum, o) => sum + o.count, 0);
}
