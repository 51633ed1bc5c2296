import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Effort } from '@internal/plugin-platform-requests-common';
import {
  CHECKOUT,
  fakeApi,
  fakeImprovementsApi,
  renderPage,
  SAM,
} from '../../__testUtils__';
import { EffortPage } from './EffortPage';

const effort = (days: Effort['days']): Effort => ({
  days,
  until: '2026-06-30T00:00:00.000Z',
  total: { openRequests: 3, votes: 3, hoursLostPerWeek: 21 },
  byCategory: [
    { category: 'access', openRequests: 2, votes: 1, hoursLostPerWeek: 11 },
    { category: 'pain-point', openRequests: 1, votes: 2, hoursLostPerWeek: 10 },
  ],
  byTeam: [
    { team: CHECKOUT, openRequests: 2, votes: 2, hoursLostPerWeek: 18.5 },
  ],
  byImprovement: [
    {
      id: 'IMP-2',
      title: 'Self-service access',
      status: 'proposed',
      linkedRequests: 2,
      openRequests: 2,
      votes: 3,
      hoursLostPerWeek: 13,
    },
  ],
  resolutionByCategory: [
    { category: 'pain-point', resolved: 3, medianHours: 48, p90Hours: 240 },
  ],
  topPains: [
    {
      key: 'REQ-1',
      title: 'Slow CI builds',
      category: 'pain-point',
      requestingTeam: CHECKOUT,
      votes: 2,
      hoursLostPerWeek: 10,
    },
  ],
  shareAnswered: {
    hoursLostPerWeek: 25,
    answeredHoursLostPerWeek: 10,
    votes: 4,
    answeredVotes: 1,
  },
});

describe('EffortPage', () => {
  it('shows demand, resolution times, top pains and the share answered, and changes the window', async () => {
    const improvements = fakeImprovementsApi({
      getEffort: jest.fn(async days => effort(days)),
    });
    renderPage(<EffortPage />, { api: fakeApi(), improvements, user: SAM });

    const byCategory = await screen.findByRole('table', {
      name: 'Demand by category',
    });
    const access = within(byCategory)
      .getByText('Access / permissions')
      .closest('tr')!;
    expect(access).toHaveTextContent('Access / permissions2111');
    expect(
      screen.getByRole('figure', {
        name: 'Demand by category: hours lost per week',
      }),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Demand by team' }),
      ).getAllByRole('row')[1],
    ).toHaveTextContent('18.5');
    expect(
      within(
        screen.getByRole('table', { name: 'Demand by improvement' }),
      ).getByRole('link', { name: 'IMP-2 · Self-service access' }),
    ).toHaveAttribute('href', '/improvements/IMP-2');
    const resolution = screen.getByRole('table', {
      name: 'Time to resolve by category',
    });
    expect(within(resolution).getAllByRole('row')[1]).toHaveTextContent(
      'Pain point32.0 d10.0 d',
    );
    expect(
      within(
        screen.getByRole('table', { name: 'Top pains by hours lost' }),
      ).getByRole('link', { name: 'REQ-1 · Slow CI builds' }),
    ).toHaveAttribute('href', '/requests/REQ-1');
    expect(screen.getByTestId('share-answered')).toHaveTextContent(
      '40.0 % of the hours lost per week (10 of 25) and 25.0 % of the votes (1 of 4).',
    );
    expect(improvements.getEffort).toHaveBeenCalledWith(90);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Window' }),
      '30',
    );
    await waitFor(() =>
      expect(improvements.getEffort).toHaveBeenLastCalledWith(30),
    );
    expect(
      await screen.findByText(/filed in the last 30 days/),
    ).toBeInTheDocument();
  });

  it('shows the server’s message when it cannot load', async () => {
    const improvements = fakeImprovementsApi({
      getEffort: jest.fn(async () => {
        throw new Error('days: must be one of 30, 90, 180, 365');
      }),
    });
    renderPage(<EffortPage />, { api: fakeApi(), improvements, user: SAM });
    expect(
      await screen.findByText(/days: must be one of 30, 90, 180, 365/),
    ).toBeInTheDocument();
  });
});
