import { ConflictError, BatchWriteError, GraphRequestError } from '../../graph/graph-request-error.ts';
import type { AuditEntry } from '../../graph/send-records.ts';
import { createMemoryJournal, type AuditJournal, type JournalRecord } from './audit-journal.ts';
import { createAuditLogger, type AuditLoggerOptions } from './audit-logger.ts';

function entry(n: number): AuditEntry {
  return {
    id: `entry-${n}`,
    at: `2026-11-23T09:00:${String(n % 60).padStart(2, '0')}.000Z`,
    actor: { userId: 'u1', upn: 'senco@school.example' },
    action: 'read',
    resource: 'pupil',
    pupilId: `pupil-${n}`,
  };
}

/** SharePoint's audit list: one item per entry id (EntryId is unique), whatever is sent twice. */
function auditList() {
  const stored = new Map<string, AuditEntry>();
  const sent: string[] = [];
  return {
    stored,
    sent,
    append: (entries: readonly AuditEntry[]) => {
      for (const e of entries) {
        sent.push(e.id!);
        if (!stored.has(e.id!)) stored.set(e.id!, e);
      }
      return Promise.resolve();
    },
  };
}

const never = () => new Promise<void>(() => undefined);

function logger(options: Partial<AuditLoggerOptions> & Pick<AuditLoggerOptions, 'append'>) {
  return createAuditLogger({ flushIntervalMs: 60_000, onError: () => {}, ...options });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createAuditLogger: entries are durable before the answer', () => {
  it('resolves record only once the journal holds the entry', async () => {
    let release: (() => void) | undefined;
    const records: JournalRecord[] = [];
    const journal: AuditJournal = {
      ...createMemoryJournal(records),
      append: async (added) => {
        await new Promise<void>((resolve) => (release = resolve));
        records.push(...added);
      },
    };
    const audit = logger({ append: () => Promise.resolve(), journal });
    let durable = false;
    const recorded = audit.record(entry(1)).then(() => (durable = true));
    await vi.waitFor(() => expect(release).toBeDefined());
    expect(durable).toBe(false);
    release!();
    await recorded;
    expect(records).toEqual([{ t: 'entry', entry: entry(1) }]);
  });

  it('refuses the record when the journal cannot be written, so no answer goes unaudited', async () => {
    const journal: AuditJournal = {
      ...createMemoryJournal(),
      append: () => Promise.reject(new Error('ENOSPC: no space left on device')),
    };
    const audit = logger({ append: () => Promise.resolve(), journal });
    await expect(audit.record(entry(1))).rejects.toThrow('ENOSPC');
  });

  it('gives entries recorded together one journal write', async () => {
    const journal = createMemoryJournal();
    const appends: number[] = [];
    const counting: AuditJournal = {
      ...journal,
      append: async (added) => {
        appends.push(added.length);
        await journal.append(added);
      },
    };
    const audit = logger({ append: () => Promise.resolve(), journal: counting });
    await audit.opened;
    await Promise.all([1, 2, 3, 4].map((n) => audit.record(entry(n))));
    // The first write starts at once; the three recorded meanwhile share the next.
    expect(appends).toEqual([1, 3]);
  });
});

describe('createAuditLogger: sending to SharePoint', () => {
  it('sends journaled entries in one batch on the interval, not on each request', async () => {
    vi.useFakeTimers();
    const list = auditList();
    const audit = createAuditLogger({ append: list.append, flushIntervalMs: 1000 });
    await audit.record(entry(1));
    await audit.record(entry(2));
    expect(list.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(list.sent).toEqual(['entry-1', 'entry-2']);
    expect(audit.pending()).toBe(0);
    await audit.close();
  });

  it('sends a full batch at once, in batches of the given size', async () => {
    const batches: number[] = [];
    const audit = logger({
      append: (entries) => {
        batches.push(entries.length);
        return Promise.resolve();
      },
      batchSize: 3,
    });
    for (let n = 1; n <= 7; n++) await audit.record(entry(n));
    await audit.flush();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(7);
    expect(Math.max(...batches)).toBeLessThanOrEqual(3);
    await audit.close();
  });

  it('keeps entries, in order, when a write fails and sends them on the next attempt', async () => {
    const list = auditList();
    let failures = 1;
    const errors: unknown[] = [];
    const audit = logger({
      append: (entries) => (failures-- > 0 ? Promise.reject(new Error('429')) : list.append(entries)),
      onError: (err) => errors.push(err),
    });
    await audit.record(entry(1));
    expect(await audit.flush()).toBe(false);
    await audit.record(entry(2));
    expect(audit.pending()).toBe(2);
    expect(await audit.flush()).toBe(true);
    expect([...list.stored.keys()]).toEqual(['entry-1', 'entry-2']);
    expect(errors).toHaveLength(1);
    await audit.close();
  });

  it('sends again only the entries that failed when part of a batch was stored', async () => {
    const attempts: string[][] = [];
    let first = true;
    const audit = logger({
      append: (entries) => {
        attempts.push(entries.map((e) => e.id ?? ''));
        if (!first) return Promise.resolve();
        first = false;
        const throttled = new GraphRequestError({ status: 429, message: 'Too many', operation: 'audit' });
        return Promise.reject(new BatchWriteError('append audit', [{ id: 'entry-2', error: throttled }]));
      },
    });
    await audit.record([entry(1), entry(2), entry(3)]);
    expect(await audit.flush()).toBe(false);
    expect(audit.pending()).toBe(1);
    expect(await audit.flush()).toBe(true);
    expect(attempts).toEqual([['entry-1', 'entry-2', 'entry-3'], ['entry-2']]);
    await audit.close();
  });

  it('gives each entry its id when recorded, so a resent entry is the same entry', async () => {
    const attempts: string[][] = [];
    let failures = 1;
    const { id: _id, ...withoutId } = entry(1);
    const audit = logger({
      append: (entries) => {
        attempts.push(entries.map((e) => e.id ?? ''));
        return failures-- > 0 ? Promise.reject(new Error('timeout')) : Promise.resolve();
      },
      newId: () => 'assigned-1',
    });
    await audit.record(withoutId);
    await audit.flush();
    await audit.flush();
    expect(attempts).toEqual([['assigned-1'], ['assigned-1']]);
    await audit.close();
  });

  it('waits while the records are loading, then sends', async () => {
    const list = auditList();
    let ready = false;
    const audit = logger({ append: list.append, canSend: () => ready });
    await audit.record(entry(1));
    expect(await audit.flush()).toBe(false);
    ready = true;
    expect(await audit.flush()).toBe(true);
    expect([...list.stored.keys()]).toEqual(['entry-1']);
  });

  it('hands entries a memory journal could not send by shutdown to onUndelivered', async () => {
    const undelivered: AuditEntry[] = [];
    const audit = logger({
      append: () => Promise.reject(new Error('SharePoint is down')),
      closeAttempts: 2,
      closeRetryDelayMs: 1,
      onUndelivered: (entries) => undelivered.push(...entries),
    });
    await audit.record(entry(1));
    await audit.close();
    expect(undelivered).toEqual([entry(1)]);
  });

  it('empties the journal once SharePoint holds everything', async () => {
    const journal = createMemoryJournal();
    const audit = logger({ append: auditList().append, journal });
    await audit.record([entry(1), entry(2)]);
    expect(journal.records).toHaveLength(2);
    await audit.flush();
    expect(journal.records).toEqual([]);
  });
});

describe('createAuditLogger: changes', () => {
  const update: AuditEntry = { ...entry(9), action: 'update', resource: 'passport', detail: 'replacing "3"' };

  it('journals the entry before the change is written, and its outcome after', async () => {
    const journal = createMemoryJournal();
    const audit = logger({ append: auditList().append, journal });
    const seenDuringWrite: JournalRecord[] = [];
    const result = await audit.change(
      update,
      () => {
        seenDuringWrite.push(...journal.records);
        return Promise.resolve({ version: 4 });
      },
      { detail: (saved) => `version ${saved.version}` },
    );
    expect(result).toEqual({ version: 4 });
    expect(seenDuringWrite).toEqual([{ t: 'entry', entry: update, open: true }]);
    expect(journal.records.at(-1)).toEqual({
      t: 'outcome',
      id: 'entry-9',
      result: 'applied',
      detail: 'version 4',
    });
  });

  it('does not send an entry while its change is under way', async () => {
    const list = auditList();
    const audit = logger({ append: list.append });
    let finish: (() => void) | undefined;
    const changing = audit.change(update, () => new Promise<void>((resolve) => (finish = resolve)));
    await vi.waitFor(() => expect(finish).toBeDefined());
    await audit.flush();
    expect(list.sent).toEqual([]);
    finish!();
    await changing;
    await audit.flush();
    expect(list.sent).toEqual(['entry-9']);
  });

  it('withdraws the entry of a change refused for its version: nothing was written', async () => {
    const list = auditList();
    const audit = logger({ append: list.append });
    await expect(
      audit.change(update, () => Promise.reject(new ConflictError('passport', undefined))),
    ).rejects.toBeInstanceOf(ConflictError);
    await audit.flush();
    expect(list.sent).toEqual([]);
    expect(audit.pending()).toBe(0);
  });

  it('keeps the entry of a change that failed in a way that may have written, saying so', async () => {
    const list = auditList();
    const audit = logger({ append: list.append });
    await expect(audit.change(update, () => Promise.reject(new Error('socket hang up')))).rejects.toThrow();
    await audit.flush();
    expect(list.stored.get('entry-9')?.detail).toBe('replacing "3"; outcome unknown: socket hang up');
  });
});

describe('createAuditLogger: replay after a crash', () => {
  it('sends on start what a crash left unsent (between journal and SharePoint), once', async () => {
    const journal = createMemoryJournal();
    // The first process: SharePoint never answers, then the process dies.
    const first = logger({ append: never, journal });
    await first.record([entry(1), entry(2)]);
    void first.flush();

    const list = auditList();
    const second = logger({ append: list.append, journal });
    await second.flush();
    expect([...list.stored.keys()]).toEqual(['entry-1', 'entry-2']);
    expect(list.sent).toEqual(['entry-1', 'entry-2']);
    expect(journal.records).toEqual([]);
  });

  it('stores an entry once when the crash came after SharePoint stored it but before the journal knew', async () => {
    const journal = createMemoryJournal();
    const list = auditList();
    // SharePoint stores the batch, but the process dies before its answer is handled.
    const first = logger({
      append: async (entries) => {
        await list.append(entries);
        await never();
      },
      journal,
    });
    await first.record([entry(1), entry(2)]);
    void first.flush();
    await vi.waitFor(() => expect(list.sent).toHaveLength(2));

    const second = logger({ append: list.append, journal });
    expect(await second.flush()).toBe(true);
    // Sent twice, stored once: the list keeps one item per entry id.
    expect(list.sent).toEqual(['entry-1', 'entry-2', 'entry-1', 'entry-2']);
    expect([...list.stored.keys()]).toEqual(['entry-1', 'entry-2']);
    expect(second.pending()).toBe(0);
  });

  it('sends a change the crash interrupted, with its outcome unknown', async () => {
    const journal = createMemoryJournal();
    const first = logger({ append: never, journal });
    void first.change({ ...entry(5), action: 'update', detail: 'K from 2026-11-16' }, never);
    await vi.waitFor(() => expect(journal.records).toHaveLength(1));

    const list = auditList();
    const second = logger({ append: list.append, journal });
    await second.flush();
    expect(list.stored.get('entry-5')).toMatchObject({
      action: 'update',
      detail: 'K from 2026-11-16; outcome unknown: the server stopped during the change',
    });
  });

  it('does not send a withdrawn change or a sent entry again after a restart', async () => {
    const journal = createMemoryJournal();
    const list = auditList();
    const first = logger({ append: list.append, journal });
    await first.record(entry(1));
    await first.flush();
    await expect(
      first.change(entry(2), () => Promise.reject(new ConflictError('passport', undefined))),
    ).rejects.toThrow();
    await first.record(entry(3));

    const second = logger({ append: list.append, journal });
    await second.flush();
    expect(list.sent).toEqual(['entry-1', 'entry-3']);
  });
});

it('keeps the detail a change was recorded with when its outcome adds none', async () => {
  const list = auditList();
  const audit = logger({ append: list.append });
  await audit.change({ ...entry(3), action: 'update', detail: 'reading' }, () => Promise.resolve());
  await audit.flush();
  expect(list.stored.get('entry-3')?.detail).toBe('reading');
});

/** SharePoint's audit list holding groups: one item per group id (EntryId is unique), all of a group or none. */
function groupList() {
  const items = new Map<string, readonly AuditEntry[]>();
  const attempts: string[] = [];
  return {
    items,
    attempts,
    entries: () => [...items.values()].flat(),
    appendGroup: (groupId: string, entries: readonly AuditEntry[]) => {
      attempts.push(groupId);
      if (!items.has(groupId)) items.set(groupId, entries);
      return Promise.resolve();
    },
  };
}

describe('createAuditLogger: the entries of one send in one item', () => {
  it('sends a class view of thirty pupils as one item, and a lone entry as before', async () => {
    const list = auditList();
    const groups = groupList();
    const audit = logger({ append: list.append, appendGroup: groups.appendGroup, newId: () => 'group-1' });
    await audit.record(Array.from({ length: 30 }, (_, i) => entry(i + 1)));
    await audit.flush();
    expect(groups.items.size).toBe(1);
    expect(groups.entries().map((e) => e.pupilId)).toEqual(
      Array.from({ length: 30 }, (_, i) => `pupil-${i + 1}`),
    );
    expect(list.sent).toEqual([]);
    await audit.record(entry(31));
    await audit.flush();
    expect(list.sent).toEqual(['entry-31']);
    expect(audit.pending()).toBe(0);
    await audit.close();
  });

  it('puts what one item cannot hold in the next one, in order, nothing left out', async () => {
    const groups = groupList();
    let n = 0;
    const audit = logger({
      append: () => Promise.reject(new Error('not expected')),
      appendGroup: groups.appendGroup,
      // About four entries' text a group.
      groupMaxChars: 600,
      newId: () => `group-${++n}`,
    });
    await audit.record(Array.from({ length: 10 }, (_, i) => entry(i + 1)));
    await audit.flush();
    expect(groups.items.size).toBeGreaterThan(1);
    expect(groups.entries().map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `entry-${i + 1}`));
    for (const members of groups.items.values()) expect(JSON.stringify(members).length).toBeLessThan(2000);
    await audit.close();
  });

  it('crash: a group stored whose answer was lost, then the process killed, is sent again as the same item', async () => {
    const journal = createMemoryJournal();
    const groups = groupList();
    let ids = 0;
    const newId = () => `id-${++ids}`;
    // SharePoint stores the item, but the answer never arrives; then the process dies.
    const first = logger({
      append: () => Promise.reject(new Error('not expected')),
      appendGroup: async (groupId, entries) => {
        await groups.appendGroup(groupId, entries);
        throw new Error('socket hang up');
      },
      journal,
      newId,
    });
    await first.record([entry(1), entry(2), entry(3)]);
    expect(await first.flush()).toBe(false);
    const firstGroup = groups.attempts[0];

    // The next start replays the journal: the group was decided before the first attempt, so it is the same.
    const single = auditList();
    const second = logger({ append: single.append, appendGroup: groups.appendGroup, journal, newId });
    await second.opened;
    await second.record(entry(4));
    expect(await second.flush()).toBe(true);
    expect(groups.attempts.slice(0, 2)).toEqual([firstGroup, firstGroup]);
    // Each entry stored once: the group once, the later entry on its own.
    expect(groups.items.get(firstGroup!)?.map((e) => e.id)).toEqual(['entry-1', 'entry-2', 'entry-3']);
    expect(groups.entries()).toHaveLength(3);
    expect(single.sent).toEqual(['entry-4']);
    expect(second.pending()).toBe(0);
  });

  it('crash: the process killed between deciding a group and sending it sends that group on the next start', async () => {
    const journal = createMemoryJournal();
    const groups = groupList();
    let ids = 0;
    const first = logger({
      append: () => Promise.reject(new Error('not expected')),
      appendGroup: never,
      journal,
      newId: () => `first-${++ids}`,
    });
    await first.record([entry(1), entry(2)]);
    void first.flush();
    await vi.waitFor(() => expect(journal.records.some((r) => r.t === 'group')).toBe(true));
    const decided = journal.records.find((r) => r.t === 'group');

    const second = logger({
      append: () => Promise.reject(new Error('not expected')),
      appendGroup: groups.appendGroup,
      journal,
      newId: () => `second-${++ids}`,
    });
    expect(await second.flush()).toBe(true);
    expect([...groups.items.keys()]).toEqual([decided?.t === 'group' ? decided.id : 'missing']);
    expect(groups.entries().map((e) => e.id)).toEqual(['entry-1', 'entry-2']);
  });
});
