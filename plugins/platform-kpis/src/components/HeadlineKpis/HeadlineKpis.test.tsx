import { screen, within } from '@testing-library/react';
import { fakeApi, makeDora, renderPage } from '../../__testUtils__';
import { HeadlineKpis } from './HeadlineKpis';

describe('HeadlineKpis', () => {
  it('shows the organisation’s 30-day headline KPIs against the window before', async () => {
    const api = fakeApi();
    renderPage(<HeadlineKpis />, { api });

    const frequency = await screen.findByRole('group', {
      name: 'Deployment frequency',
    });
    expect(
      await within(frequency).findByText('1.40 / day'),
    ).toBeInTheDocument();
    expect(within(frequency).getByTestId('kpi-change')).toHaveAttribute(
      'data-color',
      'success',
    );
    const leadTime = screen.getByRole('group', {
      name: 'Lead time for changes',
    });
    expect(leadTime).toHaveTextContent('3.2 h');
    expect(leadTime).toHaveTextContent('−20 % vs previous 30 days');

    // 23 open now; 23 − 42 filed + 38 closed = 19 thirty days ago: worse.
    const backlog = screen.getByRole('group', { name: 'Open request backlog' });
    expect(await within(backlog).findByText('23')).toBeInTheDocument();
    const change = within(backlog).getByTestId('kpi-change');
    expect(change).toHaveTextContent('+21 % vs 30 days ago');
    expect(change).toHaveAttribute('data-color', 'danger');

    expect(api.getDora).toHaveBeenCalledWith({
      window: '30d',
      include: ['previous'],
    });
    expect(api.getFlow).toHaveBeenCalledWith({ window: '30d' });
    expect(
      within(frequency).getByRole('link', { name: 'Deployment frequency' }),
    ).toHaveAttribute('href', '/kpis?window=30d');
  });

  it('keeps the backlog when DORA fails', async () => {
    renderPage(<HeadlineKpis />, {
      api: fakeApi({
        getDora: jest.fn(async () => {
          throw new Error('no connection');
        }),
      }),
    });
    expect(
      await within(
        screen.getByRole('group', { name: 'Deployment frequency' }),
      ).findByRole('alert'),
    ).toHaveTextContent('no connection');
    expect(
      await within(
        screen.getByRole('group', { name: 'Open request backlog' }),
      ).findByText('23'),
    ).toBeInTheDocument();
  });

  it('greys the change while a value is missing', async () => {
    const dora = makeDora();
    dora.metrics.leadTime.medianSeconds = null;
    renderPage(<HeadlineKpis />, {
      api: fakeApi({ getDora: jest.fn(async () => dora) }),
    });
    const leadTime = await screen.findByRole('group', {
      name: 'Lead time for changes',
    });
    expect(await within(leadTime).findByText('–')).toBeInTheDocument();
    expect(within(leadTime).getByTestId('kpi-change')).toHaveAttribute(
      'data-color',
      'secondary',
    );
  });
});
