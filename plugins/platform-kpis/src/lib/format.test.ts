import {
  formatDuration,
  formatKpiValue,
  formatShare,
  NO_VALUE,
} from './format';

describe('format', () => {
  it('shows durations in minutes, hours or days', () => {
    expect(formatDuration(42 * 60)).toBe('42 min');
    expect(formatDuration(3.2 * 3600)).toBe('3.2 h');
    expect(formatDuration(2.1 * 86400)).toBe('2.1 d');
    expect(formatDuration(null)).toBe(NO_VALUE);
  });

  it('shows shares as percent and rates per day with two decimals', () => {
    expect(formatShare(0.125)).toBe('12.5 %');
    expect(formatShare(null)).toBe(NO_VALUE);
    expect(formatKpiValue('perDay', 1.4)).toBe('1.40');
    expect(formatKpiValue('score', 4.25)).toBe('4.3 / 5');
    expect(formatKpiValue('count', 1234)).toBe('1,234');
  });
});
