import { renderInTestApp } from '@backstage/frontend-test-utils';
import { KPI_DEFINITIONS } from '@internal/plugin-platform-kpis-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { KpiTile } from './KpiTile';

describe('KpiTile', () => {
  it('explains the KPI, its source and its tier bands in a tooltip', async () => {
    renderInTestApp(
      <KpiTile
        kpi="changeFailureRate"
        value="8.0 %"
        current={0.08}
        previous={0.05}
        tier="high"
      />,
    );
    const info = await screen.findByRole('button', {
      name: 'About Change failure rate',
    });
    await userEvent.tab();
    expect(info).toHaveFocus();
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'Production deployments that failed or caused an incident',
    );
    expect(tooltip).toHaveTextContent('Source: deployment events posted');
    expect(tooltip).toHaveTextContent('Elite: 5 % or less');
    expect(tooltip).toHaveTextContent('Low: more than 15 %');
    expect(screen.getByTitle('Change failure rate tier: High')).toHaveAttribute(
      'data-color',
      'info',
    );
  });

  it('lets a tile say that lower is better for its share', async () => {
    renderInTestApp(
      <KpiTile
        kpi="catalogHealth"
        title="Orphans"
        value="2.0 %"
        current={0.02}
        previous={0.05}
        better="lower"
      />,
    );
    const change = await screen.findByTestId('kpi-change');
    expect(change).toHaveTextContent('−3.0 pts');
    expect(change).toHaveAttribute('data-color', 'success');
    expect(change).toHaveAttribute('data-verdict', 'better');
  });

  it('says so when there is nothing to compare with', async () => {
    renderInTestApp(
      <KpiTile kpi="templateShare" value="65.0 %" current={0.65} />,
    );
    const change = await screen.findByTestId('kpi-change');
    expect(change).toHaveTextContent('no comparison');
    expect(change).toHaveAttribute('data-color', 'secondary');
  });

  it.each([
    ['leadTime', 11_520, '3.2 h'],
    ['changeFailureRate', 0.08, '8.0 %'],
    ['hoursSaved', 12.5, '13 h'],
    ['satisfaction', 4.25, '4.3 / 5'],
    ['requestsCreated', 1234, '1,234'],
    ['timeToRestore', null, '–'],
  ] as const)(
    'shows %s in the unit of its definition unless given a value',
    async (kpi, current, shown) => {
      renderInTestApp(<KpiTile kpi={kpi} current={current} />);
      expect(await screen.findByTestId('kpi-value')).toHaveTextContent(shown);
    },
  );

  it('names the tile by its definition unless given a title', async () => {
    renderInTestApp(<KpiTile kpi="timeToTriage" current={600} />);
    expect(
      await screen.findByRole('group', {
        name: KPI_DEFINITIONS.timeToTriage.title,
      }),
    ).toHaveTextContent('10 min');
  });
});
