import type { GraphConnection } from './graph-client.ts';
import { batchMemberError, GraphRequestError } from './graph-request-error.ts';
import { graphPost } from './graph-requests.ts';
import { eq, itemsQueryString } from './odata.ts';

/**
 * JSON batching (https://learn.microsoft.com/en-us/graph/json-batching): at most 20 requests per batch; the envelope answers 200 even when members
 * fail, so every member's status is checked; members are throttled one by one, so a 429 or 503 inside the
 * batch is retried on its own after its Retry-After, with the members that depend on it. A member that got a
 * 2xx is never sent again, so no write is applied twice by a retry.
 */

export const MAX_BATCH_SIZE = 20;

export type BatchRequest = {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the version root, query already encoded: '/sites/{s}/lists/{l}/items'. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Ids of requests in the same call that must succeed first (they travel in the same batch). */
  dependsOn?: string[];
  /**
   * For a POST that creates a list item: its unique key column and value. A keyed create that finally fails is
   * "maybe created" (see readBackKeyedCreates) and is looked up by this key before it is called failed.
   */
  key?: { column: string; value: string };
};

export type BatchResult = {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set when the member finally failed (after any retries). */
  error?: GraphRequestError;
  /**
   * A keyed create that failed, whose key was then found stored (by this request in an attempt that failed
   * on the way back, or by another writer first): `body` is the stored item.
   */
  alreadyStored?: true;
};

type WireResponse = { id: string; status: number; headers?: Record<string, string>; body?: unknown };

/** Sends one batch (≤ 20 members) and returns Graph's answers, in any order. */
export type SendBatch = (requests: BatchRequest[]) => Promise<WireResponse[]>;

export type BatchOptions = {
  /** For error messages: 'import SENCO Hub Pupils'. */
  operation: string;
  /** Times a throttled member is sent again. Default 6. */
  maxRounds?: number;
  /** Batches in flight at once. Default 2: SharePoint counts each member against the app's budget. */
  concurrency?: number;
  /** Longest wait honoured between rounds, in seconds. Default 120. */
  maxWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait, e.g. to report progress. */
  onThrottled?: (info: { members: number; waitSeconds: number }) => void;
  /** Told when a batch is settled (every member answered finally), with its results. */
  onBatchSettled?: (results: BatchResult[]) => void;
};

const RETRYABLE = new Set([429, 503, 504]);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Groups requests joined by dependsOn (they must share a batch), then packs groups into batches of ≤ 20. */
export function planBatches(requests: readonly BatchRequest[]): BatchRequest[][] {
  const byId = new Map<string, BatchRequest>();
  for (const r of requests) {
    const key = r.id.toLowerCase();
    if (byId.has(key)) throw new RangeError(`Batch request ids must be unique: '${r.id}'`);
    byId.set(key, r);
  }
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const key of byId.keys()) parent.set(key, key);
  for (const r of requests) {
    for (const dep of r.dependsOn ?? []) {
      const depKey = dep.toLowerCase();
      if (!byId.has(depKey) || depKey === r.id.toLowerCase())
        throw new RangeError(`Request '${r.id}' depends on '${dep}', which is not another request here`);
      parent.set(find(r.id.toLowerCase()), find(depKey));
    }
  }
  const groups = new Map<string, BatchRequest[]>();
  for (const r of requests) {
    const root = find(r.id.toLowerCase());
    groups.set(root, [...(groups.get(root) ?? []), r]);
  }
  const batches: BatchRequest[][] = [];
  for (const group of groups.values()) {
    if (group.length > MAX_BATCH_SIZE)
      throw new RangeError(`${group.length} requests depend on each other; a batch holds ${MAX_BATCH_SIZE}`);
    const fits = batches.find((b) => b.length + group.length <= MAX_BATCH_SIZE);
    if (fits) fits.push(...group);
    else batches.push([...group]);
  }
  return batches;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function failed(id: string, error: GraphRequestError): BatchResult {
  return { id, status: error.status, headers: {}, body: undefined, error };
}

async function runOneBatch(
  send: SendBatch,
  batch: BatchRequest[],
  options: Required<Omit<BatchOptions, 'onThrottled' | 'onBatchSettled'>> & Pick<BatchOptions, 'onThrottled'>,
): Promise<BatchResult[]> {
  const results = new Map<string, BatchResult>();
  const pending = new Map(batch.map((r) => [r.id.toLowerCase(), r]));
  const lastAnswer = new Map<string, WireResponse>();
  for (let round = 0; pending.size > 0; round++) {
    // A member whose dependency finally failed fails too (Graph's 424), without being sent.
    let settled = false;
    while (!settled) {
      settled = true;
      for (const [key, r] of pending) {
        const failedDep = (r.dependsOn ?? [])
          .map((d) => results.get(d.toLowerCase()))
          .find((res) => res?.error !== undefined);
        if (failedDep) {
          results.set(
            key,
            failed(
              r.id,
              new GraphRequestError({
                status: 424,
                code: 'FailedDependency',
                message: `Not sent: request '${failedDep.id}' it depends on failed`,
                operation: options.operation,
              }),
            ),
          );
          pending.delete(key);
          settled = false;
        }
      }
    }
    if (pending.size === 0) break;
    if (round > options.maxRounds) {
      for (const [key, r] of pending) {
        const answer = lastAnswer.get(key);
        results.set(
          key,
          failed(
            r.id,
            answer
              ? batchMemberError(answer, options.operation)
              : new GraphRequestError({ status: 0, message: 'Gave up', operation: options.operation }),
          ),
        );
      }
      break;
    }
    const wire = [...pending.values()].map((r) => {
      const dependsOn = (r.dependsOn ?? []).filter((d) => pending.has(d.toLowerCase()));
      const headers = { ...(r.headers ?? {}) };
      if (r.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['Content-Type'] = 'application/json';
      return {
        id: r.id,
        method: r.method,
        url: r.url,
        ...(Object.keys(headers).length ? { headers } : {}),
        ...(r.body !== undefined ? { body: r.body } : {}),
        ...(dependsOn.length ? { dependsOn } : {}),
      };
    });
    let answers: WireResponse[];
    try {
      answers = await send(wire);
    } catch (err) {
      // The envelope itself failed after the connection's own retries: nothing in it is known to be applied.
      const error =
        err instanceof GraphRequestError
          ? err
          : new GraphRequestError({
              status: 0,
              message: String(err),
              operation: options.operation,
              cause: err,
            });
      for (const [key, r] of pending) results.set(key, failed(r.id, error));
      break;
    }
    const byId = new Map(answers.map((a) => [a.id.toLowerCase(), a]));
    let waitSeconds = 0;
    let throttled = 0;
    for (const [key, r] of [...pending]) {
      const answer = byId.get(key);
      if (!answer) {
        // Unanswered: it may or may not have run, so it is not resent.
        results.set(
          key,
          failed(
            r.id,
            new GraphRequestError({
              status: 0,
              message: 'No answer for this request in the batch response',
              operation: options.operation,
            }),
          ),
        );
        pending.delete(key);
        continue;
      }
      lastAnswer.set(key, answer);
      const headers = lowerKeys(answer.headers);
      if (answer.status < 400) {
        results.set(key, { id: r.id, status: answer.status, headers, body: answer.body });
        pending.delete(key);
      } else if (RETRYABLE.has(answer.status)) {
        throttled += 1;
        const error = batchMemberError(answer, options.operation);
        waitSeconds = Math.max(waitSeconds, error.retryAfterSeconds ?? 2 ** round);
      } else if (answer.status === 424) {
        // Its dependency was throttled this round (else it is settled above next round): send again with it.
      } else {
        results.set(key, failed(r.id, batchMemberError(answer, options.operation)));
        pending.delete(key);
      }
    }
    if (pending.size > 0 && throttled > 0 && round < options.maxRounds) {
      const wait = Math.min(waitSeconds, options.maxWaitSeconds);
      options.onThrottled?.({ members: throttled, waitSeconds: wait });
      await options.sleep(wait * 1000);
    }
  }
  return batch.map((r) => results.get(r.id.toLowerCase())!);
}

/** Runs requests in batches of ≤ 20 and answers every request by id, failures included (never throws for them). */
export async function executeBatch(
  send: SendBatch,
  requests: readonly BatchRequest[],
  options: BatchOptions,
): Promise<Map<string, BatchResult>> {
  const resolved = {
    operation: options.operation,
    maxRounds: options.maxRounds ?? 6,
    concurrency: Math.max(1, options.concurrency ?? 2),
    maxWaitSeconds: options.maxWaitSeconds ?? 120,
    sleep: options.sleep ?? defaultSleep,
    onThrottled: options.onThrottled,
  };
  const batches = planBatches(requests);
  const results = new Map<string, BatchResult>();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const settled = await readBackKeyedCreates(
        send,
        batch,
        await runOneBatch(send, batch, resolved),
        resolved,
      );
      for (const result of settled) results.set(result.id, result);
      options.onBatchSettled?.(settled);
    }
  };
  await Promise.all(Array.from({ length: Math.min(resolved.concurrency, batches.length) }, worker));
  return results;
}

/**
 * A failed create does not say whether the item was created. SharePoint refuses a duplicate in a unique column
 * with 500 and SPDuplicateValuesFoundException's text, not 409 (https://github.com/pnp/pnpcore/issues/1280);
 * a 503 or 504, a member with no answer or a failed envelope can come after the write was applied. So every
 * keyed create that finally failed (except 424: never sent) has its key read back, in batches of GETs; when an
 * item holds it, the result becomes that item, marked `alreadyStored`. When the read fails too, the create's
 * own error stands.
 */
async function readBackKeyedCreates(
  send: SendBatch,
  batch: readonly BatchRequest[],
  settled: BatchResult[],
  options: Required<Omit<BatchOptions, 'onThrottled' | 'onBatchSettled'>> & Pick<BatchOptions, 'onThrottled'>,
): Promise<BatchResult[]> {
  const results = new Map(settled.map((r) => [r.id, r]));
  const maybe = batch.filter((r) => {
    const result = results.get(r.id);
    return r.method === 'POST' && r.key && result?.error && result.status !== 424;
  });
  if (maybe.length === 0) return settled;
  const reads: BatchRequest[] = maybe.map((r) => ({
    id: r.id,
    method: 'GET',
    url: `${r.url.split('?')[0]}${itemsQueryString({ filter: eq(r.key!.column, r.key!.value) })}`,
  }));
  const operation = `${options.operation} (reading back keys of failed creates)`;
  const answers = await runOneBatch(send, reads, { ...options, operation });
  for (const answer of answers) {
    const stored = (answer.body as { value?: unknown[] } | undefined)?.value?.[0];
    if (answer.error || stored === undefined) continue;
    results.set(answer.id, { id: answer.id, status: 200, headers: {}, body: stored, alreadyStored: true });
  }
  return settled.map((r) => results.get(r.id)!);
}

/** `executeBatch` over the connection's POST /$batch. */
export function runBatch(
  connection: GraphConnection,
  requests: readonly BatchRequest[],
  options: BatchOptions,
): Promise<Map<string, BatchResult>> {
  const send: SendBatch = async (wire) =>
    (
      await graphPost<{ responses: WireResponse[] }>(
        connection,
        '/$batch',
        { requests: wire },
        `${options.operation} ($batch)`,
      )
    ).responses;
  return executeBatch(send, requests, options);
}
