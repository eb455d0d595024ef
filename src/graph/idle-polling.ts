/**
 * What an idle replica asks Graph, one request per tick: the change journal (what SENCO Hub instances
 * changed) on most ticks, and on every `sweepEvery`-th tick one list of the slow sweep in turn, for edits made
 * in SharePoint itself. With the default 30 s tick and a sweep every 4th tick, idle traffic is one request per
 * 30 s, others' changes through SENCO Hub arrive within a minute, and a list edited outside it is read again
 * within 2 minutes × the number of lists (about 36 minutes for 18 lists).
 */
export type IdlePolling = { tick(): Promise<void> };

export function idlePolling<K extends string>(deps: {
  /** The journal's news since the last tick: lists others changed, or 'all' when it cannot tell. */
  journalNews: () => Promise<{ lists: readonly string[] } | 'all'>;
  /** Lists in sweep order; journal news naming anything else is ignored. */
  lists: () => readonly K[];
  sync: (keys: readonly K[]) => Promise<void>;
  sweepEvery?: number;
}): IdlePolling {
  const sweepEvery = deps.sweepEvery ?? 4;
  let ticks = 0;
  let swept = 0;
  return {
    async tick() {
      ticks += 1;
      const lists = deps.lists();
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
