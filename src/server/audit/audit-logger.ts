import { randomUUID } from 'node:crypto';
import { AUDIT_GROUP_MAX_CHARS, auditGroupChars } from '../../graph/audit-log-list.ts';
import { BatchWriteError, ConflictError } from '../../graph/graph-request-error.ts';
import type { AuditEntry } from '../../graph/send-records.ts';
import { StaleVersionError } from '../api/api-errors.ts';
import {
  createMemoryJournal,
  type AuditJournal,
  type JournalEntry,
  type JournalRecord,
} from './audit-journal.ts';

/**
 * The audit trail. Every entry is in the journal (audit-journal.ts: fsync'd to local disk) before the answer
 * it audits is sent: `record` resolves only then, and handlers await it before answering. The journal is
 * sent to SharePoint's audit list in the background, in order, in batches; on start it is replayed, so
 * entries a crash left unsent are sent then. Nothing is lost, and nothing is stored twice: each entry has
 * its id from the moment it is recorded, and the audit list keeps one item per id (EntryId is unique; a
 * resent entry is answered 409 and counts as stored).
 *
 * Changes are journaled in two steps (`change`): the entry BEFORE the write, marked open, and its outcome
 * after. So whenever a change is applied, its entry exists, even if the process dies between SharePoint's
 * write and the answer. An outcome of "not applied" (a version conflict: nothing was written) withdraws the
 * entry; an entry still open on start, or a change that failed in a way that may have written something,
 * is sent saying that its outcome is unknown.
 *
 * With `appendGroup`, the entries waiting at each send go to SharePoint as one item (or a few, when their text
 * would not fit one): a class view of thirty pupils, or everything read in two busy seconds, costs one list
 * item and one request rather than one per entry. The group is journaled before its first attempt, so an
 * attempt cut short (its answer lost, the process killed) is retried as the same item under the same key, and
 * the audit list keeps it once. A lone entry goes as before, one item naming its pupil.
 */
export type AuditLogger = {
  /** Journals an entry. Resolves once it is durable: await it before answering. */
  record(entries: AuditEntry | readonly AuditEntry[]): Promise<void>;
  /** Journals the entries of a change before `write`, and how it ended after. Returns what `write` does. */
  change<T>(
    entries: AuditEntry | readonly AuditEntry[],
    write: () => Promise<T>,
    settle?: Settle<T>,
  ): Promise<T>;
  /** Sends every settled entry now. Resolves true when none is left to send. */
  flush(): Promise<boolean>;
  /** Stops the interval and sends what is left; unsent entries stay in the journal for the next start. */
  close(): Promise<void>;
  /** Entries journaled and not yet stored in SharePoint (including changes still under way). */
  pending(): number;
  /** Resolves once the journal is read and replayed; rejects if it cannot be (the server should not start). */
  opened: Promise<void>;
};

export type Settle<T> = {
  /** The entry's detail once the change is applied (e.g. the new version number). */
  detail?: (result: T, entry: AuditEntry) => string | undefined;
  /** Errors that mean nothing was written. Default: version conflicts (409). */
  notApplied?: (err: unknown) => boolean;
};

export type AuditLoggerOptions = {
  append: (entries: readonly AuditEntry[]) => Promise<void>;
  /** Stores entries as one item keyed by `groupId`, all or none (SendRecords.appendAuditGroup). */
  appendGroup?: (groupId: string, entries: readonly JournalEntry[]) => Promise<void>;
  /** Characters of a group's text (default AUDIT_GROUP_MAX_CHARS, what one audit item holds). */
  groupMaxChars?: number;
  /** Where entries are kept until SharePoint has them. Default: in memory (tests only: not crash-safe). */
  journal?: AuditJournal;
  /** False while entries cannot be sent yet (the records are loading); the interval tries again. */
  canSend?: () => boolean;
  /** Default 2 seconds. */
  flushIntervalMs?: number;
  /** Entries per append call; a full batch is sent without waiting for the interval. Default 100. */
  batchSize?: number;
  /** Attempts on close before giving up. Default 5. */
  closeAttempts?: number;
  /** Pause between attempts on close. Default 500 ms. */
  closeRetryDelayMs?: number;
  /** A write failed; its entries are kept. Default: console.warn. */
  onError?: (err: unknown, waiting: number) => void;
  /** Entries a journal that is not durable could not send by shutdown. Default: JSON lines on stderr. */
  onUndelivered?: (entries: readonly AuditEntry[]) => void;
  /** Entry ids. Default: random UUIDs. */
  newId?: () => string;
};

/** Journal lines between compactions, when entries are still waiting. */
const COMPACT_AFTER = 1000;

const isVersionConflict = (err: unknown) => err instanceof ConflictError || err instanceof StaleVersionError;

export function createAuditLogger(options: AuditLoggerOptions): AuditLogger {
  const batchSize = options.batchSize ?? 100;
  const journal = options.journal ?? createMemoryJournal();
  const newId = options.newId ?? randomUUID;
  const canSend = options.canSend ?? (() => true);
  const onError =
    options.onError ??
    ((err: unknown, waiting: number) => {
      console.warn(`Audit: could not send entries to SharePoint (${waiting} waiting); will retry.`, err);
    });
  const onUndelivered =
    options.onUndelivered ??
    ((entries: readonly AuditEntry[]) => {
      for (const entry of entries) process.stderr.write(`AUDIT-UNDELIVERED ${JSON.stringify(entry)}\n`);
    });

  /**
   * Journaled, not yet stored in SharePoint, in the order recorded. `open`: a change under way. `group`: the
   * item it is to be sent in, once decided.
   */
  const held = new Map<string, { entry: JournalEntry; open: boolean; group?: string }>();
  let linesSinceCompaction = 0;

  /** The journal's meaning: applied to each record once it is durable, and to every record on replay. */
  function apply(record: JournalRecord): void {
    linesSinceCompaction += 1;
    if (record.t === 'entry') {
      held.set(record.entry.id, { entry: record.entry, open: record.open === true });
    } else if (record.t === 'outcome') {
      const found = held.get(record.id);
      if (!found) return;
      if (record.result === 'not-applied') {
        held.delete(record.id);
        return;
      }
      held.set(record.id, {
        entry: record.detail !== undefined ? { ...found.entry, detail: record.detail } : found.entry,
        open: false,
      });
    } else if (record.t === 'group') {
      for (const id of record.ids) {
        const found = held.get(id);
        if (found) found.group = record.id;
      }
    } else {
      for (const id of record.ids) held.delete(id);
    }
  }

  // Journal writes, one at a time: records waiting meanwhile share the next write and its fsync.
  let queue: { records: JournalRecord[]; done: (err?: Error) => void }[] = [];
  let writing: Promise<void> = Promise.resolve();
  let pumping = false;
  let compactWanted = false;

  async function pump(): Promise<void> {
    pumping = true;
    // The flag is cleared in the same turn as the last look at the queue, so nothing queued is left behind.
    try {
      while (queue.length > 0 || compactWanted) {
        const batch = queue;
        queue = [];
        if (batch.length > 0) {
          const records = batch.flatMap((b) => b.records);
          try {
            await journal.append(records);
            records.forEach(apply);
            batch.forEach((b) => b.done());
          } catch (err) {
            const failure = err instanceof Error ? err : new Error(String(err));
            batch.forEach((b) => b.done(failure));
          }
        }
        if (compactWanted && queue.length === 0) {
          compactWanted = false;
          await compact().catch((err: unknown) => onError(err, held.size));
        }
      }
    } finally {
      pumping = false;
    }
  }

  function journaled(records: JournalRecord[]): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      queue.push({ records, done: (err) => (err === undefined ? resolve() : reject(err)) });
    });
    if (!pumping) writing = pump();
    return written;
  }

  /** The journal rewritten as just what it still holds. */
  async function compact(): Promise<void> {
    const live: JournalRecord[] = [...held.values()].map(({ entry, open }) =>
      open ? { t: 'entry', entry, open: true } : { t: 'entry', entry },
    );
    const groups = new Map<string, string[]>();
    for (const { entry, group } of held.values())
      if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), entry.id]);
    for (const [id, ids] of groups) live.push({ t: 'group', id, ids });
    await journal.rewrite(live);
    linesSinceCompaction = live.length;
  }

  const loaded: Promise<void> = (async () => {
    (await journal.load()).forEach(apply);
    // A change still open was under way when the process stopped: whether it was applied is not known.
    const interrupted: JournalRecord[] = [...held.values()]
      .filter((h) => h.open)
      .map(({ entry }) => ({
        t: 'outcome',
        id: entry.id,
        result: 'unknown',
        detail: withNote(entry.detail, 'outcome unknown: the server stopped during the change'),
      }));
    if (interrupted.length > 0) await journal.append(interrupted);
    interrupted.forEach(apply);
    await compact();
  })();
  // Awaited by every call; a journal that cannot be read fails them all (and `opened`), never silently.
  loaded.catch(() => undefined);

  // Sending, one batch at a time, in order.
  let chain: Promise<boolean> = Promise.resolve(true);
  let closed = false;

  const groupMaxChars = options.groupMaxChars ?? AUDIT_GROUP_MAX_CHARS;

  /**
   * The next group to send: one journaled by an earlier attempt, as it was; else the settled entries in the
   * order recorded, as many as fit one item. Undefined when the next entry goes alone.
   */
  async function nextGroup(
    settled: { entry: JournalEntry; group?: string }[],
  ): Promise<{ id: string; entries: JournalEntry[] } | undefined> {
    const earlier = settled.find((h) => h.group !== undefined)?.group;
    if (earlier !== undefined)
      return { id: earlier, entries: settled.filter((h) => h.group === earlier).map((h) => h.entry) };
    const entries: JournalEntry[] = [];
    let chars = 1;
    for (const { entry } of settled) {
      const more = auditGroupChars(entry);
      if (chars + more > groupMaxChars) break;
      entries.push(entry);
      chars += more;
    }
    if (entries.length < 2) return undefined;
    const id = newId();
    await journaled([{ t: 'group', id, ids: entries.map((e) => e.id) }]);
    return { id, entries };
  }

  async function drain(): Promise<boolean> {
    await loaded;
    if (!canSend()) return false;
    for (;;) {
      const settled = [...held.values()].filter((h) => !h.open);
      if (settled.length === 0) break;
      const group = options.appendGroup ? await nextGroup(settled) : undefined;
      if (group && options.appendGroup) {
        try {
          await options.appendGroup(group.id, group.entries);
        } catch (err) {
          // Nothing of the group is stored (one item): all of it is sent again, as the same item.
          onError(err, held.size);
          return false;
        }
        await journaled([{ t: 'sent', ids: group.entries.map((e) => e.id) }]);
        continue;
      }
      const batch = settled.slice(0, options.appendGroup ? 1 : batchSize).map((h) => h.entry);
      let stored = batch.map((e) => e.id);
      let failure: unknown;
      try {
        await options.append(batch);
      } catch (err) {
        failure = err;
        // Part of a batch may be stored: only the entries that failed are sent again.
        const failed = err instanceof BatchWriteError ? new Set(err.failures.map((f) => f.id)) : undefined;
        stored = failed ? stored.filter((id) => !failed.has(id)) : [];
      }
      // If this line is lost, the entries are sent again on start and the audit list keeps one of each.
      if (stored.length > 0) await journaled([{ t: 'sent', ids: stored }]);
      if (failure !== undefined) {
        onError(failure, held.size);
        return false;
      }
    }
    if (held.size === 0 ? linesSinceCompaction > 0 : linesSinceCompaction > COMPACT_AFTER) {
      compactWanted = true;
      await journaled([]);
    }
    return true;
  }

  function flush(): Promise<boolean> {
    chain = chain.then(drain, drain).catch((err: unknown) => {
      onError(err, held.size);
      return false;
    });
    return chain;
  }

  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 2000);
  // The interval must not keep the process alive on its own.
  timer.unref();

  const withIds = (entries: AuditEntry | readonly AuditEntry[]): JournalEntry[] =>
    (Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry]).map((e) =>
      e.id === undefined ? { ...e, id: newId() } : (e as JournalEntry),
    );

  const afterRecording = () => {
    const settled = [...held.values()].filter((h) => !h.open).length;
    if (settled >= batchSize || closed) void flush();
  };

  return {
    async record(entries) {
      await loaded;
      const list = withIds(entries);
      await journaled(list.map((entry) => ({ t: 'entry', entry })));
      afterRecording();
    },

    async change(entries, write, settle = {}) {
      await loaded;
      const list = withIds(entries);
      await journaled(list.map((entry) => ({ t: 'entry', entry, open: true })));
      let result: Awaited<ReturnType<typeof write>>;
      try {
        result = await write();
      } catch (err) {
        const notApplied = (settle.notApplied ?? isVersionConflict)(err);
        const why = err instanceof Error ? err.message : String(err);
        await journaled(
          list.map((entry) =>
            notApplied
              ? { t: 'outcome', id: entry.id, result: 'not-applied' }
              : {
                  t: 'outcome',
                  id: entry.id,
                  result: 'unknown',
                  detail: withNote(entry.detail, `outcome unknown: ${why}`),
                },
          ),
        ).catch(() => undefined);
        throw err;
      }
      // The change is applied and its entry is already durable: a failure to journal the outcome leaves
      // the entry open, and the next start sends it as "outcome unknown"; the answer still goes out.
      await journaled(
        list.map((entry) => {
          const detail = settle.detail?.(result, entry);
          return {
            t: 'outcome',
            id: entry.id,
            result: 'applied',
            ...(detail !== undefined ? { detail } : {}),
          };
        }),
      ).catch((err: unknown) => onError(err, held.size));
      afterRecording();
      return result;
    },

    flush,
    pending: () => held.size,
    opened: loaded,

    async close() {
      closed = true;
      clearInterval(timer);
      await loaded.catch(() => undefined);
      const attempts = options.closeAttempts ?? 5;
      let sent = false;
      for (let attempt = 1; attempt <= attempts && !sent; attempt++) {
        sent = await flush();
        if (!sent && attempt < attempts) {
          await new Promise((resolve) => setTimeout(resolve, options.closeRetryDelayMs ?? 500));
        }
      }
      await writing;
      await journal.close();
      if (!sent && !journal.durable) {
        const undelivered = [...held.values()].map((h) => h.entry);
        held.clear();
        onUndelivered(undelivered);
      }
    },
  };
}

function withNote(detail: string | undefined, note: string): string {
  return detail ? `${detail}; ${note}` : note;
}
