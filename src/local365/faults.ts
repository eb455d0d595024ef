import type { FaultDecision, GraphRequest } from './graph/dispatcher.ts';

/**
 * Fault switches for tests and benchmarks: added latency per HTTP request, and throttling (429) or
 * busy (503) answers with Retry-After for the next N requests or a fraction of them.
 * Faults apply to every dispatched Graph request, inner $batch requests included (Graph throttles
 * those one by one); `pathPrefix` narrows them, e.g. to '/sites/' so the $batch envelope itself passes.
 */
export type FaultSettings = {
  latencyMs?: number;
  failure?: {
    status: 429 | 503;
    /** Fail the next `count` matching requests… */
    count?: number;
    /** …or each matching request with this probability (0–1). */
    fraction?: number;
    retryAfterSeconds?: number;
    pathPrefix?: string;
    method?: string;
  };
};

export type FaultState = {
  readonly settings: FaultSettings;
  set(settings: FaultSettings): void;
  clear(): void;
  decide(req: GraphRequest): FaultDecision;
  /** How many requests the switches have failed since the last set/clear. */
  readonly failedCount: number;
};

export function createFaultState(random: () => number = Math.random): FaultState {
  let settings: FaultSettings = {};
  let remaining = 0;
  let failedCount = 0;
  return {
    get settings() {
      return settings;
    },
    get failedCount() {
      return failedCount;
    },
    set(next) {
      settings = next;
      remaining = next.failure?.count ?? 0;
      failedCount = 0;
    },
    clear() {
      settings = {};
      remaining = 0;
      failedCount = 0;
    },
    decide(req) {
      const f = settings.failure;
      if (!f) return undefined;
      if (f.pathPrefix && !req.path.startsWith(f.pathPrefix)) return undefined;
      if (f.method && f.method.toUpperCase() !== req.method.toUpperCase()) return undefined;
      let fail = false;
      if (f.count !== undefined) {
        if (remaining > 0) {
          remaining -= 1;
          fail = true;
        }
      } else if (f.fraction !== undefined) {
        fail = random() < f.fraction;
      }
      if (!fail) return undefined;
      failedCount += 1;
      return { status: f.status, retryAfterSeconds: f.retryAfterSeconds ?? 1 };
    },
  };
}
