import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../graph/send-records.ts';
import { createFileJournal, parseJournal, type JournalEntry } from './audit-journal.ts';
import { createAuditLogger } from './audit-logger.ts';

const entry = (n: number): JournalEntry => ({
  id: `entry-${n}`,
  at: '2026-11-23T09:00:00.000Z',
  actor: { userId: 'u1', upn: 'senco@school.example' },
  action: 'read',
  resource: 'passport',
  pupilId: `pupil-${n}`,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-journal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createFileJournal', () => {
  it('keeps what was appended for the next process, creating its folder', async () => {
    const path = join(dir, 'nested', 'audit-journal.jsonl');
    const first = createFileJournal(path);
    expect(await first.load()).toEqual([]);
    await first.append([{ t: 'entry', entry: entry(1) }]);
    await first.append([{ t: 'sent', ids: ['entry-1'] }]);
    // No close: the process is killed.
    const second = createFileJournal(path);
    expect(await second.load()).toEqual([
      { t: 'entry', entry: entry(1) },
      { t: 'sent', ids: ['entry-1'] },
    ]);
    await Promise.all([first.close(), second.close()]);
  });

  it('ignores a line cut short by a crash, and starts the next append on a line of its own', async () => {
    const path = join(dir, 'audit-journal.jsonl');
    const first = createFileJournal(path);
    await first.load();
    await first.append([{ t: 'entry', entry: entry(1) }]);
    await first.close();
    appendFileSync(path, '{"t":"entry","entry":{"id":"entr');

    const second = createFileJournal(path);
    expect(await second.load()).toEqual([{ t: 'entry', entry: entry(1) }]);
    await second.append([{ t: 'entry', entry: entry(2) }]);
    await second.close();
    expect(parseJournal(readFileSync(path, 'utf8')).records).toEqual([
      { t: 'entry', entry: entry(1) },
      { t: 'entry', entry: entry(2) },
    ]);
  });

  it('rewrites as a whole, and appends after a rewrite go to the new file', async () => {
    const path = join(dir, 'audit-journal.jsonl');
    const journal = createFileJournal(path);
    await journal.load();
    await journal.append([1, 2, 3].map((n) => ({ t: 'entry' as const, entry: entry(n) })));
    await journal.rewrite([{ t: 'entry', entry: entry(3) }]);
    await journal.append([{ t: 'entry', entry: entry(4) }]);
    await journal.close();
    expect(await createFileJournal(path).load()).toEqual([
      { t: 'entry', entry: entry(3) },
      { t: 'entry', entry: entry(4) },
    ]);
  });
});

describe('the audit logger on a file journal, across a crash', () => {
  it('sends every entry recorded before the crash exactly once after the restart', async () => {
    const path = join(dir, 'audit-journal.jsonl');
    const stored = new Map<string, AuditEntry>();
    const sent: string[] = [];
    const sharePoint = (entries: readonly AuditEntry[]) => {
      for (const e of entries) {
        sent.push(e.id!);
        if (!stored.has(e.id!)) stored.set(e.id!, e);
      }
      return Promise.resolve();
    };
    // The first process stores the first batch, then SharePoint hangs and the process is killed.
    let calls = 0;
    const first = createAuditLogger({
      journal: createFileJournal(path),
      append: (entries) => (++calls === 1 ? sharePoint(entries) : new Promise<void>(() => undefined)),
      flushIntervalMs: 60_000,
    });
    await first.record([entry(1), entry(2)]);
    await first.flush();
    await first.record(entry(3));
    void first.change({ ...entry(4), action: 'update' }, () => new Promise<void>(() => undefined));
    void first.flush();
    await vi.waitFor(() => expect(calls).toBe(2));

    const second = createAuditLogger({
      journal: createFileJournal(path),
      append: sharePoint,
      flushIntervalMs: 60_000,
    });
    expect(await second.flush()).toBe(true);
    expect([...stored.keys()].sort()).toEqual(['entry-1', 'entry-2', 'entry-3', 'entry-4']);
    expect(sent.filter((id) => id === 'entry-1')).toHaveLength(1);
    expect(stored.get('entry-4')?.detail).toMatch(/outcome unknown/);
    await second.close();
    expect(await createFileJournal(path).load()).toEqual([]);
  });
});

it('loses nothing when entries are recorded while batches are sent and the journal is compacted', async () => {
  const path = join(dir, 'audit-journal.jsonl');
  const stored = new Map<string, number>();
  const sharePoint = async (entries: readonly AuditEntry[]) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    for (const e of entries) stored.set(e.id!, (stored.get(e.id!) ?? 0) + 1);
  };
  const first = createAuditLogger({ journal: createFileJournal(path), append: sharePoint, batchSize: 7 });
  const recording = Array.from({ length: 120 }, async (_, n) => {
    await new Promise((resolve) => setTimeout(resolve, n % 5));
    await first.record(entry(n));
    if (n % 10 === 0) await first.flush();
  });
  await Promise.all(recording);
  // Killed without closing: what was not sent is in the journal.
  const second = createAuditLogger({ journal: createFileJournal(path), append: sharePoint });
  expect(await second.flush()).toBe(true);
  expect(stored.size).toBe(120);
  await second.close();
  await first.close();
});
