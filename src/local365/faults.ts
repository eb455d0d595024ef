import type { SharePointQuirks } from './context.ts';
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
    /** With `fraction`: the same seed fails the same requests on every run (reproducible tests). */
    seed?: number;
    retryAfterSeconds?: number;
    pathPrefix?: string;
    method?: string;
    /**
     * Carry the request out, then answer with the failure: a write applied whose answer was lost (a gateway
     * timeout, a dropped connection), which a client cannot tell from one refused.
     */
    afterApplying?: boolean;
  };
  /** Which of SharePoint's ways of answering to give (context.ts `SharePointQuirks`). */
  sharePoint?: SharePointQuirks;
  /**
   * For crash tests of a server process that serves the stand-in itself: the process kills itself (SIGKILL,
   * as `kill -9` would) when the `atRequest`-th matching request arrives — `before` it is applied, or `after`
   * it is applied and before it is answered. Counts requests whose method is not GET (or is `method`) and
   * whose path starts with one of `pathPrefixes` (default any). Honoured only when the stand-in was created
   * with `crashSwitch: true`.
   */
  crash?: {
    atRequest: number;
    when: 'before' | 'after';
    method?: string;
    pathPrefixes?: string[];
  };
};

export type FaultState = {
  readonly settings: FaultSettings;
  set(settings: FaultSettings): void;
  clear(): void;
  decide(req: GraphRequest): FaultDecision;
  /** How many requests the switches have failed since the last set/clear. */
  readonly failedCount: number;
  /** True when the crash switch says to die at this request, in this phase. */
  crashesAt(req: GraphRequest, phase: 'before' | 'after'): boolean;
};

export function createFaultState(random: () => number = Math.random): FaultState {
  let settings: FaultSettings = {};
  let remaining = 0;
  let failedCount = 0;
  let crashCount = 0;
  let draw = random;
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
      crashCount = 0;
      draw = next.failure?.seed === undefined ? random : seededRandom(next.failure.seed);
    },
    clear() {
      settings = {};
      remaining = 0;
      failedCount = 0;
      crashCount = 0;
      draw = random;
    },
    crashesAt(req, phase) {
      const c = settings.crash;
      if (!c) return false;
      const method = req.method.toUpperCase();
      if (c.method ? c.method.toUpperCase() !== method : method === 'GET') return false;
      if (c.pathPrefixes && !c.pathPrefixes.some((p) => req.path.startsWith(p))) return false;
      // Counted once, on arrival; the phase picks the moment.
      if (phase === 'before') crashCount += 1;
      return crashCount === c.atRequest && phase === c.when;
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
        fail = draw() < f.fraction;
      }
      if (!fail) return undefined;
      failedCount += 1;
      return {
        status: f.status,
        retryAfterSeconds: f.retryAfterSeconds ?? 1,
        ...(f.afterApplying ? { afterApplying: true } : {}),
      };
    },
  };
}

/** mulberry32: a small, well-mixed generator; enough to pick which requests fail. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
