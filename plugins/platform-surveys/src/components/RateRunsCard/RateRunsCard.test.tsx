import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeApi,
  fakeScaffolder,
  renderPage,
  RUNS,
} from '../../__testUtils__/renderPage';
import { RateRunsCard } from './RateRunsCard';

const NOW = () => Date.parse('2026-04-05T00:00:00Z');

describe('RateRunsCard', () => {
  it('asks about finished runs of the last 30 days and sends a rating', async () => {
    const api = fakeApi();
    const scaffolder = fakeScaffolder(RUNS);
    renderPage(<RateRunsCard now={NOW} />, { api, scaffolder });
    const card = await screen.findByTestId('rate-runs');
    expect(card).toHaveTextContent('service · 2026-04-02 · completed');
    expect(card).not.toHaveTextContent('processing');
    expect(card).not.toHaveTextContent('docs-site');
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Rate the service run of 2026-04-02 4 of 5',
      }),
    );
    await waitFor(() =>
      expect(api.rateRun).toHaveBeenCalledWith('task-done', 4),
    );
    expect(await screen.findByText('Thanks')).toBeInTheDocument();
    expect(scaffolder.listTasks).toHaveBeenCalledWith({
      filterByOwnership: 'owned',
      limit: 20,
    });
  });

  it('takes no room without a recent finished run', async () => {
    const scaffolder = fakeScaffolder([RUNS[1], RUNS[2]]);
    renderPage(<RateRunsCard now={NOW} />, { api: fakeApi(), scaffolder });
    await waitFor(() => expect(scaffolder.listTasks).toHaveBeenCalled());
    expect(screen.queryByTestId('rate-runs')).not.toBeInTheDocument();
  });
});
