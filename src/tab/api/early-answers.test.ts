import { afterEach, describe, expect, it } from 'vitest';
import {
  EARLY_ANSWER_MAX_AGE_MS,
  clearEarlyAnswers,
  earlyAnswersWaiting,
  putEarlyAnswer,
  takeEarlyAnswer,
} from './early-answers.ts';

const ok = (text: string) => Promise.resolve({ status: 200, text });

afterEach(() => clearEarlyAnswers());

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
