import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import {
  CHANGE_JOURNAL_LIST,
  createChangeJournal,
  journalFollower,
  journalPruner,
} from './change-journal.ts';
import { graphPost } from './graph-requests.ts';
import { idlePolling } from './idle-polling.ts';
import { createListNotifications, type ListNotificationsOptions } from './list-notifications.ts';
import {
  deltaStart,
  loadWindow,
  readAllItems,
  readDelta,
  readItemsById,
  sweepDeleted,
  type DeltaList,
} from './list-delta.ts';
import type { ListDefinition } from './list-definition.ts';
import { createFields, eTagVersion, FieldError, sameETag, type SharePointItem } from './list-fields.ts';
import { siteListWrites, type ListWrites } from './list-writes.ts';
import { asError, coalesce, limiter } from './task-limits.ts';
import { siteSchemaVersion } from './site-provisioning.ts';
import { findListIds, SiteSchemaOutdatedError } from './site.ts';

/**
 * A generic mirror of SharePoint lists: every list it is given is held in memory, item by item, as rows its
 * parser reads, and kept current by Graph delta (list-delta.ts) — straight after our own writes, and while
 * idle one request a tick (the change journal, whose news names the lists to read again, or one list of a
 * slow sweep; see idle-polling.ts). Reads never wait on Graph. It knows nothing of SEND records: the resource
 * modules (`*-records.ts`) build their typed views on `view` and write through `writes` (createOnce,
 * patchIfMatch), applying SharePoint's answers with `applyOwn`.
 *
 * Items a parser refuses (a column edited by hand in SharePoint, say) are left out and reported; a failed
 * background sync is reported and the mirror keeps serving what it has.
 */

export type MirrorEntry<R> = {
  itemId: string;
  eTag: string;
  modifiedAt: string;
  /** Who changed it through the app (`ChangedByName`), else SharePoint's editor when the answer says. */
  modifiedBy: string | undefined;
  row: R;
};

export type MirrorProblem =
  | { kind: 'invalid-item'; list: string; itemId: string; message: string }
  | { kind: 'sync-failed'; error: Error };

type Parsers = Record<string, (item: SharePointItem) => unknown>;

export type ListMirrorOptions<P extends Parsers> = {
  connection: GraphConnection;
  siteId: string;
  /** How each list's items are read; a FieldError leaves the item out (reported). */
  parsers: P;
  lists: { [K in keyof P]: ListDefinition };
  /**
   * Lists held over a window only (they grow without end): an indexed instant column, how far back, and the
   * instant of a row. Read on demand (`load`), not at start; rows older than the window are dropped.
   */
  windows?: { [K in keyof P]?: { column: string; days: number; at: (row: ReturnType<P[K]>) => string } };
  /** The site schema version the parsers need; start refuses an older site. */
  schemaVersion: number;
  pollIntervalMs: number;
  pageSize: number;
  now: () => Date;
  newId: () => string;
  report: (problem: MirrorProblem) => void;
  /** Run after every sync of every held list (start, syncNow, each idle tick), e.g. to finish interrupted changes. */
  afterSync?: () => Promise<void>;
  /**
   * Graph change notifications instead of idle polling (list-notifications.ts): every list held from the start
   * is subscribed to at start. While every subscription is live, an idle tick asks Graph nothing but, every
   * `safetySweepEvery`-th tick (default 20: ten minutes at 30 s), one list of a safety sweep; a change that sweep
   * finds unannounced makes the subscriptions again. Without them (none could be made, or they lapsed), ticks
   * poll as before. Unset: always poll.
   */
  notifications?: Pick<
    ListNotificationsOptions<string>,
    'notificationUrl' | 'clientState' | 'lifetimeMinutes' | 'renewBeforeMs' | 'retryAfterMs'
  > & { safetySweepEvery?: number };
};

/** While notifications are live, one list of the safety sweep every this many idle ticks (10 minutes at 30 s). */
export const SAFETY_SWEEP_EVERY_TICKS = 20;

export type ListMirror<P extends Parsers> = ReturnType<typeof createListMirror<P>>;

type ListState<R> = {
  key: string;
  def: ListDefinition;
  listId: string;
  deltaLink: string | undefined;
  entries: Map<string, MirrorEntry<R>>;
  /** Bumped on every change, so derived views know to rebuild. */
  generation: number;
};

export function createListMirror<P extends Parsers>(options: ListMirrorOptions<P>) {
  type K = keyof P & string;
  type Row<L extends K> = ReturnType<P[L]>;
  const { connection, siteId, now, pageSize, report } = options;
  const keys = Object.keys(options.lists) as K[];
  const windowOf = (key: K) => options.windows?.[key];
  /** Lists held from the start; windowed lists join once loaded. */
  const alwaysHeld = keys.filter((k) => !windowOf(k));
  const loaded = new Set<K>();
  const held = () => keys.filter((k) => !windowOf(k) || loaded.has(k));

  let states: Map<K, ListState<unknown>> | undefined;
  let ready = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let syncedAt: Date | undefined;

  function state<L extends K>(key: L): ListState<Row<L>> {
    const s = states?.get(key);
    if (!s) throw new Error('The SEND records replica has not been started');
    return s as ListState<Row<L>>;
  }
  const itemsPath = (key: K) => `/sites/${siteId}/lists/${state(key).listId}/items`;
  const windowStart = (key: K): string => {
    const days = windowOf(key)?.days ?? 0;
    return new Date(now().getTime() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  };

  /** Applies one item (or a delete) to a map; false when nothing changed. */
  function applyItem<L extends K>(
    s: ListState<Row<L>>,
    target: Map<string, MirrorEntry<Row<L>>>,
    item: SharePointItem,
  ): boolean {
    if (item.deleted) return target.delete(item.id);
    const existing = target.get(item.id);
    if (existing) {
      if (sameETag(existing.eTag, item.eTag)) return false;
      // An answer that crossed one of our own writes in flight must not roll the item back.
      const had = eTagVersion(existing.eTag);
      const got = eTagVersion(item.eTag);
      if (had && got && had.id === got.id && got.version < had.version) return false;
    }
    let row: Row<L>;
    try {
      row = options.parsers[s.key as L]!(item) as Row<L>;
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      report({ kind: 'invalid-item', list: s.def.displayName, itemId: item.id, message: err.message });
      return target.delete(item.id);
    }
    const changedBy = item.fields?.['ChangedByName'];
    target.set(item.id, {
      itemId: item.id,
      eTag: item.eTag,
      modifiedAt: item.lastModifiedDateTime,
      modifiedBy:
        typeof changedBy === 'string' && changedBy !== ''
          ? changedBy
          : item.lastModifiedBy?.user?.displayName,
      row,
    });
    return true;
  }

  function deltaList<L extends K>(s: ListState<Row<L>>): DeltaList<MirrorEntry<Row<L>>> {
    const window = windowOf(s.key);
    return {
      connection,
      def: s.def,
      itemsPath: itemsPath(s.key),
      pageSize,
      apply: (target, item) => applyItem(s, target, item),
      ...(window ? { window: { column: window.column, start: () => windowStart(s.key) } } : {}),
    };
  }

  async function syncList<L extends K>(s: ListState<Row<L>>): Promise<void> {
    const full = s.deltaLink === undefined;
    // A full enumeration fills a fresh map, so items deleted meanwhile disappear when it is swapped in.
    const target = full ? new Map<string, MirrorEntry<Row<L>>>() : s.entries;
    const list = deltaList(s);
    let deltaLink: string | undefined;
    let changed = false;
    try {
      if (full && list.window) {
        deltaLink = await loadWindow({ ...list, window: list.window }, target);
      } else {
        const start = s.deltaLink ? connection.toRequestPath(s.deltaLink) : deltaStart(list);
        const changes = await readDelta(list, start, target);
        changed = changes.applied;
        deltaLink = changes.deltaLink;
        // Entries without fields are read again (until they are in, the deltaLink is not kept, so a failure
        // here means the same changes come again next time rather than being dropped): on a first enumeration
        // by listing the list's items with their fields, else by id through $batch.
        if (changes.unread.size > 0) {
          const read = full
            ? await readAllItems(list, target)
            : await readItemsById(list, target, [...changes.unread]);
          if (read) changed = true;
        }
        // A deletion without an id (full enumerations start from a fresh map, so need no sweep).
        if (changes.unnamedDeletion && !full && (await sweepDeleted(list, target))) changed = true;
      }
    } catch (err) {
      // 410 Gone: the token expired; enumerate again from the start (https://learn.microsoft.com/en-us/graph/delta-query-overview).
      if (!full && err instanceof GraphRequestError && err.status === 410) {
        s.deltaLink = undefined;
        return syncList(s);
      }
      throw err;
    }
    if (full) {
      s.entries = target;
      changed = true;
    }
    const window = windowOf(s.key);
    if (window) {
      const cutoff = windowStart(s.key);
      for (const [id, entry] of s.entries) {
        if (window.at(entry.row) < cutoff) {
          s.entries.delete(id);
          changed = true;
        }
      }
    }
    s.deltaLink = deltaLink;
    if (changed) s.generation += 1;
  }

  /**
   * Every list syncs at once (each is one request per page): a start costs the slowest list's pages, not the
   * sum. Delta pages are sequential within a list, so this is at most one request per list in flight.
   */
  const limit = limiter(keys.length);
  const inFlight = new Set<Promise<void>>();
  const syncers = new Map<K, () => Promise<void>>();
  /** One sync per list at a time; a call during a sync runs one more after it (it may have missed the change). */
  function syncOne(key: K): Promise<void> {
    let syncer = syncers.get(key);
    if (!syncer) {
      syncer = coalesce(() => limit(() => syncList(state(key))));
      syncers.set(key, syncer);
    }
    const run = syncer();
    inFlight.add(run);
    void run.catch(() => undefined).finally(() => inFlight.delete(run));
    return run;
  }

  async function syncLists(lists: readonly K[]): Promise<void> {
    const results = await Promise.allSettled(lists.map(syncOne));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw asError(failed.reason);
  }

  /** Finishes what `afterSync` finishes; one pass at a time. */
  const afterSync = coalesce(() => options.afterSync?.() ?? Promise.resolve());

  async function syncNow(): Promise<void> {
    if (!states) throw new Error('The SEND records replica has not been started');
    await syncLists(held());
    syncedAt = now();
    await afterSync();
  }

  /** After our own write: bring the lists it touched up to date soon (others' changes to them included). */
  const requested = new Set<K>();
  function requestSync(key: K): void {
    if (stopped) return;
    if (requested.size === 0) {
      setTimeout(() => {
        const lists = [...requested];
        requested.clear();
        if (!stopped)
          syncLists(lists).catch((error: unknown) => report({ kind: 'sync-failed', error: asError(error) }));
      }, 0).unref();
    }
    requested.add(key);
  }

  // ---- the change journal (change-journal.ts): what idle instances watch instead of every list --------------
  let journalListId: string | undefined;
  const journal = createChangeJournal<K>({
    append: (fields) =>
      graphPost(
        connection,
        `/sites/${siteId}/lists/${journalListId}/items`,
        { fields: createFields(fields) },
        'journal a change',
      ),
    newId: options.newId,
    now,
    skip: keys.filter((k) => windowOf(k)),
    onError: (error) => report({ kind: 'sync-failed', error: asError(error) }),
  });
  let follower: ReturnType<typeof journalFollower> | undefined;
  let pruner: ReturnType<typeof journalPruner> | undefined;
  const idle = idlePolling<K>({
    journalNews: () => follower?.news() ?? Promise.resolve('all'),
    lists: held,
    sync: syncLists,
    prune: async () => pruner?.prune(),
  });

  // ---- change notifications (list-notifications.ts): an idle server that asks nothing -------------------------
  /** When a notification last named each list (a change the safety sweep finds soon after is not a miss). */
  const notifiedAt = new Map<K, number>();
  const notifications = options.notifications
    ? createListNotifications<K>({
        connection,
        siteId,
        now,
        ...options.notifications,
        onChanged: (lists) => {
          for (const key of lists) notifiedAt.set(key, now().getTime());
          if (stopped) return;
          syncLists(lists)
            .then(() => afterSync())
            .catch((error: unknown) => report({ kind: 'sync-failed', error: asError(error) }));
        },
        report: (error) => report({ kind: 'sync-failed', error }),
      })
    : undefined;
  const safetySweepEvery = options.notifications?.safetySweepEvery ?? SAFETY_SWEEP_EVERY_TICKS;
  let quietTicks = 0;
  let safetySwept = 0;

  /** One idle tick: nothing while notifications are live (but the safety sweep's turn), else the poll. */
  async function tick(): Promise<void> {
    await notifications?.maintain();
    if (!notifications?.active()) return idle.tick();
    quietTicks += 1;
    if (quietTicks % safetySweepEvery !== 0) return;
    const key = alwaysHeld[safetySwept % alwaysHeld.length];
    safetySwept += 1;
    if (key === undefined) return;
    const before = state(key).generation;
    await syncLists([key]);
    const announced = now().getTime() - (notifiedAt.get(key) ?? 0) < 2 * options.pollIntervalMs;
    if (state(key).generation !== before && !announced) notifications.suspect();
  }

  function schedulePoll(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      tick()
        .then(() => {
          syncedAt = now();
          return afterSync();
        })
        .catch((error: unknown) => report({ kind: 'sync-failed', error: asError(error) }))
        .finally(schedulePoll);
    }, options.pollIntervalMs);
    timer.unref();
  }

  // ---- writes: createOnce and patchIfMatch (list-writes.ts) over these lists ---------------------------------
  const writes: ListWrites<K> = siteListWrites<K>({
    connection,
    itemsPath,
    list: (key) => state(key).def,
    journal,
  });

  /** A value computed from some lists, computed again only when one of them has changed. */
  function view<T>(lists: readonly K[], compute: () => T): () => T {
    let stamp: string | undefined;
    let value: T;
    return () => {
      const current = lists.map((k) => state(k).generation).join(',');
      if (current !== stamp) {
        value = compute();
        stamp = current;
      }
      return value;
    };
  }

  return {
    connection,
    /** `/sites/{site}/lists/{list}/items` of a list. */
    itemsPath,
    writes,
    view,
    /** The items held of a list, by item id. */
    entries: <L extends K>(key: L): ReadonlyMap<string, MirrorEntry<Row<L>>> => state(key).entries,
    /** The first item held of a list that `match` accepts. */
    find: <L extends K>(key: L, match: (row: Row<L>) => boolean): MirrorEntry<Row<L>> | undefined => {
      for (const entry of state(key).entries.values()) if (match(entry.row)) return entry;
      return undefined;
    },
    /** Our own write, as SharePoint answered it: applied now, and the list synced again soon. */
    applyOwn: <L extends K>(key: L, item: SharePointItem): MirrorEntry<Row<L>> => {
      const s = state(key);
      if (applyItem(s, s.entries, item)) s.generation += 1;
      const entry = s.entries.get(item.id);
      if (!entry) throw new FieldError(s.def.displayName, item.id, undefined, 'could not be read back');
      requestSync(key);
      return entry;
    },
    /** SharePoint's answers to our creates, applied without a sync (the next poll brings anyone else's). */
    applyAnswers: (key: K, items: readonly SharePointItem[]): void => {
      const s = state(key);
      let applied = false;
      for (const item of items) if (applyItem(s, s.entries, item)) applied = true;
      if (applied) s.generation += 1;
    },
    /** The start of a windowed list's window (ISO instant, to the second). */
    windowStart,
    syncLists,
    syncNow,
    /** Reads a windowed list (now, and from then on with the others). */
    load: async (key: K): Promise<void> => {
      await syncOne(key);
      loaded.add(key);
    },
    /** Changes to every list held from the start (windowed lists excepted), as one comparable stamp. */
    changeStamp: () => alwaysHeld.map((k) => state(k).generation).join(','),
    isReady: () => ready,
    lastSyncedAt: () => syncedAt,
    /** A POST from Graph to our notification endpoint; how many notifications were believed (0 if none asked). */
    acceptNotifications: (body: unknown): number => notifications?.accept(body) ?? 0,
    /** Whether every list held has a live subscription (idle ticks then ask Graph nothing). */
    notificationsActive: (): boolean => notifications?.active() ?? false,

    /** Finds the lists (and the journal), checks the schema, loads every list and starts polling. */
    start: async (): Promise<void> => {
      stopped = false;
      const ids = await findListIds({
        connection,
        siteId,
        lists: [...keys.map((k) => options.lists[k]), CHANGE_JOURNAL_LIST],
      });
      // Reading columns an older site lacks would fail item by item; say what to do instead.
      const version = await siteSchemaVersion({ connection, siteId });
      if (version === undefined || version < options.schemaVersion)
        throw new SiteSchemaOutdatedError(version, options.schemaVersion);
      states ??= new Map(
        keys.map((key) => [
          key,
          {
            key,
            def: options.lists[key],
            listId: ids[options.lists[key].key],
            deltaLink: undefined,
            entries: new Map(),
            generation: 0,
          },
        ]),
      );
      journalListId = ids.changeJournal;
      follower ??= journalFollower({
        connection,
        listPath: `/sites/${siteId}/lists/${journalListId}`,
        isOwn: (entryId) => journal.isOwn(entryId),
      });
      pruner ??= journalPruner({ connection, listPath: `/sites/${siteId}/lists/${journalListId}`, now });
      // The journal is followed from before the lists are read, so nothing written meanwhile is missed.
      await follower.begin();
      await syncNow();
      ready = true;
      if (notifications) {
        notifications.watch(alwaysHeld.map((key) => ({ key, listId: state(key).listId })));
        // Subscribed after the first load, in the background so the start waits only for the records: a change
        // between the load and the subscription is found by the safety sweep, and until the subscriptions are
        // live, idle ticks poll as before.
        const subscribing = notifications.maintain();
        inFlight.add(subscribing);
        void subscribing.catch(() => undefined).finally(() => inFlight.delete(subscribing));
      }
      if (!timer) schedulePoll();
    },

    stop: async (): Promise<void> => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight, journal.flush(), notifications?.stop()]);
    },
  };
}
