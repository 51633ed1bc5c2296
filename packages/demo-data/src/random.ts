/*
 * The one seeded random generator of the demo and bench data. mulberry32:
 * small, fast, and good enough for data that only has to look varied; not
 * for anything secret. The same seed gives the same sequence on every
 * machine and every run, so seeding again sends the same demo events and two
 * benchmark runs send the same mix. A string seed is hashed (FNV-1a), which
 * lets a generator seed one stream per thing it describes (a service on a
 * day) and keep that thing's data independent of everything else.
 */

export type Random = {
  /** A float in [0, 1): the raw sequence every helper below draws from. */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One of `items`, each as likely. */
  pick<T>(items: readonly T[]): T;
  /** One of the values, in proportion to its weight (weights ≥ 0, not all 0). */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  /** A shuffled copy of `items` (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** A Poisson-distributed count with mean `lambda` (Knuth's method: for small means). */
  poisson(lambda: number): number;
  /** A log-normal sample with the given median (Box–Muller). */
  logNormal(median: number, sigma: number): number;
  /** `length` lowercase hex digits, e.g. a 40-digit commit SHA. */
  hex(length: number): string;
};

/** FNV-1a, 32 bits: a string seed as a number. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A generator seeded with `seed` (a number, or a string hashed with FNV-1a). */
export function createRandom(seed: number | string): Random {
  let state = (typeof seed === 'string' ? hashString(seed) : seed) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) =>
    min + Math.floor(next() * (max - min + 1));

  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: p => next() < p,
    pick: items => {
      if (items.length === 0) throw new Error('pick: no items');
      return items[Math.floor(next() * items.length)];
    },
    weighted: entries => {
      let total = 0;
      const cumulative = entries.map(([, weight]) => (total += weight));
      if (!(total > 0)) throw new Error('weighted: no positive weight');
      const roll = next() * total;
      const index = cumulative.findIndex(c => roll < c);
      if (index >= 0) return entries[index][0];
      // Only when rounding puts the roll at the total: the last value with a weight.
      let last = entries.length - 1;
      while (entries[last][1] <= 0) last--;
      return entries[last][0];
    },
    shuffle: items => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    poisson: lambda => {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    logNormal: (median, sigma) => {
      const u = 1 - next();
      const v = next();
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return median * Math.exp(sigma * normal);
    },
    hex: length => {
      let out = '';
      while (out.length < length) {
        out += Math.floor(next() * 2 ** 32)
          .toString(16)
          .padStart(8, '0');
      }
      return out.slice(0, length);
    },
  };
}
