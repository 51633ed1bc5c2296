import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { storageApiRef } from '@backstage/frontend-plugin-api';
import { act, render, screen } from '@testing-library/react';
import {
  LOCALE_SETTING,
  useLocaleFormat,
  useLocaleSetting,
} from './localeSetting';

const plain = (s: string | null) => s?.replace(/\s/g, ' ');
const filedAt = new Date(2026, 2, 5, 14, 30).toISOString();

/** A line as the request page writes it, with the hook's formats. */
const Filed = () => {
  const format = useLocaleFormat();
  return (
    <p data-testid="filed">
      Filed {format.dateTime(filedAt)} · priority{' '}
      {format.number(1234.5, { fractionDigits: 1 })}
    </p>
  );
};

const withSetting = (locale?: string) =>
  mockApis.storage({
    data: locale
      ? { [LOCALE_SETTING.bucket]: { [LOCALE_SETTING.key]: locale } }
      : {},
  });

describe('useLocaleFormat', () => {
  it('writes dates and numbers in the locale the person chose', async () => {
    await renderInTestApp(<Filed />, { apis: [withSetting('de-DE')] });
    expect(plain(screen.getByTestId('filed').textContent)).toBe(
      'Filed 05.03.2026, 14:30 · priority 1.234,5',
    );
  });

  it("follows the browser's languages when the person chose none", async () => {
    const languages = jest
      .spyOn(window.navigator, 'languages', 'get')
      .mockReturnValue(['en-GB', 'en']);
    await renderInTestApp(<Filed />, { apis: [withSetting()] });
    expect(plain(screen.getByTestId('filed').textContent)).toBe(
      'Filed 5 Mar 2026, 14:30 · priority 1,234.5',
    );
    languages.mockRestore();
  });

  it('changes everywhere as soon as the setting changes', async () => {
    const storage = withSetting('en-US');
    let setting: ReturnType<typeof useLocaleSetting> | undefined;
    const Setting = () => {
      setting = useLocaleSetting();
      return null;
    };
    render(
      <TestApiProvider apis={[[storageApiRef, storage]]}>
        <Setting />
        <Filed />
      </TestApiProvider>,
    );
    expect(plain(screen.getByTestId('filed').textContent)).toBe(
      'Filed Mar 5, 2026, 2:30 PM · priority 1,234.5',
    );
    await act(() => setting!.setLocale('de-DE'));
    expect(setting!.locale).toBe('de-DE');
    expect(plain(screen.getByTestId('filed').textContent)).toBe(
      'Filed 05.03.2026, 14:30 · priority 1.234,5',
    );
    expect(
      storage.forBucket(LOCALE_SETTING.bucket).snapshot(LOCALE_SETTING.key)
        .value,
    ).toBe('de-DE');
    // Back to the browser's: the setting is removed, not stored empty.
    await act(() => setting!.setLocale(undefined));
    expect(setting!.locale).toBeUndefined();
    expect(
      storage.forBucket(LOCALE_SETTING.bucket).snapshot(LOCALE_SETTING.key)
        .presence,
    ).toBe('absent');
  });

  it('ignores a stored value that is no locale', async () => {
    const languages = jest
      .spyOn(window.navigator, 'languages', 'get')
      .mockReturnValue(['en-US']);
    await renderInTestApp(<Filed />, { apis: [withSetting('<script>')] });
    expect(plain(screen.getByTestId('filed').textContent)).toBe(
      'Filed Mar 5, 2026, 2:30 PM · priority 1,234.5',
    );
    languages.mockRestore();
  });
});
