import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { graphDelete, graphGet, pagesOf } from './graph-requests.ts';
import type { Fields, SharePointItem } from './list-fields.ts';
import { dateTimeColumn, textColumn, type ListDefinition, type ListKey } from './list-definition.ts';
import { itemsQueryString, lt } from './odata.ts';

/**
 * The change journal: one item per burst of SENCO Hub's own writes, naming the lists they touched. Every
 * instance watches this one list by delta while idle (one Graph request per poll, however many lists there
 * are) and brings only the named lists up to date; edits made in SharePoint itself, outside SENCO Hub, are
 * picked up by a slow sweep of every list. List `lastModifiedDateTime` would have been cheaper, but it is not a
 * reliable change signal (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/7797), and a
 * `$batch` of deltas would not help: Graph and SharePoint count every request inside it
 * (https://learn.microsoft.com/en-us/graph/json-batching).
 *
 * The journal is written from the one write path every record change goes through (list-writes.ts), after
 * SharePoint has the write; losing an entry (a crash between the two) only delays others seeing the change
 * until the sweep.
 */
export const CHANGE_JOURNAL_LIST: ListDefinition = {
  key: 'changeJournal',
  displayName: 'SENCO Hub Change Journal',
  description: 'Which lists SENCO Hub changed, so other instances know what to read again (SENCO Hub).',
  keyColumn: 'EntryId',
  since: 4,
  columns: [
    textColumn('EntryId', { unique: true }),
    textColumn('Lists', { description: 'Keys of the lists changed, comma-separated' }),
    dateTimeColumn('WrittenAt', { indexed: true }),
  ],
};

export function journalEntryFields(entryId: string, lists: readonly string[], at: Date): Fields {
  return {
    Title: entryId,
    EntryId: entryId,
    Lists: lists.join(','),
    WrittenAt: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** The list keys a journal item names (unknown ones, from a newer version, included: the caller filters). */
export function journalListsOf(item: SharePointItem): string[] {
  const lists = item.fields?.['Lists'];
  return typeof lists === 'string' ? lists.split(',').filter((k) => k !== '') : [];
}

export type ChangeJournal<K extends string = ListKey> = {
  /** A write to `key` reached SharePoint: journal it (with the others of the same moment, as one item). */
  noteWrite(key: K): void;
  /** Whether an entry is one this instance wrote (its lists are in its replica already). */
  isOwn(entryId: string): boolean;
  /** Resolves when every write noted so far is journaled (or its entry has failed). */
  flush(): Promise<void>;
};

/**
 * Writes noted in the same turn of the event loop (a SEN change's three or four items, say) become one entry,
 * so a burst of writes costs one more request, not one per item. A failed entry is reported, not retried: the
 * sweep covers it.
 */
export function createChangeJournal<K extends string>(deps: {
  append: (fields: Fields) => Promise<unknown>;
  newId: () => string;
  now: () => Date;
  /** Lists that are not journaled (the audit log: every read appends to it). */
  skip?: readonly K[];
  onError: (error: unknown) => void;
}): ChangeJournal<K> {
  let pending = new Set<K>();
  /** Ids of the entries written here lately (an entry comes back by delta within a poll or two). */
  const own = new Set<string>();
  let writing: Promise<void> = Promise.resolve();
  let scheduled: Promise<void> | undefined;

  function write(): Promise<void> {
    const lists = [...pending];
    pending = new Set();
    scheduled = undefined;
    if (lists.length === 0) return Promise.resolve();
    const id = deps.newId();
    own.add(id);
    if (own.size > 1000) own.delete(own.values().next().value!);
    return deps.append(journalEntryFields(id, lists, deps.now())).then(() => undefined, deps.onError);
  }

  return {
    noteWrite(key) {
      if (deps.skip?.includes(key)) return;
      pending.add(key);
      scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        writing = writing.then(write);
        return writing;
      });
    },
    isOwn: (entryId) => own.has(entryId),
    async flush() {
      await scheduled;
      await writing;
    },
  };
}

/** What the journal says changed since it was last read: some lists by key, or (when it cannot tell) all. */
export type JournalNews = { lists: readonly string[] } | 'all';

/**
 * Follows the journal by delta: `begin` takes a deltaLink from now (`token=latest`, nothing enumerated), and
 * each `news` is one request while nothing happened. Entries this instance wrote are passed over. When an entry
 * comes without its fields, or the token has expired (410), the answer is 'all': nothing is missed.
 */
export function journalFollower(deps: {
  connection: GraphConnection;
  /** `/sites/{site-id}/lists/{list-id}` */
  listPath: string;
  isOwn: (entryId: string) => boolean;
}) {
  const operation = 'read the change journal';
  const start = `${deps.listPath}/items/delta?$expand=${encodeURIComponent('fields($select=EntryId,Lists)')}`;
  let deltaLink: string | undefined;

  async function begin(): Promise<void> {
    const latest = await graphGet<{ '@odata.deltaLink'?: string }>(
      deps.connection,
      `${start}&token=latest`,
      operation,
    );
    deltaLink = latest['@odata.deltaLink'];
  }

  return {
    begin,
    async news(): Promise<JournalNews> {
      if (!deltaLink) {
        await begin();
        return 'all';
      }
      const lists = new Set<string>();
      let all = false;
      let next: string | undefined;
      try {
        for await (const page of pagesOf<SharePointItem & { '@removed'?: unknown; error?: unknown }>(
          deps.connection,
          deps.connection.toRequestPath(deltaLink),
          operation,
        )) {
          for (const item of page.value) {
            // A deletion is never news: journal entries are only ever deleted by pruning, once no reader needs
            // them (JOURNAL_KEEP_MS). SharePoint Online may send one as an inline error without an id.
            if (item.deleted || item['@removed'] !== undefined || item.error !== undefined) continue;
            const entryId = item.fields?.['EntryId'];
            if (typeof entryId !== 'string') all = true;
            else if (!deps.isOwn(entryId)) for (const key of journalListsOf(item)) lists.add(key);
          }
          next = page.deltaLink ?? next;
        }
      } catch (err) {
        if (err instanceof GraphRequestError && err.status === 410) {
          deltaLink = undefined;
          await begin();
          return 'all';
        }
        throw err;
      }
      if (next) deltaLink = next;
      return all ? 'all' : { lists: [...lists] };
    },
  };
}

/**
 * How long a journal entry is kept. An entry is news only for an instance that is running and following the
 * journal: a running instance reads it every idle poll (30 s), or straight after its own writes; one that starts
 * (or restarts) begins from "now" (`token=latest`) and reads every list in full anyway. So only an instance that
 * stayed up without reaching SharePoint (a network outage, long throttling) can need an old entry, and a day is
 * far beyond that. If one is cut off for longer, it meets the pruned entries as deletions, which the follower
 * passes over: the change they announced is not lost but found by the slow sweep (idle-polling.ts: every list
 * is read again within about 36 minutes), which exists for changes the journal never names.
 */
export const JOURNAL_KEEP_MS = 24 * 60 * 60_000;

/** At most this many entries are deleted per prune, so one prune is a bounded burst of requests. */
export const JOURNAL_PRUNE_BATCH = 100;

/**
 * Deletes journal entries older than `keepForMs` (default JOURNAL_KEEP_MS), oldest first, at most
 * JOURNAL_PRUNE_BATCH at a time: one request to find them (WrittenAt is indexed), one per deletion. Any instance
 * may prune; two pruning at once both delete, and the second's 404 is no error. Returns how many went.
 */
export function journalPruner(deps: {
  connection: GraphConnection;
  /** `/sites/{site-id}/lists/{list-id}` */
  listPath: string;
  now: () => Date;
  keepForMs?: number;
}) {
  return {
    async prune(): Promise<number> {
      const cutoff = new Date(deps.now().getTime() - (deps.keepForMs ?? JOURNAL_KEEP_MS)).toISOString();
      const query = itemsQueryString({
        filter: lt('WrittenAt', { instant: cutoff }),
        select: ['WrittenAt'],
        top: JOURNAL_PRUNE_BATCH,
      });
      const old = await graphGet<{ value: { id: string }[] }>(
        deps.connection,
        `${deps.listPath}/items${query}`,
        'find change journal entries past keeping',
      );
      let deleted = 0;
      for (const item of old.value.slice(0, JOURNAL_PRUNE_BATCH)) {
        try {
          await graphDelete(
            deps.connection,
            `${deps.listPath}/items/${item.id}`,
            'delete an old change journal entry',
          );
          deleted += 1;
        } catch (err) {
          // Another instance pruned it first.
          if (!(err instanceof GraphRequestError && err.status === 404)) throw err;
        }
      }
      return deleted;
    },
  };
}
