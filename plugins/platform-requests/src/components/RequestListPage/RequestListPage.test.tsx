import { coreApis } from '@backstage/frontend-plugin-api';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CHECKOUT,
  fakeApi,
  makeRequest,
  renderPage,
} from '../../__testUtils__';
import { RequestListPage } from './RequestListPage';

const breached = makeRequest({
  key: 'REQ-2',
  title: 'Self-service database access',
  status: 'triaged',
  category: 'access',
  urgency: 'critical',
  sla: {
    triage: { targetHours: 4, dueAt: '2024-01-01T14:00:00Z', breached: true },
    resolve: {
      targetHours: 72,
      dueAt: '2024-01-04T10:00:00Z',
      breached: false,
    },
  },
});

function locationOf(apis: { get: Function }) {
  return apis.get(coreApis.appHistory).getSnapshot().location;
}

// Typing into filters with userEvent takes seconds when the whole suite runs
describe('RequestListPage', () => {
  it('renders a row per request with its status, votes, priority and SLA flag', async () => {
    const api = fakeApi({
      listRequests: jest.fn(async () => ({
        items: [makeRequest(), breached],
        nextCursor: null,
        total: 2,
      })),
    });
    renderPage(<RequestListPage />, {
      api,
      initialRouteEntries: ['/requests'],
    });

    const row = (await screen.findByText('Faster CI runners')).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'REQ-1' })).toHaveAttribute(
      'href',
      '/requests/REQ-1',
    );
    expect(row).toHaveTextContent('New');
    expect(row).toHaveTextContent('Pain point');
    expect(row).toHaveTextContent('High');
    expect(row).toHaveTextContent('52.5');
    expect(row).toHaveTextContent('2 teams');
    expect(within(row).queryByText('SLA breached')).not.toBeInTheDocument();

    const other = screen
      .getByText('Self-service database access')
      .closest('tr')!;
    expect(other).toHaveTextContent('Triaged');
    expect(other).toHaveTextContent('Access / permissions');
    expect(within(other).getByText('SLA breached')).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalledWith({
      sort: '-priority',
      limit: 25,
    });
  });

  it('reads its filters from the URL', async () => {
    const api = fakeApi();
    renderPage(<RequestListPage />, {
      api,
      initialRouteEntries: [
        `/requests?status=new,planned&team=${CHECKOUT}&watching=true&q=ci&sort=-votes`,
      ],
    });
    await waitFor(() =>
      expect(api.listRequests).toHaveBeenCalledWith({
        status: ['new', 'planned'],
        team: [CHECKOUT],
        watching: true,
        q: 'ci',
        sort: '-votes',
        limit: 25,
      }),
    );
    expect(
      screen.getByRole('searchbox', { name: 'Search requests' }),
    ).toHaveValue('ci');
  });

  it('puts filter changes in the URL and queries with them', async () => {
    const api = fakeApi();
    const { apis } = renderPage(<RequestListPage />, {
      api,
      initialRouteEntries: ['/requests'],
    });
    await userEvent.click(
      await screen.findByRole('switch', { name: 'Filed by me' }),
    );
    await waitFor(() => expect(locationOf(apis).search).toBe('?mine=true'));

    await userEvent.click(screen.getByRole('button', { name: /Category/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Access / permissions' }),
    );
    await waitFor(() =>
      expect(locationOf(apis).search).toBe('?category=access&mine=true'),
    );

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search requests' }),
      'runners',
    );
    await waitFor(() =>
      expect(api.listRequests).toHaveBeenLastCalledWith({
        category: ['access'],
        mine: true,
        q: 'runners',
        sort: '-priority',
        limit: 25,
      }),
    );
    expect(locationOf(apis).search).toBe(
      '?category=access&mine=true&q=runners',
    );

    await userEvent.click(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Planned' }),
    );
    await waitFor(() =>
      expect(api.listRequests).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: ['planned'] }),
      ),
    );
    expect(locationOf(apis).search).toBe(
      '?status=planned&category=access&mine=true&q=runners',
    );
  });

  it('loads the next page through the cursor', async () => {
    const api = fakeApi({
      listRequests: jest.fn(async query =>
        query.cursor
          ? { items: [breached], nextCursor: null, total: 1 }
          : { items: [makeRequest()], nextCursor: 'c2', total: 2 },
      ),
    });
    renderPage(<RequestListPage />, {
      api,
      initialRouteEntries: ['/requests'],
    });
    await screen.findByText('Faster CI runners');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(
      await screen.findByText('Self-service database access'),
    ).toBeInTheDocument();
    expect(screen.getByText('Faster CI runners')).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenLastCalledWith({
      sort: '-priority',
      limit: 25,
      cursor: 'c2',
    });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('exports a CSV of the current filters', async () => {
    const createObjectURL = jest.fn(() => 'blob:csv');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const api = fakeApi();
    renderPage(<RequestListPage />, {
      api,
      initialRouteEntries: ['/requests?status=new&mine=true'],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    await waitFor(() =>
      expect(api.exportCsv).toHaveBeenCalledWith({
        status: ['new'],
        mine: true,
        sort: '-priority',
        limit: 25,
      }),
    );
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
  });
});
