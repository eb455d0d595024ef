/**
 * The cold-start target: a server starting on a school's lists reads each list it holds in as few requests as
 * its items allow, Σ ceil(items / page) over the lists (an empty list still takes one request), all lists in
 * parallel. This reads the item counts from the stand-in's database and the delta pages from the stand-in's
 * counter, so the two can be put side by side. The records replica enumerates every list it holds by delta
 * (src/graph/list-delta.ts); the change journal takes one more delta request, a starting point from now
 * (`token=latest`, nothing enumerated), counted in the bound as a list of its own.
 */
import Database from 'better-sqlite3';
import { REPLICA_LISTS } from '../src/graph/replica-lists.ts';

/** Items per page the server asks for (createSendRecords' default). */
export const REPLICA_PAGE_SIZE = 500;

/** The lists read at start: every list the records replica holds, except the audit log (read on demand). */
const HELD_AT_START = Object.entries(REPLICA_LISTS)
  .filter(([key]) => key !== 'auditLog')
  .map(([, list]) => list.displayName);

/** The change journal's starting point at start: one delta request (src/graph/change-journal.ts). */
const CHANGE_JOURNAL_START = 1;

export type ColdStartBound = {
  /** Σ max(1, ceil(items / page)) over the lists held from the start, and the change journal's one request. */
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
    const pages = lists.reduce((sum, l) => sum + Math.max(1, Math.ceil(l.items / pageSize)), 0);
    const bound = pages + CHANGE_JOURNAL_START;
    return { bound, lists };
  } finally {
    db.close();
  }
}

/**
 * The delta pages among `byOperation`: how the lists held are read at start. (Plain `GET …/items` requests at
 * start are other work: the schema version's check, and in local mode the demo school's import reading each
 * list's keys to find what is imported already, which a tenant-mode server does not do.)
 */
export function listReadRequests(byOperation: readonly { operation: string; count: number }[]): number {
  return byOperation
    .filter((o) => o.operation === 'GET /sites/{site-id}/lists/{list-id}/items/delta')
    .reduce((sum, o) => sum + o.count, 0);
}
