/*
 * A file of its own: usePermission caches its answers for the module's
 * lifetime, so an allowed render earlier in the same file would answer
 * this one first.
 */
import { screen, waitFor } from '@testing-library/react';
import { fakeApi, renderPage } from '../../__testUtils__';
import { KpiPage } from '../KpiPage';

describe('UnmatchedSourcesSection outside the platform team', () => {
  it('is neither asked for nor shown', async () => {
    const api = fakeApi({
      getUnmatchedSources: jest.fn(async () => ({
        items: [
          {
            source: 'github',
            annotation: 'github.com/project-slug',
            name: 'acme/orphan',
            count: 3,
            firstSeen: '2026-06-01T10:00:00.000Z',
            lastSeen: '2026-06-02T11:00:00.000Z',
          },
        ],
      })),
    });
    renderPage(<KpiPage />, {
      api,
      initialRouteEntries: ['/kpis'],
      deny: ['platform-kpis.webhooks.unmatched.read'],
    });
    await screen.findByRole('region', { name: 'Catalog health' });
    await waitFor(() => expect(api.getCatalogHealth).toHaveBeenCalled());
    expect(api.getUnmatchedSources).not.toHaveBeenCalled();
    expect(
      screen.queryByRole('region', { name: 'Unmatched sources' }),
    ).not.toBeInTheDocument();
  });
});
