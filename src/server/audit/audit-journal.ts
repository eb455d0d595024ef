import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEntry } from '../../graph/send-records.ts';

/**
 * The audit trail's local journal: an append-only file of JSON lines, each written and fsync'd before the
 * answer it audits is sent, so an entry survives `kill -9` or a power cut and is sent to SharePoint on the
 * next start. What the journal holds is a fold over its lines (audit-logger.ts): an entry, the outcome of a
 * change it describes, and the ids SharePoint has stored.
 *
 * Why a journal rather than writing to SharePoint before answering: a read would then wait for a Graph round
 * trip (and fail whenever SharePoint throttles the audit list), while an fsync'd local append costs a few
 * milliseconds and entries recorded together share one fsync. Durability is the host's disk: the journal's
 * folder must be kept across restarts (README, "Audit journal").
 */
export type JournalEntry = AuditEntry & { id: string };

export type JournalRecord =
  /** An entry to send. `open`: a change about to be made, whose outcome is not known yet. */
  | { t: 'entry'; entry: JournalEntry; open?: true }
  /** How a change ended: applied, refused (nothing changed: the entry is withdrawn) or unknown. */
  | { t: 'outcome'; id: string; result: 'applied' | 'not-applied' | 'unknown'; detail?: string }
  /**
   * These entries go to SharePoint together, as one item keyed by `id` (decided once, before the first attempt,
   * so a retry after a crash sends the same item and the audit list keeps it once).
   */
  | { t: 'group'; id: string; ids: string[] }
  /** SharePoint holds these entries now. */
  | { t: 'sent'; ids: string[] };

export interface AuditJournal {
  /** True when appended records survive a crash of the process (false: kept in memory only). */
  readonly durable: boolean;
  /** Everything the journal holds, oldest first. Called once, before anything is appended. */
  load(): Promise<JournalRecord[]>;
  /** Resolves once the records are on disk. */
  append(records: readonly JournalRecord[]): Promise<void>;
  /** Replaces everything by these records, atomically (a crash leaves either the old or the new journal). */
  rewrite(records: readonly JournalRecord[]): Promise<void>;
  close(): Promise<void>;
}

const toLines = (records: readonly JournalRecord[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');

/** Parses the journal's text. A line cut short by a crash (necessarily the last) is ignored. */
export function parseJournal(text: string): { records: JournalRecord[]; complete: number } {
  const complete = text.lastIndexOf('\n') + 1;
  const records: JournalRecord[] = [];
  for (const line of text.slice(0, complete).split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      // Only an interrupted write leaves a bad line; its answer was never sent.
    }
  }
  return { records, complete: Buffer.byteLength(text.slice(0, complete)) };
}

async function syncFolder(folder: string): Promise<void> {
  // A new or renamed file is only durable once its folder's entry is.
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The journal in a file (created with its folder when missing). */
export function createFileJournal(path: string): AuditJournal {
  const folder = dirname(path);
  let handle: FileHandle | undefined;

  const appendHandle = async () => (handle ??= await open(path, 'a'));

  return {
    durable: true,
    async load() {
      await mkdir(folder, { recursive: true });
      let text = '';
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const { records, complete } = parseJournal(text);
      const file = await appendHandle();
      // Cut a torn last line, so the next append starts on a line of its own.
      if (complete !== Buffer.byteLength(text)) {
        await file.truncate(complete);
        await file.sync();
      }
      await syncFolder(folder);
      return records;
    },
    async append(records) {
      if (records.length === 0) return;
      const file = await appendHandle();
      await file.write(toLines(records));
      await file.sync();
    },
    async rewrite(records) {
      // A name of its own for each rewrite: two rewrites at once (a compaction while another process opens the
      // same journal) must not rename one file twice, which fails and leaves the compaction undone.
      const next = `${path}.${randomUUID()}.next`;
      const file = await open(next, 'w');
      try {
        await file.write(toLines(records));
        await file.sync();
      } finally {
        await file.close();
      }
      await handle?.close();
      handle = undefined;
      await rename(next, path);
      await syncFolder(folder);
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}

/** A journal in memory: for tests of the API on fake records, where no process is killed. */
export function createMemoryJournal(
  records: JournalRecord[] = [],
): AuditJournal & { records: JournalRecord[] } {
  return {
    durable: false,
    records,
    load: () => Promise.resolve([...records]),
    append(added) {
      records.push(...added);
      return Promise.resolve();
    },
    rewrite(next) {
      records.splice(0, records.length, ...next);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}
