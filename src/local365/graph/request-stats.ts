/**
 * Counts the Graph requests the stand-in serves, the way Microsoft Graph and SharePoint throttling count them:
 * every request inside a `$batch` counts as one request, and the `$batch` envelope is counted apart
 * (https://learn.microsoft.com/en-us/graph/throttling — "JSON batching … each request is evaluated
 * individually against throttling limits"). Read at GET /local365/stats, reset by DELETE /local365/stats.
 */
export type RequestStatsSnapshot = {
  /** Since when (ISO instant). */
  since: string;
  /** Requests served, each request inside a $batch counted; envelopes not counted. */
  requests: number;
  /** `$batch` envelopes (not counted in `requests`). */
  batchEnvelopes: number;
  /** Requests that answered 4xx or 5xx (throttling included). */
  failed: number;
  /** By method and Graph path template, most first, e.g. `GET /sites/{site-id}/lists/{list-id}/items/delta`. */
  byOperation: { operation: string; count: number }[];
};

export type RequestStats = {
  count(input: { method: string; template: string | undefined; status: number; envelope: boolean }): void;
  snapshot(): RequestStatsSnapshot;
  reset(): void;
};

export function createRequestStats(now: () => Date): RequestStats {
  let since = now().toISOString();
  let requests = 0;
  let batchEnvelopes = 0;
  let failed = 0;
  let byOperation = new Map<string, number>();
  return {
    count({ method, template, status, envelope }) {
      if (envelope) {
        batchEnvelopes += 1;
        return;
      }
      requests += 1;
      if (status >= 400) failed += 1;
      const key = `${method.toUpperCase()} ${template ?? '(no such operation)'}`;
      byOperation.set(key, (byOperation.get(key) ?? 0) + 1);
    },
    snapshot() {
      return {
        since,
        requests,
        batchEnvelopes,
        failed,
        byOperation: [...byOperation]
          .map(([operation, count]) => ({ operation, count }))
          .sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation)),
      };
    },
    reset() {
      since = now().toISOString();
      requests = 0;
      batchEnvelopes = 0;
      failed = 0;
      byOperation = new Map();
    },
  };
}
