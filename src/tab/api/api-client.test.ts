import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, REQUEST_TIMEOUT_MS } from './api-client.ts';
import { clearEarlyAnswers, earlyAnswersWaiting, putEarlyAnswer } from './early-answers.ts';

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

describe('answers the served page asked for early (early-answers.ts)', () => {
  afterEach(() => clearEarlyAnswers());
  const asks = () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', (input: URL, init: RequestInit) => {
      asked.push(`${init.method} ${input.pathname}`);
      return Promise.resolve(Response.json({ asked: 'now' }));
    });
    return asked;
  };

  it('are used, once, in place of asking', async () => {
    const asked = asks();
    putEarlyAnswer('/api/me', 'token', Promise.resolve({ status: 200, text: '{"asked":"early"}' }));
    expect(await api.get('/api/me')).toEqual({ asked: 'early' });
    expect(asked).toEqual([]);
    expect(await api.get('/api/me')).toEqual({ asked: 'now' });
    expect(asked).toEqual(['GET /api/me']);
  });

  it('carry a refusal through as the server’s answer: a 401 or 403 is an error, not asked again', async () => {
    const asked = asks();
    const refusal = JSON.stringify({
      error: { code: 'forbidden', message: 'Only the SEND team sees the register.' },
    });
    putEarlyAnswer('/api/pupils', 'token', Promise.resolve({ status: 403, text: refusal }));
    const err = (await api.get('/api/pupils').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.message]).toEqual([
      403,
      'forbidden',
      'Only the SEND team sees the register.',
    ]);
    putEarlyAnswer('/api/me', 'token', Promise.resolve({ status: 401, text: '' }));
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 401 });
    expect(asked).toEqual([]);
  });

  it('when asking early failed, ask again', async () => {
    const asked = asks();
    putEarlyAnswer('/api/me', 'token', Promise.reject(new TypeError('Failed to fetch')));
    expect(await api.get('/api/me')).toEqual({ asked: 'now' });
    expect(asked).toEqual(['GET /api/me']);
  });

  it('are not used for a write, with another token, or with headers of the caller’s', async () => {
    const asked = asks();
    putEarlyAnswer('/api/me', 'token', Promise.resolve({ status: 200, text: '{"asked":"early"}' }));
    expect(await api.post('/api/me', {})).toEqual({ asked: 'now' });
    putEarlyAnswer('/api/me', 'another', Promise.resolve({ status: 200, text: '{"asked":"early"}' }));
    expect(await api.get('/api/me')).toEqual({ asked: 'now' });
    putEarlyAnswer('/api/me', 'token', Promise.resolve({ status: 200, text: '{"asked":"early"}' }));
    expect(await api.get('/api/me', { headers: { 'If-None-Match': '"1"' } })).toEqual({ asked: 'now' });
    expect(asked).toEqual(['POST /api/me', 'GET /api/me', 'GET /api/me']);
  });

  it('stop being waited for when the caller leaves the page', async () => {
    asks();
    putEarlyAnswer('/api/me', 'token', new Promise(() => undefined));
    const leaving = new AbortController();
    const pending = api.get('/api/me', { signal: leaving.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(earlyAnswersWaiting()).toEqual([])); // taken, and waited for
    leaving.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
  });
});
