import { GraphError } from '@microsoft/microsoft-graph-client';
import type { Versioned } from './send-records.ts';

/**
 * One error type for every failed Graph call, whatever raised it (the client library's GraphError, an inner
 * $batch response, a network failure): status, Graph's error code, the request id Microsoft support asks for,
 * and what we were doing. Made once, at the edge of each call, by `toGraphRequestError`.
 */
export class GraphRequestError extends Error {
  override name = 'GraphRequestError';
  /** HTTP status; 0 when no response arrived (network failure). */
  readonly status: number;
  /** Graph's `error.code`, e.g. 'itemNotFound', 'nameAlreadyExists', 'resyncChangesApplyDifferences'. */
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  /** What we were doing, e.g. 'create item in SENCO Hub Passports'. */
  readonly operation: string;
  /** Seconds, from Retry-After, when Graph said when to come back. */
  readonly retryAfterSeconds: number | undefined;
  /** Response headers worth keeping (Location on a 410). */
  readonly location: string | undefined;

  constructor(input: {
    status: number;
    code?: string | undefined;
    requestId?: string | undefined;
    message: string;
    operation: string;
    retryAfterSeconds?: number | undefined;
    location?: string | undefined;
    cause?: unknown;
  }) {
    const where = input.requestId ? ` (request-id ${input.requestId})` : '';
    super(
      `${input.operation}: ${input.status || 'no response'}${input.code ? ` ${input.code}` : ''}: ${input.message}${where}`,
      input.cause === undefined ? undefined : { cause: input.cause },
    );
    this.status = input.status;
    this.code = input.code;
    this.requestId = input.requestId;
    this.operation = input.operation;
    this.retryAfterSeconds = input.retryAfterSeconds;
    this.location = input.location;
  }

  get isThrottled(): boolean {
    return this.status === 429 || this.status === 503 || this.status === 504;
  }
}

/**
 * Someone else changed the record since the caller read it (SharePoint's 412 on If-Match, or a version
 * another writer created first). Carries the current version so the caller can show it and merge.
 */
export class ConflictError<T> extends Error {
  override name = 'ConflictError';
  constructor(
    /** What was being saved, e.g. 'passport', 'settings'. */
    readonly resource: string,
    /** The version now stored; undefined if the record has since been deleted. */
    readonly current: Versioned<T> | undefined,
    options?: { cause?: unknown },
  ) {
    super(`The ${resource} was changed by someone else; reload it and apply your change again`, options);
  }
}

/** Some members of a multi-write failed; the others were applied (and are not in `failures`). */
export class BatchWriteError<T = unknown> extends Error {
  override name = 'BatchWriteError';
  constructor(
    operation: string,
    /** The writes that failed, with what was being written (to retry just those). */
    readonly failures: readonly { id: string; error: GraphRequestError; record?: T }[],
  ) {
    super(
      `${operation}: ${failures.length} write(s) failed; first: ${failures[0]?.error.message ?? 'unknown'}`,
    );
  }
}

/** Graph's error body: { error: { code, message, innerError: { 'request-id' } } }. */
type GraphErrorBody = {
  error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> };
};

function headerValue(
  headers: Headers | Record<string, string> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry?.[1];
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: () => number = Date.now): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now()) / 1000));
}

/** An error from an inner $batch response (status, headers and Graph's error body). */
export function batchMemberError(
  response: { status: number; headers?: Record<string, string> | undefined; body?: unknown },
  operation: string,
): GraphRequestError {
  const body = (response.body ?? {}) as GraphErrorBody;
  const inner = body.error?.innerError;
  return new GraphRequestError({
    status: response.status,
    code: typeof body.error?.code === 'string' ? body.error.code : undefined,
    message: typeof body.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`,
    requestId:
      (typeof inner?.['request-id'] === 'string' ? inner['request-id'] : undefined) ??
      headerValue(response.headers, 'request-id'),
    operation,
    retryAfterSeconds: parseRetryAfter(headerValue(response.headers, 'Retry-After')),
    location: headerValue(response.headers, 'Location'),
  });
}

/** Turns whatever a Graph call threw into a GraphRequestError with context. Used once per call. */
export function toGraphRequestError(err: unknown, operation: string): GraphRequestError {
  if (err instanceof GraphRequestError) return err;
  if (err instanceof GraphError) {
    let code = err.code ?? undefined;
    let message = err.message;
    if (!code || !message) {
      try {
        const parsed = JSON.parse(String(err.body)) as { code?: string; message?: string };
        code ??= parsed.code;
        message ||= parsed.message ?? '';
      } catch {
        // Not Graph's JSON: keep what the client gave us.
      }
    }
    return new GraphRequestError({
      status: err.statusCode > 0 ? err.statusCode : 0,
      code: code ?? undefined,
      requestId: err.requestId ?? headerValue(err.headers, 'request-id'),
      message: message || `HTTP ${err.statusCode}`,
      operation,
      retryAfterSeconds: parseRetryAfter(headerValue(err.headers, 'Retry-After')),
      location: headerValue(err.headers, 'Location'),
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new GraphRequestError({ status: 0, message, operation, cause: err });
}
