import { createRandom, hashString } from './random';

const draws = <T>(n: number, draw: () => T) => Array.from({ length: n }, draw);

describe('createRandom', () => {
  it('is mulberry32: the published sequence for seed 1', () => {
    const random = createRandom(1);
    expect(draws(3, random.next)).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
    ]);
  });

  it('gives the same sequence for the same seed, through every helper', () => {
    const run = (seed: number | string) => {
      const random = createRandom(seed);
      return [
        draws(5, random.next),
        draws(5, () => random.int(-3, 3)),
        draws(5, () => random.float(10, 20)),
        draws(5, () => random.chance(0.3)),
        draws(5, () => random.pick(['a', 'b', 'c'])),
        draws(5, () =>
          random.weighted([
            ['x', 1],
            ['y', 3],
          ] as const),
        ),
        random.shuffle([1, 2, 3, 4, 5, 6]),
        draws(5, () => random.poisson(2)),
        draws(5, () => random.logNormal(100, 0.5)),
        random.hex(40),
      ];
    };
    expect(run(42)).toEqual(run(42));
    expect(run('checkout-api|20400')).toEqual(run('checkout-api|20400'));
    expect(run(42)).not.toEqual(run(43));
    expect(run('a')).not.toEqual(run('b'));
  });

  it('hashes a string seed with FNV-1a', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(draws(3, createRandom('checkout-api').next)).toEqual(
      draws(3, createRandom(hashString('checkout-api')).next),
    );
  });

  it('keeps next() in [0, 1) and float() in [min, max)', () => {
    const random = createRandom(7);
    for (const value of draws(10_000, random.next)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    for (const value of draws(10_000, () => random.float(-2, 5))) {
      expect(value).toBeGreaterThanOrEqual(-2);
      expect(value).toBeLessThan(5);
    }
  });

  it('draws int() from [min, max], both ends included', () => {
    const random = createRandom(7);
    const values = draws(10_000, () => random.int(3, 8));
    expect(values.every(Number.isInteger)).toBe(true);
    expect(new Set(values)).toEqual(new Set([3, 4, 5, 6, 7, 8]));
    expect(draws(100, () => random.int(5, 5))).toEqual(Array(100).fill(5));
  });

  it('picks every item, and refuses an empty list', () => {
    const random = createRandom(7);
    const items = ['a', 'b', 'c', 'd'];
    expect(new Set(draws(1_000, () => random.pick(items)))).toEqual(
      new Set(items),
    );
    expect(() => random.pick([])).toThrow('pick: no items');
  });

  it('picks in proportion to the weights, never a value weighing 0', () => {
    const random = createRandom(7);
    const counts = { rare: 0, never: 0, common: 0 };
    for (let i = 0; i < 20_000; i++) {
      counts[
        random.weighted([
          ['rare', 1],
          ['never', 0],
          ['common', 3],
        ] as const)
      ]++;
    }
    expect(counts.never).toBe(0);
    expect(counts.common / counts.rare).toBeGreaterThan(2.7);
    expect(counts.common / counts.rare).toBeLessThan(3.3);
    expect(() => random.weighted([['x', 0]])).toThrow('no positive weight');
  });

  it('says yes with the given probability', () => {
    const random = createRandom(7);
    expect(draws(100, () => random.chance(0)).some(Boolean)).toBe(false);
    expect(draws(100, () => random.chance(1)).every(Boolean)).toBe(true);
    const yes = draws(20_000, () => random.chance(0.25)).filter(Boolean);
    expect(yes.length / 20_000).toBeGreaterThan(0.23);
    expect(yes.length / 20_000).toBeLessThan(0.27);
  });

  it('shuffles into a permutation, leaving the input alone', () => {
    const random = createRandom(7);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = random.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(items).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(random.shuffle([])).toEqual([]);
  });

  it('draws Poisson counts with the given mean', () => {
    const random = createRandom(7);
    const counts = draws(20_000, () => random.poisson(1.5));
    expect(counts.every(c => Number.isInteger(c) && c >= 0)).toBe(true);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(1.45);
    expect(mean).toBeLessThan(1.55);
    expect(draws(100, () => random.poisson(0))).toEqual(Array(100).fill(0));
  });

  it('draws log-normal samples around the median, all positive', () => {
    const random = createRandom(7);
    const samples = draws(20_001, () => random.logNormal(60, 0.8)).sort(
      (a, b) => a - b,
    );
    expect(samples[0]).toBeGreaterThan(0);
    expect(samples[10_000]).toBeGreaterThan(57);
    expect(samples[10_000]).toBeLessThan(63);
  });

  it('gives hex strings of the asked length', () => {
    const random = createRandom(7);
    for (const length of [1, 8, 9, 40]) {
      expect(random.hex(length)).toMatch(new RegExp(`^[0-9a-f]{${length}}$`));
    }
  });
});
