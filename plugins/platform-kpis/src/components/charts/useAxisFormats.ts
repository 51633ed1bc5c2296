/*
 * The charts' axis ticks and tooltips in the person's format: a bucket's
 * start as a day and month in the window's zone, counts with the locale's
 * digits and separators.
 */
import { useLocaleFormat } from '@internal/lodestar-react';
import { NO_VALUE } from '../../lib/format';

export function useAxisFormats(timeZone?: string) {
  const format = useLocaleFormat();
  return {
    bucket: (value: unknown) => format.dayMonth(String(value), timeZone),
    count: (value: unknown) =>
      typeof value === 'number'
        ? format.number(value)
        : String(value ?? NO_VALUE),
  };
}
