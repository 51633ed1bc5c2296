import { meanOf, medianOf } from './statistics';

describe('statistics', () => {
  it('takes mean and median from counted values', () => {
    const d = [
      { value: 1, count: 2 },
      { value: 3, count: 1 },
      { value: 5, count: 1 },
    ];
    expect(meanOf(d)).toBe(2.5);
    expect(medianOf(d)).toBe(2);
    expect(medianOf([...d, { value: 4, count: 1 }])).toBe(3);
  });

  it('has no mean or median of nothing', () => {
    expect(meanOf([{ value: 1, count: 0 }])).toBeNaN();
    expect(medianOf([])).toBeNaN();
  });
});
