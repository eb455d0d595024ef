import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EARLY_ANSWER_MAX_AGE_MS,
  clearEarlyAnswers,
  earlyAnswersWaiting,
  earlyRequestsSent,
  earlyRequestsUnderWay,
  putEarlyAnswer,
  takeEarlyAnswer,
} from './early-answers.ts';

const ok = (text: string) => Promise.resolve({ status: 200, text });

afterEach(() => {
  clearEarlyAnswers();
  vi.useRealTimers();
});

describe('answers asked for before the main script', () => {
  it('are taken once, by the request with the same address and token', async () => {
    putEarlyAnswer('/api/me', 'token-a', ok('{"upn":"a"}'), 1_000);
    expect(takeEarlyAnswer('/api/pupils', 'token-a', 1_001)).toBeUndefined();
    expect(await takeEarlyAnswer('/api/me', 'token-a', 1_001)).toEqual({ status: 200, text: '{"upn":"a"}' });
    expect(takeEarlyAnswer('/api/me', 'token-a', 1_002)).toBeUndefined();
  });

  it('are never given to a request with another token, and are dropped by it', () => {
    putEarlyAnswer('/api/me', 'token-a', ok('{}'), 1_000);
    expect(takeEarlyAnswer('/api/me', 'token-b', 1_001)).toBeUndefined();
    expect(takeEarlyAnswer('/api/me', 'token-a', 1_002)).toBeUndefined();
    expect(earlyAnswersWaiting()).toEqual([]);
  });

  it('are not used once they are older than the main script could take to arrive', () => {
    putEarlyAnswer('/api/me', 'token-a', ok('{}'), 1_000);
    expect(takeEarlyAnswer('/api/me', 'token-a', 1_000 + EARLY_ANSWER_MAX_AGE_MS + 1)).toBeUndefined();
    putEarlyAnswer('/api/me', 'token-a', ok('{}'), 1_000);
    expect(takeEarlyAnswer('/api/me', 'token-a', 1_000 + EARLY_ANSWER_MAX_AGE_MS)).toBeDefined();
  });

  it('hold a failed request without an unhandled rejection, for its taker to handle', async () => {
    putEarlyAnswer('/api/me', 'token-a', Promise.reject(new TypeError('Failed to fetch')));
    await expect(takeEarlyAnswer('/api/me', 'token-a')).rejects.toThrow('Failed to fetch');
  });
});

describe('the main script’s wait for the early requests', () => {
  const settled = async (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  };

  it('is none without an early module (a tenant, vite’s dev server)', async () => {
    vi.useFakeTimers();
    expect(await settled(earlyRequestsSent(1_000))).toBe(true);
  });

  it('lasts until the early module has sent its requests, or has given up', async () => {
    vi.useFakeTimers();
    for (const outcome of ['sent', 'failed'] as const) {
      let finish: (ok: boolean) => void = () => undefined;
      earlyRequestsUnderWay(
        new Promise((resolve, reject) => (finish = (ok) => (ok ? resolve(1) : reject(new Error('x'))))),
      );
      const waiting = earlyRequestsSent(1_000);
      expect(await settled(waiting)).toBe(false);
      finish(outcome === 'sent');
      expect(await settled(waiting)).toBe(true);
    }
  });

  it('ends after its limit when the sign-in is slow to answer', async () => {
    vi.useFakeTimers();
    earlyRequestsUnderWay(new Promise(() => undefined));
    const waiting = earlyRequestsSent(1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(waiting)).toBe(true);
  });
});
