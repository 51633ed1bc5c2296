import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import { LOCALE_SETTING } from '@internal/lodestar-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { generalSettingsModule } from './module';

const plain = (s: string | null | undefined) => s?.replace(/\s/g, ' ');

describe('generalSettingsModule', () => {
  it('adds the date and number format to Settings → General, where it is chosen and kept', async () => {
    const languages = jest
      .spyOn(window.navigator, 'languages', 'get')
      .mockReturnValue(['en-US']);
    const storage = mockApis.storage();
    renderTestApp({
      features: [userSettingsPlugin, generalSettingsModule],
      initialRouteEntries: ['/settings/general'],
      apis: [storage, [catalogApiRef, catalogApiMock()]],
    });
    expect(await screen.findByText('Date and number format')).toBeVisible();
    // The stock cards stay.
    expect(screen.getByText('Appearance')).toBeVisible();
    expect(screen.getByRole('tab', { name: 'General' })).toBeVisible();

    const card = screen
      .getByText('Date and number format')
      .closest('.MuiCard-root') as HTMLElement;
    expect(plain(within(card).getByText(/\(en-US\)/).textContent)).toBe(
      'Mar 5, 2026, 2:30 PM · 1,234.5 (en-US)',
    );

    await userEvent.click(within(card).getByRole('button', { name: /Format/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: /^Deutsch \(Deutschland\)/ }),
    );
    expect(await within(card).findByText(/\(de-DE\)/)).toBeInTheDocument();
    expect(plain(within(card).getByText(/\(de-DE\)/).textContent)).toBe(
      '05.03.2026, 14:30 · 1.234,5 (de-DE)',
    );
    expect(
      storage.forBucket(LOCALE_SETTING.bucket).snapshot(LOCALE_SETTING.key)
        .value,
    ).toBe('de-DE');
    languages.mockRestore();
  });
});
