import { randomUUID } from 'node:crypto';
import { BatchWriteError } from '../../graph/graph-request-error.ts';
import type { AuditEntry } from '../../graph/send-records.ts';

/**
 * The audit trail's buffer: requests record entries without waiting for SharePoint; the buffer is written in
 * batches on an interval (and sooner when a batch fills). A failed write keeps its entries, in order, for the
 * next attempt. `close()` writes what is left, retrying a few times; entries that still cannot be written are
 * handed to `onUndelivered` (by default printed to stderr as JSON lines) rather than dropped silently.
 */
export type AuditLogger = {
  record(entry: AuditEntry): void;
  /** Writes everything buffered now. Resolves true when the buffer is empty afterwards. */
  flush(): Promise<boolean>;
  /** Stops the interval and writes what is left. */
  close(): Promise<void>;
  /** Entries waiting to be written. */
  pending(): number;
};

export type AuditLoggerOptions = {
  append: (entries: readonly AuditEntry[]) => Promise<void>;
  /** Default 2 seconds. */
  flushIntervalMs?: number;
  /** Entries per append call; a full batch is written without waiting for the interval. Default 100. */
  batchSize?: number;
  /** Attempts on close before giving up. Default 5. */
  closeAttempts?: number;
  /** Pause between attempts on close. Default 500 ms. */
  closeRetryDelayMs?: number;
  /** A write failed; its entries are kept. Default: console.warn. */
  onError?: (err: unknown, waiting: number) => void;
  /** Entries that could not be written by the time of shutdown. Default: JSON lines on stderr. */
  onUndelivered?: (entries: readonly AuditEntry[]) => void;
  /** Entry ids. Default: random UUIDs. */
  newId?: () => string;
};

export function createAuditLogger(options: AuditLoggerOptions): AuditLogger {
  const batchSize = options.batchSize ?? 100;
  const onError =
    options.onError ??
    ((err: unknown, waiting: number) => {
      console.warn(`Audit: could not write entries (${waiting} waiting); will retry.`, err);
    });
  const onUndelivered =
    options.onUndelivered ??
    ((entries: readonly AuditEntry[]) => {
      for (const entry of entries) process.stderr.write(`AUDIT-UNDELIVERED ${JSON.stringify(entry)}\n`);
    });

  const newId = options.newId ?? randomUUID;
  let buffer: AuditEntry[] = [];
  // One write at a time, in order: each flush waits for the one before.
  let chain: Promise<boolean> = Promise.resolve(true);
  let closed = false;

  async function drain(): Promise<boolean> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, batchSize);
      try {
        await options.append(batch);
      } catch (err) {
        if (err instanceof BatchWriteError) {
          // The rest of the batch is stored: keep only what failed, in order.
          const failed = new Set(err.failures.map((f) => f.id));
          buffer = [
            ...batch.filter((e) => e.id !== undefined && failed.has(e.id)),
            ...buffer.slice(batch.length),
          ];
        }
        onError(err, buffer.length);
        return false;
      }
      buffer = buffer.slice(batch.length);
    }
    return true;
  }

  function flush(): Promise<boolean> {
    chain = chain.then(drain, drain);
    return chain;
  }

  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 2000);
  // The interval must not keep the process alive on its own.
  timer.unref();

  return {
    record(entry) {
      buffer.push(entry.id === undefined ? { id: newId(), ...entry } : entry);
      if (buffer.length >= batchSize || closed) void flush();
    },
    flush,
    pending: () => buffer.length,
    async close() {
      closed = true;
      clearInterval(timer);
      const attempts = options.closeAttempts ?? 5;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        if (await flush()) return;
        if (attempt < attempts) {
          await new Promise((resolve) => setTimeout(resolve, options.closeRetryDelayMs ?? 500));
        }
      }
      const undelivered = buffer;
      buffer = [];
      onUndelivered(undelivered);
    },
  };
}
