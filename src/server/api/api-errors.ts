import type { Versioned } from '../../graph/send-records.ts';

/**
 * Errors the API throws with what the caller should be told; src/server/http/web-app.ts turns them into
 * HTTP once. Handlers never write error responses themselves.
 */

/** 404: no such thing, or nothing the caller may know exists (never 403, so existence does not leak). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** 403: the caller knows the thing exists but their role may not do this with it. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** 503 with Retry-After: the records are still loading. */
export class NotReadyError extends Error {
  override name = 'NotReadyError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** 428: a change to something versioned must say which version it was made from. */
export class PreconditionRequiredError extends Error {
  override name = 'PreconditionRequiredError';
}

/**
 * 415: the body is not JSON, or not UTF-8 (the only encoding for JSON exchanged between systems, RFC 8259
 * §8.1). Raised at the HTTP edge (src/server/http/request-hygiene.ts).
 */
export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
}

/**
 * 409 raised by the API itself (e.g. acknowledging a passport version that is no longer current), or a
 * version conflict with what the caller may see of the stored version (conflict-answers.ts).
 */
export class StaleVersionError extends Error {
  override name = 'StaleVersionError';
  constructor(
    message: string,
    /** Undefined when the record has since been deleted. */
    readonly current: Versioned<unknown> | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
