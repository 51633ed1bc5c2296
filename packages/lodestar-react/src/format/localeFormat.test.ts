import { canonicalLocale, createLocaleFormat } from './localeFormat';

// Intl separates the time from "PM" with a narrow no-break space.
const plain = (s: string) => s.replace(/\s/g, ' ');

// 5 March 2026, 14:30 in the test's own time zone.
const march5 = new Date(2026, 2, 5, 14, 30);

describe('createLocaleFormat', () => {
  it('writes dates and times in the order and words of the locale', () => {
    const cases: Array<[string, string, string]> = [
      ['de-DE', '05.03.2026, 14:30', '5. März'],
      ['en-US', 'Mar 5, 2026, 2:30 PM', 'Mar 5'],
      ['en-GB', '5 Mar 2026, 14:30', '5 Mar'],
    ];
    for (const [locale, dateTime, dayMonth] of cases) {
      const format = createLocaleFormat(locale);
      expect(format.locale).toBe(locale);
      expect(plain(format.dateTime(march5))).toBe(dateTime);
      expect(plain(format.dateTime(march5.toISOString()))).toBe(dateTime);
      expect(format.dayMonth(march5)).toBe(dayMonth);
    }
  });

  it('writes numbers with the separators of the locale', () => {
    const de = createLocaleFormat('de-DE');
    const us = createLocaleFormat('en-US');
    const gb = createLocaleFormat('en-GB');
    expect(de.number(1234.5)).toBe('1.234,5');
    expect(us.number(1234.5)).toBe('1,234.5');
    expect(gb.number(1234.5)).toBe('1,234.5');
    // Exactly so many decimals, as toFixed; at most so many, as a count.
    expect(de.number(1.4, { fractionDigits: 2 })).toBe('1,40');
    expect(us.number(1.4, { fractionDigits: 2 })).toBe('1.40');
    expect(de.number(12, { maxFractionDigits: 1 })).toBe('12');
    expect(de.number(3.25, { maxFractionDigits: 1 })).toBe('3,3');
  });

  it('shows a day and month in the time zone asked for', () => {
    const format = createLocaleFormat('en-GB');
    const lateOnThe4thInUtc = '2026-03-04T23:30:00.000Z';
    expect(format.dayMonth(lateOnThe4thInUtc, 'UTC')).toBe('4 Mar');
    expect(format.dayMonth(lateOnThe4thInUtc, 'Europe/Berlin')).toBe('5 Mar');
    // An unknown zone falls back to the browser's instead of failing.
    expect(format.dayMonth(march5, 'Mars/Olympus')).toBe('5 Mar');
  });

  it('takes the first locale of a preference list that it knows', () => {
    expect(createLocaleFormat(['de-DE', 'en-US']).locale).toBe('de-DE');
    expect(createLocaleFormat(['not a locale', 'en-GB']).locale).toBe('en-GB');
  });

  it('leaves what is not a date as it came', () => {
    const format = createLocaleFormat('en-GB');
    expect(format.dateTime('yesterday')).toBe('yesterday');
    expect(format.dayMonth('soon')).toBe('soon');
  });
});

describe('canonicalLocale', () => {
  it('accepts BCP 47 tags and refuses anything else', () => {
    expect(canonicalLocale('de-de')).toBe('de-DE');
    expect(canonicalLocale(' en-GB ')).toBe('en-GB');
    expect(canonicalLocale('not a locale')).toBeUndefined();
    expect(canonicalLocale('')).toBeUndefined();
    expect(canonicalLocale(42)).toBeUndefined();
  });
});
