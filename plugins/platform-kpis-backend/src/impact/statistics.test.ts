import { wilcoxonRankSum } from 'simple-statistics';
import {
  mannWhitney,
  median,
  mergedRanks,
  twoProportions,
  twoSidedP,
} from './statistics';

describe('twoSidedP', () => {
  it('is the two-sided normal tail', () => {
    // Φ(1.96) = 0.975 → 2 × 0.025 = 0.05.
    expect(twoSidedP(1.96)).toBeCloseTo(0.05, 4);
    expect(twoSidedP(-1.96)).toBeCloseTo(0.05, 4);
    expect(twoSidedP(0)).toBe(1);
  });
});

describe('mannWhitney', () => {
  it('matches the hand-worked case without ties', () => {
    /*
     * before = [4, 5, 6], after = [1, 2, 3]. Pooled ranks: after holds 1, 2,
     * 3 → rank sum W = 6, U = W − 3·4/2 = 0. Mean n1·n2/2 = 4.5; variance
     * n1·n2·(n+1)/12 = 9·7/12 = 5.25, sd 2.2913. With the continuity
     * correction z = −(4.5 − 0.5)/2.2913 = −1.7457, p = 2·(1 − Φ(1.7457))
     * = 0.0809.
     */
    const { z, pValue } = mannWhitney([4, 5, 6], [1, 2, 3]);
    expect(z).toBeCloseTo(-1.7457, 4);
    expect(pValue).toBeCloseTo(0.0809, 4);
  });

  it('matches the hand-worked case with ties', () => {
    /*
     * before = [2, 3, 4], after = [1, 2, 2]. Pooled: 1, 2, 2, 2, 3, 4; the
     * three 2s share rank (2+3+4)/3 = 3. after's rank sum W = 1 + 3 + 3 = 7,
     * U = 7 − 6 = 1. Tie term Σ(t³ − t) = 27 − 3 = 24; variance
     * (9/12)·(7 − 24/(6·5)) = 0.75·6.2 = 4.65, sd 2.1564.
     * z = −(3.5 − 0.5)/2.1564 = −1.3912, p = 0.1642.
     */
    const { z, pValue } = mannWhitney([2, 3, 4], [1, 2, 2]);
    expect(z).toBeCloseTo(-1.3912, 4);
    expect(pValue).toBeCloseTo(0.1642, 4);
  });

  it('is significant for two clearly shifted samples of ten', () => {
    /*
     * before = 11..20, after = 1..10: every after value is below every
     * before value, U = 0. Mean 50, variance 100·21/12 = 175, sd 13.229.
     * z = −(50 − 0.5)/13.229 = −3.7418, p = 0.00018.
     */
    const before = Array.from({ length: 10 }, (_, i) => i + 11);
    const after = Array.from({ length: 10 }, (_, i) => i + 1);
    const { z, pValue } = mannWhitney(before, after);
    expect(z).toBeCloseTo(-3.7418, 3);
    expect(pValue).toBeCloseTo(0.00018, 4);
  });

  it('says nothing when every value is the same', () => {
    expect(mannWhitney([0, 0, 0], [0, 0])).toEqual({ z: 0, pValue: 1 });
  });
});

describe('twoProportions', () => {
  it('matches the hand-worked case', () => {
    /*
     * before 20 of 100 failed, after 8 of 100. Pooled p = 28/200 = 0.14;
     * se = √(0.14·0.86·(1/100 + 1/100)) = √0.002408 = 0.049071.
     * z = (0.08 − 0.20)/0.049071 = −2.4454, p = 0.0145.
     */
    const { z, pValue } = twoProportions(20, 100, 8, 100);
    expect(z).toBeCloseTo(-2.4454, 4);
    expect(pValue).toBeCloseTo(0.0145, 4);
  });

  it('says nothing when nothing or everything failed', () => {
    expect(twoProportions(0, 50, 0, 40).pValue).toBe(1);
    expect(twoProportions(50, 50, 40, 40).pValue).toBe(1);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('mergedRanks', () => {
  it('is the rank sum simple-statistics computes, ties included', () => {
    // A fixed pseudo-random sequence with many ties (values 0–49).
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % 50;
    };
    for (const [nx, ny] of [
      [1, 1],
      [5, 3],
      [40, 60],
      [500, 700],
    ]) {
      const x = Array.from({ length: nx }, next);
      const y = Array.from({ length: ny }, next);
      const sorted = (a: number[]) => Float64Array.from(a).sort();
      expect(mergedRanks(sorted(x), sorted(y)).rankSum).toBeCloseTo(
        wilcoxonRankSum(x, y),
        6,
      );
    }
  });

  it('counts each group of equal values once', () => {
    // 1, 2, 2, 2, 3, 4: one group of three → 27 − 3 = 24.
    expect(mergedRanks([1, 2, 2], [2, 3, 4])).toEqual({ rankSum: 7, ties: 24 });
  });

  it('gives the same test above the library limit', () => {
    // 30,000 values: after = before − 1 for every value, all distinct.
    const before = Array.from({ length: 15_000 }, (_, i) => 2 * i + 1);
    const after = before.map(v => v - 1);
    const { z } = mannWhitney(before, after);
    /*
     * Pooled ranks: after's values 0, 2, 4, … take ranks 1, 3, 5, …: rank
     * sum = n², U = n² − n(n+1)/2 = n(n−1)/2 with n = 15,000, mean n²/2:
     * U − mean = −n/2 = −7,500. sd = √(n·n·(2n+1)/12) = 15,000 · √(30,001/12)
     * = 15,000 · 50.000833 = 750,012.5. With the continuity correction
     * z = −7,499.5 / 750,012.5 = −0.0099992.
     */
    expect(z).toBeCloseTo(-0.0099992, 6);
  });
});
