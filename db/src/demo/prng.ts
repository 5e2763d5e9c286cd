/**
 * A small seeded pseudo-random generator for the demo data: same seed → same sequence on every
 * machine and Node version (no Math.random, no crypto). sfc32 seeded through cyrb128, both public
 * domain (see "PractRand" / bryc's "Pseudorandom number generators" notes). Not for security.
 */

/** A deterministic random source with the helpers the demo generator needs. */
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number;
  /** uniform in [min, max) */
  float(min: number, max: number): number;
  /** true with probability `p` */
  chance(p: number): boolean;
  /** one element, uniformly */
  pick<T>(items: readonly T[]): T;
  /** one element, with probability proportional to its weight */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** a random-looking but reproducible RFC 4122 version-4 UUID */
  uuid(): string;
  /** an independent stream derived from this one's seed and `label` (stable whatever was drawn before) */
  fork(label: string): Rng;
}

/** cyrb128: hashes a string into four 32-bit seeds. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
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

/** sfc32: a fast 128-bit-state generator returning floats in [0, 1). */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * Creates a seeded generator.
 * @param seed any string or number; the same seed always yields the same sequence
 */
export function createRng(seed: string | number): Rng {
  const key = String(seed);
  const next = sfc32(...cyrb128(key));
  for (let i = 0; i < 12; i++) next(); // warm up: the first outputs of sfc32 are weakly mixed
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of items) {
        r -= w;
        if (r < 0) return v;
      }
      return items[items.length - 1]![0];
    },
    uuid: () => {
      const hex: string[] = [];
      for (let i = 0; i < 16; i++) {
        let b = Math.floor(next() * 256);
        if (i === 6) b = (b & 0x0f) | 0x40; // version 4
        if (i === 8) b = (b & 0x3f) | 0x80; // RFC 4122 variant
        hex.push(b.toString(16).padStart(2, '0'));
      }
      const h = hex.join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    fork: (label) => createRng(`${key}/${label}`),
  };
  return rng;
}
