import { createLocaleFormat } from '@internal/lodestar-react';
import {
  formatAgo,
  formatDuration,
  formatHours,
  formatKpiValue,
  formatOf,
  formatShare,
  NO_VALUE,
  windowLabel,
} from './format';

const en = createLocaleFormat('en-US');
const gb = createLocaleFormat('en-GB');
const de = createLocaleFormat('de-DE');

describe('format', () => {
  it('shows durations in minutes, hours or days', () => {
    expect(formatDuration(42 * 60, en)).toBe('42 min');
    expect(formatDuration(3.2 * 3600, en)).toBe('3.2 h');
    expect(formatDuration(2.1 * 86400, en)).toBe('2.1 d');
    expect(formatDuration(null, en)).toBe(NO_VALUE);
  });

  it('shows shares as percent and rates per day with two decimals', () => {
    expect(formatShare(0.125, en)).toBe('12.5 %');
    expect(formatShare(null, en)).toBe(NO_VALUE);
    expect(formatKpiValue('perDay', 1.4, en)).toBe('1.40');
    expect(formatKpiValue('score', 4.25, en)).toBe('4.3 / 5');
    expect(formatKpiValue('count', 1234, en)).toBe('1,234');
    expect(formatKpiValue('count', null, en)).toBe(NO_VALUE);
  });

  it('keeps the units and takes digits and separators from the locale', () => {
    expect(formatDuration(3.2 * 3600, de)).toBe('3,2 h');
    expect(formatShare(0.125, de)).toBe('12,5 %');
    expect(formatKpiValue('perDay', 1.4, de)).toBe('1,40');
    expect(formatKpiValue('count', 1234, de)).toBe('1.234');
    expect(formatKpiValue('count', 1234, gb)).toBe('1,234');
    expect(formatHours(1234.4, de)).toBe('1.234 h');
    expect(formatHours(2.25, gb)).toBe('2.3 h');
    expect(formatOf(1200, 1500, de)).toBe('1.200 of 1.500');
    expect(windowLabel(365, de)).toBe('last 365 days');
  });

  it('says how long ago in minutes, hours or days', () => {
    const now = new Date('2026-03-05T12:00:00Z');
    expect(formatAgo('2026-03-05T11:55:00Z', en, now)).toBe('5 min ago');
    expect(formatAgo('2026-03-05T09:00:00Z', en, now)).toBe('3 h ago');
    expect(formatAgo('2026-03-03T12:00:00Z', en, now)).toBe('2 d ago');
  });
});
