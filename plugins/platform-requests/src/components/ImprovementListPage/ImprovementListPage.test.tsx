import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeApi,
  fakeImprovementsApi,
  makeImprovement,
  PLATFORM,
  PRIYA,
  renderPage,
} from '../../__testUtils__';
import { ImprovementListPage } from './ImprovementListPage';

describe('ImprovementListPage for the platform team', () => {
  it('lists improvements with the demand they answer, and filters by status', async () => {
    const improvements = fakeImprovementsApi({
      listImprovements: jest.fn(async () => [
        makeImprovement(),
        makeImprovement({
          id: 'IMP-2',
          title: 'Golden path for jobs',
          status: 'shipped',
          shippedAt: '2024-02-01T10:00:00.000Z',
        }),
      ]),
    });
    renderPage(<ImprovementListPage />, {
      api: fakeApi(),
      improvements,
      user: PRIYA,
      groups: [PLATFORM],
    });

    const table = await screen.findByRole('table', { name: 'Improvements' });
    const row = within(table)
      .getByRole('link', { name: 'IMP-1 · Faster CI runners' })
      .closest('tr')!;
    expect(
      within(table).getByRole('link', { name: 'IMP-1 · Faster CI runners' }),
    ).toHaveAttribute('href', '/improvements/IMP-1');
    expect(row).toHaveTextContent('In progress');
    expect(
      screen.getByRole('link', { name: 'Where effort goes' }),
    ).toHaveAttribute('href', '/requests/effort');
    expect(row).toHaveTextContent('34.5');
    expect(row).toHaveTextContent('2030-03-31');
    expect(within(table).getByText(/^shipped /)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'New improvement' }),
    ).toHaveAttribute('href', '/improvements/new');

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Status' }),
      'shipped',
    );
    await waitFor(() =>
      expect(improvements.listImprovements).toHaveBeenLastCalledWith({
        status: ['shipped'],
      }),
    );
  });

  it('says when there are none', async () => {
    renderPage(<ImprovementListPage />, { api: fakeApi() });
    expect(await screen.findByText('No improvements yet.')).toBeInTheDocument();
  });
});
