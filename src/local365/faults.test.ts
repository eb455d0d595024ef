import type { GraphRequest } from './graph/dispatcher.ts';
import { createFaultState } from './faults.ts';

const request = (path: string, method = 'GET') => ({ path, method }) as GraphRequest;

const pattern = (seed: number) => {
  const faults = createFaultState(() => {
    throw new Error('a seeded switch must not use the default randomness');
  });
  faults.set({ failure: { status: 503, fraction: 0.3, seed } });
  return Array.from({ length: 200 }, () => (faults.decide(request('/sites/x')) ? 1 : 0)).join('');
};

describe('fault switches', () => {
  it('fails the next N matching requests, then lets them through', () => {
    const faults = createFaultState();
    faults.set({
      failure: { status: 429, count: 2, retryAfterSeconds: 3, pathPrefix: '/sites/', method: 'post' },
    });
    expect(faults.decide(request('/sites/x', 'GET'))).toBeUndefined();
    expect(faults.decide(request('/users', 'POST'))).toBeUndefined();
    expect(faults.decide(request('/sites/x', 'POST'))).toEqual({ status: 429, retryAfterSeconds: 3 });
    expect(faults.decide(request('/sites/y', 'POST'))).toEqual({ status: 429, retryAfterSeconds: 3 });
    expect(faults.decide(request('/sites/z', 'POST'))).toBeUndefined();
    expect(faults.failedCount).toBe(2);
  });

  it('can mark a failure to come after the request is carried out (a write applied, its answer lost)', () => {
    const faults = createFaultState();
    faults.set({
      failure: { status: 503, count: 1, afterApplying: true },
      sharePoint: { deltaLinksDropExpand: true },
    });
    expect(faults.decide(request('/sites/x', 'POST'))).toEqual({
      status: 503,
      retryAfterSeconds: 1,
      afterApplying: true,
    });
    expect(faults.decide(request('/sites/x', 'POST'))).toBeUndefined();
    expect(faults.settings.sharePoint).toEqual({ deltaLinksDropExpand: true });
  });

  it('with a seed, fails the same requests on every run, and about the asked-for share of them', () => {
    const first = pattern(7);
    expect(pattern(7)).toBe(first);
    expect(pattern(8)).not.toBe(first);
    const failed = [...first].filter((c) => c === '1').length;
    expect(failed).toBeGreaterThan(40);
    expect(failed).toBeLessThan(80);
  });

  it('goes back to the given randomness once cleared', () => {
    let calls = 0;
    const faults = createFaultState(() => {
      calls += 1;
      return 0;
    });
    faults.set({ failure: { status: 503, fraction: 0.5, seed: 1 } });
    faults.decide(request('/sites/x'));
    expect(calls).toBe(0);
    faults.set({ failure: { status: 503, fraction: 0.5 } });
    expect(faults.decide(request('/sites/x'))).toEqual({ status: 503, retryAfterSeconds: 1 });
    expect(calls).toBe(1);
  });
});

describe('the crash switch', () => {
  it('picks the Nth matching write, before or after it is applied, and nothing else', () => {
    const faults = createFaultState();
    faults.set({ crash: { atRequest: 2, when: 'after', pathPrefixes: ['/sites/a/', '/sites/b/'] } });
    const at = (path: string, method: string) =>
      [faults.crashesAt(request(path, method), 'before'), faults.crashesAt(request(path, method), 'after')];
    expect(at('/sites/a/items', 'GET')).toEqual([false, false]);
    expect(at('/sites/c/items', 'POST')).toEqual([false, false]);
    expect(at('/sites/a/items', 'POST')).toEqual([false, false]);
    expect(at('/sites/b/items/1/fields', 'PATCH')).toEqual([false, true]);
    expect(at('/sites/b/items/1/fields', 'PATCH')).toEqual([false, false]);
    faults.set({ crash: { atRequest: 1, when: 'before' } });
    expect(at('/$batch', 'POST')).toEqual([true, false]);
    faults.clear();
    expect(at('/sites/a/items', 'POST')).toEqual([false, false]);
  });
});
