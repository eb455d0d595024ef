/** A failed call to our server, with what the server said. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export type GetToken = () => Promise<string>;

/** A path on our server as an absolute URL (against the page), so fetch works in the browser and under test. */
export function appUrl(path: string): URL {
  return new URL(path, globalThis.location?.href ?? 'http://localhost/');
}

export type RequestOptions = { headers?: Record<string, string>; signal?: AbortSignal | undefined };

/** The tab's one way to the server: JSON over fetch with the signed-in user's token. */
export function createApiClient(getToken: GetToken) {
  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    const token = await getToken();
    let res: Response;
    try {
      res = await fetch(appUrl(path), {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...options?.headers,
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal: options?.signal ?? null,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(
        0,
        'offline',
        'SENCO Hub could not reach its server. Check your connection.',
        undefined,
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(
        res.status,
        error?.code ?? 'error',
        error?.message ?? `The server answered ${res.status}.`,
        json,
      );
    }
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
