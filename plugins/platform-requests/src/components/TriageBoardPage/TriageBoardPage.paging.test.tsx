import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RequestListQuery } from '../../api';
import {
  CHECKOUT,
  fakeApi,
  makeRequest,
  PAYMENTS,
  PRIYA,
  renderPage,
} from '../../__testUtils__';
import { TriageBoardPage } from './TriageBoardPage';

/**
 * 45 new requests on a fake server that filters, sorts by priority and
 * pages by offset as GET /requests does, and counts every match.
 */
function manyNewRequests(): PlatformRequest[] {
  return Array.from({ length: 45 }, (_, i) =>
    makeRequest({
      key: `REQ-${i + 1}`,
      title: `Request ${i + 1}`,
      // Pairs of equal priority: 44, 44, 43, 43, …
      priority: { score: 44 - Math.floor(i / 2), parts: [] },
      urgency: i % 3 === 0 ? 'critical' : 'low',
      category: i % 5 === 0 ? 'access' : 'pain-point',
      requestingTeam: i % 2 === 0 ? CHECKOUT : PAYMENTS,
      sla: {
        // The second of each pair is due sooner.
        triage: {
          targetHours: 4,
          dueAt: `2030-01-01T${i % 2 === 0 ? '10' : '05'}:00:00.000Z`,
          breached: false,
        },
        resolve: {
          targetHours: 72,
          dueAt: '2030-01-09T00:00:00.000Z',
          breached: false,
        },
      },
    }),
  );
}

function pagingApi(requests: PlatformRequest[]) {
  return fakeApi({
    listRequests: jest.fn(async (query: RequestListQuery) => {
      const matching = requests
        .filter(r => query.status?.includes(r.status))
        .filter(
          r => !query.urgency?.length || query.urgency.includes(r.urgency),
        )
        .filter(r => !query.category || query.category.includes(r.category))
        .filter(r => !query.team || query.team.includes(r.requestingTeam))
        .sort((a, b) => b.priority.score - a.priority.score);
      const start = Number(query.cursor ?? 0);
      const end = start + (query.limit ?? 25);
      return {
        items: matching.slice(start, end),
        nextCursor: end < matching.length ? String(end) : null,
        total: matching.length,
      };
    }),
  });
}

const column = (name: string) => screen.getByRole('region', { name });
async function newColumnShows(count: number) {
  await waitFor(() =>
    expect(column('New').querySelectorAll('[aria-label^="REQ-"]')).toHaveLength(
      count,
    ),
  );
}

const titlesIn = (region: HTMLElement) =>
  Array.from(region.querySelectorAll('[aria-label^="REQ-"]')).map(card =>
    card.getAttribute('aria-label')!.replace(/^REQ-\d+ /, ''),
  );

describe('TriageBoardPage with many requests', () => {
  it('shows the count and the first 20, most urgent first, then 20 more', async () => {
    const api = pagingApi(manyNewRequests());
    renderPage(<TriageBoardPage />, { api, user: PRIYA });

    await newColumnShows(20);
    const newColumn = column('New');
    expect(within(newColumn).getByLabelText('45 requests')).toHaveTextContent(
      '(45)',
    );
    expect(within(newColumn).getByText('Showing 20 of 45')).toBeInTheDocument();
    // Priority first; within a pair of equal priority, the one due sooner.
    expect(titlesIn(newColumn).slice(0, 4)).toEqual([
      'Request 2',
      'Request 1',
      'Request 4',
      'Request 3',
    ]);
    expect(api.listRequests).toHaveBeenCalledWith(
      expect.objectContaining({
        status: ['new'],
        sort: '-priority',
        limit: 20,
      }),
    );

    await userEvent.click(
      within(newColumn).getByRole('button', { name: 'Show more New' }),
    );
    await newColumnShows(40);
    expect(api.listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ status: ['new'], cursor: '20' }),
    );
    expect(within(newColumn).getByText('Showing 40 of 45')).toBeInTheDocument();

    await userEvent.click(
      within(newColumn).getByRole('button', { name: 'Show more New' }),
    );
    await newColumnShows(45);
    // All shown: no more to ask for.
    expect(
      within(newColumn).queryByRole('button', { name: 'Show more New' }),
    ).toBeNull();
    const titles = titlesIn(newColumn);
    expect(new Set(titles).size).toBe(45);
    // An empty column says 0 and offers nothing more.
    expect(
      within(column('Planned')).getByLabelText('0 requests'),
    ).toBeVisible();
    expect(
      within(column('Planned')).queryByRole('button', { name: /Show more/ }),
    ).toBeNull();
  });

  it('filters every column by urgency, category and team on the server', async () => {
    const api = pagingApi(manyNewRequests());
    renderPage(<TriageBoardPage />, { api, user: PRIYA });
    await newColumnShows(20);

    await userEvent.click(screen.getByRole('button', { name: /Urgency/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Critical' }),
    );
    await userEvent.keyboard('{Escape}');
    // Every third request is critical: 15 of 45.
    await waitFor(() =>
      expect(within(column('New')).getByLabelText('15 requests')).toBeVisible(),
    );
    expect(api.listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ status: ['done'], urgency: ['critical'] }),
    );

    await userEvent.click(screen.getByRole('button', { name: /Category/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Access / permissions' }),
    );
    // Critical (i % 3 == 0) and access (i % 5 == 0): i = 0, 15, 30.
    await waitFor(() =>
      expect(within(column('New')).getByLabelText('3 requests')).toBeVisible(),
    );

    await userEvent.click(screen.getByRole('button', { name: /Team/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Checkout' }),
    );
    // …and Checkout (even i): 0 and 30.
    await waitFor(() =>
      expect(titlesIn(column('New')).sort()).toEqual([
        'Request 1',
        'Request 31',
      ]),
    );
    expect(api.listRequests).toHaveBeenLastCalledWith(
      expect.objectContaining({
        urgency: ['critical'],
        category: ['access'],
        team: [CHECKOUT],
      }),
    );
    expect(within(column('New')).getByLabelText('2 requests')).toBeVisible();
    expect(
      within(column('New')).queryByRole('button', { name: /Show more/ }),
    ).toBeNull();
  });
});
