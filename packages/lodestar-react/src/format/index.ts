export {
  browserLocales,
  canonicalLocale,
  createLocaleFormat,
} from './localeFormat';
export type { DateInput, LocaleFormat, NumberOptions } from './localeFormat';
export {
  LOCALE_SETTING,
  useLocaleFormat,
  useLocaleSetting,
} from './localeSetting';
export type { LocaleSetting } from './localeSetting';
export {
  formatDuration,
  formatFixed,
  formatShare,
  isMissing,
  NO_VALUE,
} from './units';
