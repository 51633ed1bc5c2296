import { screen, waitFor, within } from '@testing-library/react';
import { createLocaleFormat } from '@internal/lodestar-react';
import { fakeApi, renderPage } from '../../__testUtils__';
import { KpiPage } from '../KpiPage';

const UNMATCHED = {
  items: [
    {
      source: 'github',
      annotation: 'github.com/project-slug',
      name: 'acme/orphan',
      count: 3,
      firstSeen: '2026-06-01T10:00:00.000Z',
      lastSeen: '2026-06-02T11:00:00.000Z',
    },
    {
      source: 'pagerduty',
      annotation: 'pagerduty.com/service-id',
      name: 'pabc123',
      count: 1,
      firstSeen: '2026-06-01T09:00:00.000Z',
      lastSeen: '2026-06-01T09:00:00.000Z',
    },
  ],
};

describe('UnmatchedSourcesSection on the KPI page', () => {
  it('lists each unmatched source with its count, last seen and the annotation to add', async () => {
    const api = fakeApi({
      getUnmatchedSources: jest.fn(async () => UNMATCHED),
    });
    renderPage(<KpiPage />, { api, initialRouteEntries: ['/kpis'] });

    const section = await screen.findByRole('region', {
      name: 'Unmatched sources',
    });
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('GitHub');
    expect(rows[0]).toHaveTextContent('acme/orphan');
    expect(rows[0]).toHaveTextContent(
      "Add the annotation github.com/project-slug: acme/orphan to the component's catalog-info.yaml",
    );
    expect(rows[0]).toHaveTextContent('3');
    // In the browser's format (en-US in the tests) without a setting.
    expect(rows[0]).toHaveTextContent(
      createLocaleFormat('en-US').dateTime('2026-06-02T11:00:00.000Z'),
    );
    expect(rows[1]).toHaveTextContent('PagerDuty');
    expect(rows[1]).toHaveTextContent('pagerduty.com/service-id: pabc123');
    expect(api.getUnmatchedSources).toHaveBeenCalledTimes(1);
  });

  it('shows no section when every webhook event has a component', async () => {
    const api = fakeApi();
    renderPage(<KpiPage />, { api, initialRouteEntries: ['/kpis'] });
    await screen.findByRole('region', { name: 'Catalog health' });
    await waitFor(() => expect(api.getUnmatchedSources).toHaveBeenCalled());
    expect(
      screen.queryByRole('region', { name: 'Unmatched sources' }),
    ).not.toBeInTheDocument();
  });
});
