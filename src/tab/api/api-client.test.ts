import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, REQUEST_TIMEOUT_MS } from './api-client.ts';

const api = createApiClient(() => Promise.resolve('token'));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('what a failed call to the server says', () => {
  it('says a bare 503 in words, never as a status code', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('Service Unavailable', { status: 503 })));
    const err = (await api.get('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(err.message).toBe('SENCO Hub’s server is busy or starting up. Wait a moment, then try again.');
    expect(err.message).not.toMatch(/503|answered/);
  });

  it('passes on the server’s own explanation when it gives one', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        Response.json({ error: { code: 'busy', message: 'Microsoft 365 is busy.' } }, { status: 503 }),
      ),
    );
    const err = (await api.get('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe('Microsoft 365 is busy.');
  });

  it('gives up on a server that has gone quiet, and says so in words', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      (_url: URL, init: RequestInit) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('Timed out', 'TimeoutError')));
        }),
    );
    const pending = api.get('/api/me').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 1);
    const err = (await pending) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('timeout');
    expect(err.message).toBe(
      'SENCO Hub’s server took too long to answer. Check your connection, then try again.',
    );
  });
});
