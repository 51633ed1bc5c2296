import { screen, within } from '@testing-library/react';
import { CHECKOUT, fakeApi, makeImpact, renderPage } from '../../__testUtils__';
import { KpiPage } from '../KpiPage';

const SURVEY_KPI = 'survey:0b7e2c1a-1111-4222-8333-444455556666:q1';

describe('A survey score among a shipped improvement’s KPIs', () => {
  it('is asked over 90 days, beside the others over 30, and named by its title', async () => {
    const leadTime = makeImpact().kpis[0];
    const api = fakeApi({
      getShippedImprovements: jest.fn(async () => [
        {
          id: 'imp-1',
          title: 'Faster CI runners',
          status: 'shipped',
          shippedAt: '2026-03-01T00:00:00.000Z',
          scope: { teams: [CHECKOUT], entities: [] },
          targetKpis: ['leadTime', SURVEY_KPI],
        },
      ]),
      getImpact: jest.fn(async (q: { windowDays: number }) =>
        q.windowDays === 90
          ? makeImpact({
              windowDays: 90,
              kpis: [
                {
                  ...leadTime,
                  kpi: SURVEY_KPI,
                  title: 'Developer pulse — CI is fast enough',
                  better: 'higher',
                  unit: 'score',
                  scope: {
                    before: { value: 2.8, n: 6 },
                    after: { value: 4.5, n: 6 },
                  },
                  reason: 'The scope rose 59 % (p = 0.008).',
                },
              ],
            })
          : makeImpact(),
      ),
    });
    renderPage(<KpiPage />, { api, initialRouteEntries: ['/kpis'] });

    const improvement = await screen.findByRole('group', {
      name: 'Faster CI runners',
    });
    const survey = within(improvement).getByRole('row', {
      name: /Developer pulse — CI is fast enough/,
    });
    expect(survey).toHaveTextContent('90-day windows');
    expect(survey).toHaveTextContent('2.8 → 4.5');
    expect(survey).not.toHaveTextContent('0b7e2c1a');
    expect(
      within(improvement).getByRole('row', { name: /Lead time for changes/ }),
    ).toHaveTextContent('15.5 h → 6.5 h');
    expect(api.getImpact).toHaveBeenCalledWith(
      expect.objectContaining({ windowDays: 30, kpis: ['leadTime'] }),
    );
    expect(api.getImpact).toHaveBeenCalledWith(
      expect.objectContaining({ windowDays: 90, kpis: [SURVEY_KPI] }),
    );
  });
});
