/**
 * What an idle replica asks Graph, one request per tick: the change journal (what SENCO Hub instances
 * changed) on most ticks, and on every `sweepEvery`-th tick one list of the slow sweep in turn, for edits made
 * in SharePoint itself. With the default 30 s tick and a sweep every 4th tick, idle traffic is one request per
 * 30 s, others' changes through SENCO Hub arrive within a minute, and a list edited outside it is read again
 * within 2 minutes × the number of lists (about 36 minutes for 18 lists). Once an hour a tick prunes the journal
 * instead (one request to find old entries, one per entry deleted: as many, over time, as entries written).
 */
export type IdlePolling = { tick(): Promise<void> };

export function idlePolling<K extends string>(deps: {
  /** The journal's news since the last tick: lists others changed, or 'all' when it cannot tell. */
  journalNews: () => Promise<{ lists: readonly string[] } | 'all'>;
  /** Lists in sweep order; journal news naming anything else is ignored. */
  lists: () => readonly K[];
  sync: (keys: readonly K[]) => Promise<void>;
  sweepEvery?: number;
  /** Deletes journal entries no reader can need (change-journal.ts, journalPruner); on its own tick. */
  prune?: () => Promise<unknown>;
  /** Ticks between prunes: 120, an hour at 30 s, so the journal stays about a day long. */
  pruneEvery?: number;
}): IdlePolling {
  const sweepEvery = deps.sweepEvery ?? 4;
  const pruneEvery = deps.pruneEvery ?? 120;
  let ticks = 0;
  let swept = 0;
  return {
    async tick() {
      ticks += 1;
      const lists = deps.lists();
      if (deps.prune && ticks % pruneEvery === 0) {
        await deps.prune();
        return;
      }
      if (ticks % sweepEvery === 0) {
        const key = lists[swept % lists.length];
        swept += 1;
        if (key !== undefined) await deps.sync([key]);
        return;
      }
      const news = await deps.journalNews();
      const keys = news === 'all' ? lists : lists.filter((k) => news.lists.includes(k));
      if (keys.length > 0) await deps.sync(keys);
    },
  };
}
