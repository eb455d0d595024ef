import { createRandom } from './random.ts';

const GUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function draws(seed: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.uint32());
}

describe('createRandom', () => {
  it('gives the same stream for the same seed', () => {
    expect(draws(42, 50)).toEqual(draws(42, 50));
  });

  it('gives different streams for neighbouring seeds', () => {
    expect(draws(42, 10)).not.toEqual(draws(43, 10));
  });

  it('keeps int() inside its inclusive bounds and reaches both ends', () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = random.int(-2, 3);
      expect(n).toBeGreaterThanOrEqual(-2);
      expect(n).toBeLessThanOrEqual(3);
      seen.add(n);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('keeps next() in [0, 1)', () => {
    const random = createRandom(7);
    for (let i = 0; i < 5000; i++) {
      const x = random.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('never picks an item whose weight is zero', () => {
    const random = createRandom(3);
    for (let i = 0; i < 500; i++) {
      expect(
        random.weighted([
          ['never', 0],
          ['always', 1],
        ] as const),
      ).toBe('always');
    }
  });

  it('refuses empty and all-zero choices', () => {
    const random = createRandom(3);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(() => random.weighted([['a', 0]])).toThrow(RangeError);
    expect(() => random.int(5, 1)).toThrow(RangeError);
  });

  it('shuffles into a permutation and leaves the input alone', () => {
    const input = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = createRandom(9).shuffle(input);
    expect(shuffled).not.toEqual(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(input[0]).toBe(0);
  });

  it('samples distinct items, at most as many as there are', () => {
    const random = createRandom(11);
    const sample = random.sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(sample).size).toBe(3);
    expect(random.sample(['a', 'b'], 5)).toHaveLength(2);
  });

  it('makes version-4-shaped GUIDs, deterministic and distinct', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    const guids = Array.from({ length: 1000 }, () => a.guid());
    for (const guid of guids) expect(guid).toMatch(GUID_V4);
    expect(new Set(guids).size).toBe(1000);
    expect(b.guid()).toBe(guids[0]);
  });

  it('forks by label, whatever the parent has drawn', () => {
    const fresh = createRandom(8).fork('pupils');
    const used = createRandom(8);
    for (let i = 0; i < 100; i++) used.next();
    expect(used.fork('pupils').uint32()).toBe(fresh.uint32());
    expect(createRandom(8).fork('staff').uint32()).not.toBe(createRandom(8).fork('pupils').uint32());
  });
});
