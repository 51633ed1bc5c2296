/*
 * How dates and numbers read for one person: every date, time and number
 * the Lodestar plugins and the app show goes through a LocaleFormat made for
 * the person's "Date and number format" setting (Settings → General), which
 * defaults to the browser's preferred languages. Units and wording stay the
 * house's ("3.2 h", "12.5 %"); the digits, separators, month names and
 * order follow the locale ("3,2 h" in de-DE, "5 Mar" in en-GB, "Mar 5" in
 * en-US).
 */

export type DateInput = string | number | Date;

export type NumberOptions = {
  /** Exactly this many decimals ("1.40"), as toFixed would. */
  fractionDigits?: number;
  /** At most this many decimals, none when the number is whole ("1,234"). */
  maxFractionDigits?: number;
};

export type LocaleFormat = {
  /** The locale the formats follow, as Intl resolved it ("de-DE"). */
  readonly locale: string;
  /** Date and time: "5 Mar 2026, 14:30", "Mar 5, 2026, 2:30 PM", "05.03.2026, 14:30". */
  dateTime(value: DateInput): string;
  /** Day and month, in `timeZone` when given: "5 Mar", "Mar 5", "5. März". */
  dayMonth(value: DateInput, timeZone?: string): string;
  /** A number with the locale's digits, decimal and grouping separators. */
  number(value: number, options?: NumberOptions): string;
};

/** A BCP 47 tag that Intl accepts ("de-DE", "en-GB"), canonicalised; otherwise undefined. */
export function canonicalLocale(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag.trim() === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

/** What the browser asks for, most preferred first (navigator.languages). */
export function browserLocales(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages?.length) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

function toDate(value: DateInput): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The formats for `locales` (a tag, or a list most preferred first; none is
 * the runtime's default). Intl objects are made once per formatter and
 * option set.
 */
export function createLocaleFormat(
  locales?: string | readonly string[],
): LocaleFormat {
  const requested = (typeof locales === 'string' ? [locales] : locales ?? [])
    .map(canonicalLocale)
    .filter((tag): tag is string => tag !== undefined);
  const dateTimeFormat = new Intl.DateTimeFormat(requested, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const locale = dateTimeFormat.resolvedOptions().locale;
  const dayMonthFormats = new Map<string, Intl.DateTimeFormat>();
  const numberFormats = new Map<string, Intl.NumberFormat>();

  const dayMonthFormat = (timeZone: string | undefined) => {
    const key = timeZone ?? '';
    let format = dayMonthFormats.get(key);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat(locale, {
          day: 'numeric',
          month: 'short',
          timeZone,
        });
      } catch {
        // An unknown time zone: the browser's own.
        format = new Intl.DateTimeFormat(locale, {
          day: 'numeric',
          month: 'short',
        });
      }
      dayMonthFormats.set(key, format);
    }
    return format;
  };

  return {
    locale,
    dateTime(value) {
      const date = toDate(value);
      return date ? dateTimeFormat.format(date) : String(value);
    },
    dayMonth(value, timeZone) {
      const date = toDate(value);
      return date ? dayMonthFormat(timeZone).format(date) : String(value);
    },
    number(value, options = {}) {
      const { fractionDigits, maxFractionDigits } = options;
      const key = `${fractionDigits ?? ''}/${maxFractionDigits ?? ''}`;
      let format = numberFormats.get(key);
      if (!format) {
        format = new Intl.NumberFormat(
          locale,
          fractionDigits !== undefined
            ? {
                minimumFractionDigits: fractionDigits,
                maximumFractionDigits: fractionDigits,
              }
            : { maximumFractionDigits: maxFractionDigits ?? 3 },
        );
        numberFormats.set(key, format);
      }
      return format.format(value);
    },
  };
}
