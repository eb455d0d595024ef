import type { GraphConnection } from './graph-client.ts';
import { toGraphRequestError } from './graph-request-error.ts';

/**
 * The few shapes of Graph call SENCO Hub makes, each wrapped so that any failure leaves as one
 * GraphRequestError naming the operation. Paths are relative to the version root and carry their query
 * already encoded (see odata.ts): the client library does not encode query values itself.
 */

export type CallOptions = { headers?: Record<string, string> };

type GraphRequest = ReturnType<GraphConnection['client']['api']>;

/** One call: the path with the caller's headers, sent by `verb`; any failure becomes one GraphRequestError. */
async function send<T>(
  connection: GraphConnection,
  path: string,
  operation: string,
  options: CallOptions,
  verb: (request: GraphRequest) => Promise<unknown>,
): Promise<T> {
  try {
    return (await verb(connection.client.api(path).headers(options.headers ?? {}))) as T;
  } catch (err) {
    throw toGraphRequestError(err, operation);
  }
}

export const graphGet = <T>(
  connection: GraphConnection,
  path: string,
  operation: string,
  options: CallOptions = {},
) => send<T>(connection, path, operation, options, (r) => r.get());

export const graphPost = <T>(
  connection: GraphConnection,
  path: string,
  body: unknown,
  operation: string,
  options: CallOptions = {},
) => send<T>(connection, path, operation, options, (r) => r.post(body));

export const graphPatch = <T>(
  connection: GraphConnection,
  path: string,
  body: unknown,
  operation: string,
  options: CallOptions = {},
) => send<T>(connection, path, operation, options, (r) => r.patch(body));

export const graphDelete = (
  connection: GraphConnection,
  path: string,
  operation: string,
  options: CallOptions = {},
) => send<void>(connection, path, operation, options, (r) => r.delete());

/** A page of a collection or of a delta feed. */
export type GraphPage<T> = {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
};

/**
 * Every page of a collection, following @odata.nextLink (opaque: called as given) until it is absent.
 * Yields the deltaLink with the last page of a delta feed.
 */
export async function* pagesOf<T>(
  connection: GraphConnection,
  path: string,
  operation: string,
  options: CallOptions = {},
): AsyncGenerator<{ value: T[]; deltaLink: string | undefined }> {
  let next: string | undefined = path;
  while (next) {
    const page: GraphPage<T> = await graphGet<GraphPage<T>>(connection, next, operation, options);
    const nextLink = page['@odata.nextLink'];
    yield { value: page.value, deltaLink: page['@odata.deltaLink'] };
    next = nextLink ? connection.toRequestPath(nextLink) : undefined;
  }
}

export async function getAllPages<T>(
  connection: GraphConnection,
  path: string,
  operation: string,
  options: CallOptions = {},
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pagesOf<T>(connection, path, operation, options)) all.push(...page.value);
  return all;
}
