import { GraphError } from '@microsoft/microsoft-graph-client';
import {
  batchMemberError,
  GraphRequestError,
  parseRetryAfter,
  toGraphRequestError,
} from './graph-request-error.ts';

describe('toGraphRequestError', () => {
  it('keeps status, Graph code, request id and Retry-After from the client’s GraphError', () => {
    const err = new GraphError(429, 'Too many requests');
    err.code = 'TooManyRequests';
    err.requestId = 'rq-42';
    err.headers = new Headers({ 'Retry-After': '7' });
    const mapped = toGraphRequestError(err, 'read the site’s lists');
    expect(mapped).toMatchObject({
      status: 429,
      code: 'TooManyRequests',
      requestId: 'rq-42',
      operation: 'read the site’s lists',
      retryAfterSeconds: 7,
      isThrottled: true,
    });
    expect(mapped.message).toBe(
      'read the site’s lists: 429 TooManyRequests: Too many requests (request-id rq-42)',
    );
    expect(mapped.cause).toBe(err);
  });

  it('keeps the Location of a 410 and wraps anything else as status 0', () => {
    const gone = new GraphError(410, 'Resync required.');
    gone.code = 'resyncChangesApplyDifferences';
    gone.headers = new Headers({ Location: 'https://graph.microsoft.com/v1.0/sites/s/lists/l/items/delta' });
    expect(toGraphRequestError(gone, 'sync').location).toMatch(/items\/delta$/);
    const network = toGraphRequestError(new TypeError('fetch failed'), 'sync');
    expect(network).toMatchObject({ status: 0, code: undefined, message: 'sync: no response: fetch failed' });
    const same = new GraphRequestError({ status: 404, message: 'x', operation: 'y' });
    expect(toGraphRequestError(same, 'z')).toBe(same);
  });
});

describe('batchMemberError', () => {
  it('reads Graph’s error body and headers of an inner response', () => {
    const err = batchMemberError(
      {
        status: 503,
        headers: { 'retry-after': '3', 'request-id': 'from-header' },
        body: {
          error: { code: 'serviceNotAvailable', message: 'Busy', innerError: { 'request-id': 'inner' } },
        },
      },
      'import',
    );
    expect(err).toMatchObject({
      status: 503,
      code: 'serviceNotAvailable',
      requestId: 'inner',
      retryAfterSeconds: 3,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds or an HTTP date', () => {
    const now = () => Date.parse('2026-01-12T09:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Mon, 12 Jan 2026 09:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Mon, 12 Jan 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
