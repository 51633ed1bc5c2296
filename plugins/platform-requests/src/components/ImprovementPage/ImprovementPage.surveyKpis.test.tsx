import { screen, within } from '@testing-library/react';
import {
  fakeApi,
  fakeImprovementsApi,
  makeImprovement,
  renderPage,
} from '../../__testUtils__';
import { ImprovementPage } from './ImprovementPage';

describe('ImprovementPage with a survey score among its target KPIs', () => {
  it('names it "survey title — question", not by its id', async () => {
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements: fakeImprovementsApi({
        getImprovement: jest.fn(async () =>
          makeImprovement({ targetKpis: ['leadTime', 'survey:s-1:q1'] }),
        ),
        listSurveyScores: jest.fn(async () => [
          { kpi: 'survey:s-1:q1', label: 'Developer pulse — CI is fast' },
        ]),
      }),
    });
    const list = await screen.findByRole('list', { name: 'Target KPIs' });
    expect(
      await within(list).findByText('Developer pulse — CI is fast'),
    ).toBeInTheDocument();
    expect(within(list).queryByText(/s-1/)).not.toBeInTheDocument();
  });

  it('measures a survey score over 90-day windows, other KPIs over 30', async () => {
    const improvements = fakeImprovementsApi({
      getImprovement: jest.fn(async () =>
        makeImprovement({
          status: 'shipped',
          shippedAt: '2024-03-01T10:00:00Z',
          targetKpis: ['leadTime', 'survey:s-1:q1'],
        }),
      ),
      getImpact: jest.fn(
        async (query: { kpi: string; windowDays: number }) => ({
          shippedAt: '2024-03-01T10:00:00Z',
          windowDays: query.windowDays,
          before: { from: '2023-12-02', to: '2024-03-01' },
          after: { from: '2024-03-01', to: '2024-05-30' },
          afterWindowComplete: true,
          scope: { teams: [], entities: [] },
          kpis: [
            {
              kpi: query.kpi,
              title:
                query.kpi === 'leadTime' ? '' : 'Developer pulse — CI is fast',
              better: 'higher',
              scope: {
                before: { value: 2.8, n: 6 },
                after: { value: 4.5, n: 6 },
              },
              rest: null,
              test: { name: 'Mann–Whitney U', pValue: 0.008 },
              verdict: 'improved',
              reason: 'The scope rose 59 %',
            },
          ],
        }),
      ),
    });
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
    });
    const impact = await screen.findByRole('table', { name: 'Impact' });
    expect(impact).toHaveTextContent('Developer pulse — CI is fast (90 days)');
    expect(impact).toHaveTextContent('Lead time for changes (30 days)');
    expect(improvements.getImpact).toHaveBeenCalledWith(
      expect.objectContaining({ kpi: 'survey:s-1:q1', windowDays: 90 }),
    );
    expect(improvements.getImpact).toHaveBeenCalledWith(
      expect.objectContaining({ kpi: 'leadTime', windowDays: 30 }),
    );
  });
});
