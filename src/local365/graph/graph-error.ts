/**
 * An error answered in Graph's JSON shape:
 * { "error": { "code": "...", "message": "...", "innerError": { "date", "request-id", "client-request-id" } } }
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export const badRequest = (message: string, code = 'invalidRequest') => new GraphError(400, code, message);
export const notFound = (message = 'The resource could not be found.', code = 'itemNotFound') =>
  new GraphError(404, code, message);
export const conflict = (message: string, code = 'nameAlreadyExists') => new GraphError(409, code, message);
export const preconditionFailed = (
  message = 'The resource has changed since the caller last read it; usually an eTag mismatch',
) => new GraphError(412, 'resourceModified', message);
export const forbidden = (message = 'Access denied') => new GraphError(403, 'accessDenied', message);

export function graphErrorBody(
  error: { code: string; message: string },
  ids: { requestId: string; clientRequestId?: string | undefined; date: Date },
) {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: ids.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId ?? ids.requestId,
      },
    },
  };
}
