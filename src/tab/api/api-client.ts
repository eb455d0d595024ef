import { isErrorAnswer, type ErrorAnswer } from '../../contract/errors.ts';
import { takeEarlyAnswer, type EarlyAnswer } from './early-answers.ts';

/** A failed call to our server, with what the server said. */
export class ApiError extends Error {
  override name = 'ApiError';
  /** The body as the contract types a refusal (src/contract/errors.ts); undefined when it is not one. */
  readonly answer: ErrorAnswer | undefined;
  constructor(
    readonly status: number,
    /** The answer's `error.code`; `timeout`, `offline` or `error` when the server gave none. */
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.answer = isErrorAnswer(body) ? body : undefined;
  }
}

export type GetToken = () => Promise<string>;

/** A path on our server as an absolute URL (against the page), so fetch works in the browser and under test. */
export function appUrl(path: string): URL {
  return new URL(path, globalThis.location?.href ?? 'http://localhost/');
}

export type RequestOptions = {
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** 'text': the answer's text as it is (a document, not JSON). */
  as?: 'text';
};

/** How long a request may take before the tab says so, rather than waiting on a server that has gone quiet. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** What a failure with no explanation from the server means, in words a member of staff can act on. */
export function statusInWords(status: number): string {
  if (status === 401) return 'Your sign-in was not accepted. Reload the tab to sign in again.';
  if (status === 403) return 'Your role in SENCO Hub does not allow this.';
  if (status === 404) return 'SENCO Hub could not find this.';
  if (status === 429 || status === 503 || status === 502 || status === 504)
    return 'SENCO Hub’s server is busy or starting up. Wait a moment, then try again.';
  if (status >= 500) return 'Something went wrong on SENCO Hub’s server. Try again in a moment.';
  return 'SENCO Hub’s server could not do this. Reload the tab, then try again.';
}

async function send(
  method: string,
  path: string,
  token: string,
  body: unknown,
  options: RequestOptions | undefined,
  signal: AbortSignal,
): Promise<EarlyAnswer> {
  const res = await fetch(appUrl(path), {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...options?.headers,
    },
    body: body === undefined ? null : JSON.stringify(body),
    signal,
  });
  return { status: res.status, text: await res.text() };
}

/**
 * An early answer, or undefined when asking for it failed (then the request is made again, as ours): any answer
 * the server gave, a refusal included, is the answer. Leaving the page (`signal`) stops the wait.
 */
function earlyOrNothing(early: Promise<EarlyAnswer>, signal: AbortSignal): Promise<EarlyAnswer | undefined> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(new DOMException('The request was cancelled.', 'AbortError'));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    early
      .then(
        (answer) => resolve(answer),
        () => resolve(undefined),
      )
      .finally(() => signal.removeEventListener('abort', abort));
  });
}

/** The tab's one way to the server: JSON over fetch with the signed-in user's token. */
export function createApiClient(getToken: GetToken) {
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    const token = await getToken();
    // A GET the served page's early module has already asked for (early-answers.ts): its answer, once, treated
    // exactly as our own would be. Only plain GETs, whose answer does not depend on headers of the caller's.
    const early =
      method === 'GET' && body === undefined && !options?.headers && !options?.signal?.aborted
        ? takeEarlyAnswer(path, token)
        : undefined;
    // Our own time limit, joined with the caller's signal (a query cancelled when its page is left).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, REQUEST_TIMEOUT_MS);
    const callerAbort = () => controller.abort();
    options?.signal?.addEventListener('abort', callerAbort);
    if (options?.signal?.aborted) controller.abort();
    const signal = controller.signal;
    let res: EarlyAnswer;
    try {
      res =
        (early && (await earlyOrNothing(early, signal))) ??
        (await send(method, path, token, body, options, signal));
    } catch (err) {
      if (timedOut) {
        throw new ApiError(
          0,
          'timeout',
          'SENCO Hub’s server took too long to answer. Check your connection, then try again.',
          undefined,
        );
      }
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(
        0,
        'offline',
        'SENCO Hub could not reach its server. Check your connection.',
        undefined,
      );
    } finally {
      clearTimeout(timer);
      options?.signal?.removeEventListener('abort', callerAbort);
    }
    const text = res.text;
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.status < 200 || res.status > 299) {
      // The server's refusal as the contract types it; a body that is not one (a proxy's page) gets our words.
      const error = isErrorAnswer(json) ? json.error : undefined;
      throw new ApiError(
        res.status,
        error?.code ?? 'error',
        error?.message ?? statusInWords(res.status),
        json,
      );
    }
    if (options?.as === 'text') return text as T;
    return json as T;
  }
  return {
    get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
    post: <T>(path: string, body: unknown, options?: RequestOptions) =>
      request<T>('POST', path, body, options),
    put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
    patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
      request<T>('PATCH', path, body, options),
    delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Builds a query string from filters, leaving out empty values; lists are comma-separated. */
export function queryString(params: Record<string, string | number | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Whether a failed query is worth trying again by itself: the server busy or loading, or the network. */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 503 || error.status === 429);
}
