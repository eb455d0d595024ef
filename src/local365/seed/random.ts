/**
 * A small seeded pseudo-random generator for demo and benchmark data. sfc32 (Chris Doty-Humphrey's
 * "small fast chaotic" generator, 128-bit state) seeded through the cyrb128 string hash, so a number or a
 * label always yields the same stream on every machine. Never `Math.random`: the seed must reproduce the
 * school exactly.
 *
 * `fork(label)` derives an independent stream from the seed and a label, not from the parent's position,
 * so adding a draw in one part of the generator does not reshuffle every other part.
 */

const TWO_POW_32 = 4_294_967_296;
/** sfc32's authors suggest discarding the first outputs so weak seeds are mixed in. */
const WARM_UP_ROUNDS = 15;

/** cyrb128: a fast non-cryptographic 128-bit string hash, used only to spread a seed over four words. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class SeededRandom {
  readonly key: string;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(key: string) {
    this.key = key;
    [this.#a, this.#b, this.#c, this.#d] = cyrb128(key);
    for (let i = 0; i < WARM_UP_ROUNDS; i++) this.uint32();
  }

  /** The next 32-bit unsigned integer (sfc32). */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks from [value, weight] pairs; weights need not sum to 1 but must not all be zero. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    return this.pickWeighted(entries, ([, weight]) => weight)[0];
  }

  /** Picks one item with probability proportional to `weightOf(item)` (negative weights count as 0). */
  pickWeighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    return items[this.pickWeightedIndex(items, weightOf)] as T;
  }

  pickWeightedIndex<T>(items: readonly T[], weightOf: (item: T) => number): number {
    const weights = items.map((item) => Math.max(0, weightOf(item)));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (!(total > 0)) throw new RangeError('pickWeighted() needs at least one positive weight');
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] as number;
      if (target < 0) return i;
    }
    // Floating-point rounding can leave a sliver: fall back to the last item that had weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
    return weights.length - 1;
  }

  /** A shuffled copy (Fisher–Yates); the input is untouched. */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const held = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = held;
    }
    return copy;
  }

  /** Up to `count` distinct items, in random order (a partial Fisher–Yates: cheap for big lists). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const take = Math.max(0, Math.min(count, copy.length));
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const held = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = held;
    }
    copy.length = take;
    return copy;
  }

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.uint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** A GUID shaped like RFC 4122 version 4 (version nibble 4, variant 10xx), drawn from this stream. */
  guid(): string {
    const word = () => this.uint32().toString(16).padStart(8, '0');
    const [a, b, c, d] = [word(), word(), word(), word()];
    const version = `4${b.slice(5, 8)}`;
    const variant = `${'89ab'[parseInt(c.charAt(0), 16) & 3] ?? '8'}${c.slice(1, 4)}`;
    return `${a}-${b.slice(0, 4)}-${version}-${variant}-${c.slice(4, 8)}${d}`;
  }

  /** An independent stream named by `label`, the same however many numbers this stream has given. */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.key}/${label}`);
  }
}

/** A stream for a numeric seed (or any string key). */
export function createRandom(seed: number | string): SeededRandom {
  return new SeededRandom(typeof seed === 'number' ? `seed:${seed}` : seed);
}
