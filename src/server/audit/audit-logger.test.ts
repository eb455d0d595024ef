import { BatchWriteError, GraphRequestError } from '../../graph/graph-request-error.ts';
import type { AuditEntry } from '../../graph/send-records.ts';
import { createAuditLogger } from './audit-logger.ts';

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

afterEach(() => {
  vi.useRealTimers();
});

describe('createAuditLogger', () => {
  it('writes buffered entries in one batch on the interval, not on each request', async () => {
    vi.useFakeTimers();
    const batches: AuditEntry[][] = [];
    const audit = createAuditLogger({
      append: (entries) => {
        batches.push([...entries]);
        return Promise.resolve();
      },
      flushIntervalMs: 1000,
    });
    audit.record(entry(1));
    audit.record(entry(2));
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toEqual([[entry(1), entry(2)]]);
    expect(audit.pending()).toBe(0);
    await audit.close();
  });

  it('writes a full batch at once, without waiting for the interval', async () => {
    const batches: number[] = [];
    const audit = createAuditLogger({
      append: (entries) => {
        batches.push(entries.length);
        return Promise.resolve();
      },
      flushIntervalMs: 60_000,
      batchSize: 3,
    });
    for (let n = 1; n <= 7; n++) audit.record(entry(n));
    await audit.flush();
    expect(batches).toEqual([3, 3, 1]);
    await audit.close();
  });

  it('keeps entries, in order, when a write fails and writes them on the next attempt', async () => {
    const written: AuditEntry[] = [];
    let failures = 1;
    const errors: unknown[] = [];
    const audit = createAuditLogger({
      append: (entries) => {
        if (failures-- > 0) return Promise.reject(new Error('429 Too Many Requests'));
        written.push(...entries);
        return Promise.resolve();
      },
      flushIntervalMs: 60_000,
      onError: (err) => errors.push(err),
    });
    audit.record(entry(1));
    expect(await audit.flush()).toBe(false);
    audit.record(entry(2));
    expect(audit.pending()).toBe(2);
    expect(await audit.flush()).toBe(true);
    expect(written).toEqual([entry(1), entry(2)]);
    expect(errors).toHaveLength(1);
    await audit.close();
  });

  it('loses nothing on shutdown: close writes what is left, retrying a failing write', async () => {
    const written: AuditEntry[] = [];
    let failures = 2;
    const audit = createAuditLogger({
      append: (entries) => {
        if (failures-- > 0) return Promise.reject(new Error('503'));
        written.push(...entries);
        return Promise.resolve();
      },
      flushIntervalMs: 60_000,
      closeRetryDelayMs: 1,
      onError: () => {},
    });
    audit.record(entry(1));
    audit.record(entry(2));
    await audit.close();
    expect(written).toEqual([entry(1), entry(2)]);
  });

  it('hands entries it could not write by shutdown to onUndelivered rather than dropping them', async () => {
    const undelivered: AuditEntry[] = [];
    const audit = createAuditLogger({
      append: () => Promise.reject(new Error('SharePoint is down')),
      flushIntervalMs: 60_000,
      closeAttempts: 2,
      closeRetryDelayMs: 1,
      onError: () => {},
      onUndelivered: (entries) => undelivered.push(...entries),
    });
    audit.record(entry(1));
    await audit.close();
    expect(undelivered).toEqual([entry(1)]);
    expect(audit.pending()).toBe(0);
  });

  it('writes one batch at a time, so entries reach the list in the order they were recorded', async () => {
    const order: string[] = [];
    let release: (() => void) | undefined;
    const audit = createAuditLogger({
      append: async (entries) => {
        order.push(`start ${entries.map((e) => e.pupilId).join(',')}`);
        if (!release) await new Promise<void>((resolve) => (release = resolve));
        order.push(`end ${entries.map((e) => e.pupilId).join(',')}`);
      },
      flushIntervalMs: 60_000,
    });
    audit.record(entry(1));
    const first = audit.flush();
    await vi.waitFor(() => expect(release).toBeDefined());
    // Recorded while the first batch is still being written.
    audit.record(entry(2));
    const second = audit.flush();
    release!();
    await Promise.all([first, second]);
    expect(order).toEqual(['start pupil-1', 'end pupil-1', 'start pupil-2', 'end pupil-2']);
    await audit.close();
  });

  it('gives each entry an id when recorded, so a retried write cannot store it twice', async () => {
    const attempts: AuditEntry[][] = [];
    let failures = 1;
    const { id: _id, ...withoutId } = entry(1);
    const audit = createAuditLogger({
      append: (entries) => {
        attempts.push([...entries]);
        return failures-- > 0 ? Promise.reject(new Error('timeout')) : Promise.resolve();
      },
      flushIntervalMs: 60_000,
      newId: () => 'assigned-1',
      onError: () => {},
    });
    audit.record(withoutId);
    await audit.flush();
    await audit.flush();
    expect(attempts.map((batch) => batch.map((e) => e.id))).toEqual([['assigned-1'], ['assigned-1']]);
    await audit.close();
  });

  it('retries only the entries that failed when part of a batch was stored', async () => {
    const attempts: string[][] = [];
    let first = true;
    const audit = createAuditLogger({
      append: (entries) => {
        attempts.push(entries.map((e) => e.id ?? ''));
        if (!first) return Promise.resolve();
        first = false;
        const throttled = new GraphRequestError({
          status: 429,
          message: 'Too many requests',
          operation: 'audit',
        });
        return Promise.reject(new BatchWriteError('append audit', [{ id: 'entry-2', error: throttled }]));
      },
      flushIntervalMs: 60_000,
      onError: () => {},
    });
    for (let n = 1; n <= 3; n++) audit.record(entry(n));
    expect(await audit.flush()).toBe(false);
    expect(audit.pending()).toBe(1);
    expect(await audit.flush()).toBe(true);
    expect(attempts).toEqual([['entry-1', 'entry-2', 'entry-3'], ['entry-2']]);
    await audit.close();
  });
});
