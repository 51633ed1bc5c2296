/*
 * Settings → General → Date and number format: how dates, times and numbers
 * read across Lodestar (the requests, the KPIs, the app's own pages). Each
 * choice shows what it looks like, since people pick a format by its look
 * more than by its name. "Browser default" removes the setting.
 */
import { InfoCard } from '@backstage/core-components';
import { Flex, Select, Text } from '@backstage/ui';
import {
  browserLocales,
  createLocaleFormat,
  errorMessage,
  useLocaleFormat,
  useLocaleSetting,
} from '@internal/lodestar-react';
import { useState } from 'react';

/** Offered besides the browser's own and the current choice. */
export const OFFERED_LOCALES = [
  'en-US',
  'en-GB',
  'en-IE',
  'en-IN',
  'de-DE',
  'de-CH',
  'fr-FR',
  'es-ES',
  'it-IT',
  'nl-NL',
  'pt-BR',
  'pl-PL',
  'sv-SE',
  'nb-NO',
  'da-DK',
  'fi-FI',
  'ja-JP',
  'zh-CN',
  'ar-EG',
  'he-IL',
];

const BROWSER = 'browser';

// A fixed moment, so every choice shows the same date and number.
const SAMPLE_DATE = new Date(2026, 2, 5, 14, 30);
const SAMPLE_NUMBER = 1234.5;

function sample(locales: string | readonly string[]): string {
  const format = createLocaleFormat(locales);
  return `${format.dateTime(SAMPLE_DATE)} · ${format.number(SAMPLE_NUMBER)}`;
}

/** "Deutsch (Deutschland)": a locale named in its own language. */
function nativeName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(
      locale,
    );
    return name
      ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1)
      : locale;
  } catch {
    return locale;
  }
}

export const LocaleFormatCard = () => {
  const { locale, setLocale } = useLocaleSetting();
  const format = useLocaleFormat();
  const [error, setError] = useState<unknown>();
  const browser = browserLocales();
  const tags = [...new Set([...(locale ? [locale] : []), ...OFFERED_LOCALES])];

  const choose = async (key: string) => {
    setError(undefined);
    try {
      await setLocale(key === BROWSER ? undefined : key);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <InfoCard title="Date and number format" variant="gridItem">
      <Flex direction="column" gap="3">
        <Text color="secondary">
          How dates, times and numbers read everywhere in Lodestar. Browser
          default follows the languages your browser prefers.
        </Text>
        <Select
          label="Format"
          options={[
            {
              id: BROWSER,
              label: `Browser default — ${sample(browser)}`,
            },
            ...tags.map(tag => ({
              id: tag,
              label: `${nativeName(tag)} — ${sample(tag)}`,
            })),
          ]}
          value={locale ?? BROWSER}
          onChange={key => key && choose(String(key))}
        />
        <Text variant="body-small" color="secondary">
          <bdi>{format.dateTime(SAMPLE_DATE)}</bdi> ·{' '}
          <bdi>{format.number(SAMPLE_NUMBER)}</bdi> ({format.locale})
        </Text>
        {error ? (
          <Text color="danger" role="alert">
            The format was not saved: {errorMessage(error)}
          </Text>
        ) : null}
      </Flex>
    </InfoCard>
  );
};
