import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RequestListQuery } from '../../api';
import {
  fakeApi,
  makeRequest,
  PLATFORM,
  PRIYA,
  renderPage,
  responseError,
} from '../../__testUtils__';
import { TriageBoardPage } from './TriageBoardPage';

const fresh = makeRequest({ key: 'REQ-1', title: 'Faster CI runners' });
const late = makeRequest({
  key: 'REQ-2',
  title: 'Database access',
  status: 'triaged',
  sla: {
    triage: { targetHours: 4, dueAt: '2024-01-01T14:00:00Z', breached: true },
    resolve: { targetHours: 72, dueAt: '2024-01-04T10:00:00Z', breached: true },
  },
});
const finished = makeRequest({
  key: 'REQ-3',
  title: 'Docs search',
  status: 'done',
});

function boardApi() {
  return fakeApi({
    listRequests: jest.fn(async (query: RequestListQuery) => ({
      items: [fresh, late, finished].filter(r =>
        query.status?.includes(r.status),
      ),
      nextCursor: null,
      total: 1,
    })),
    transition: jest.fn(async (key, t) => makeRequest({ key, status: t.to })),
    updateRequest: jest.fn(async key => makeRequest({ key, assignee: PRIYA })),
  });
}

// usePermission caches answers per permission for the whole test file (SWR),
// so someone without triage rights is tested in TriageBoardPage.forbidden.test.tsx.
describe('TriageBoardPage', () => {
  it('shows a column per open status plus done, cards with their SLA state', async () => {
    const api = boardApi();
    renderPage(<TriageBoardPage />, { api, user: PRIYA });

    const newColumn = await screen.findByRole('region', { name: 'New' });
    expect(
      await within(newColumn).findByText('Faster CI runners'),
    ).toBeInTheDocument();
    const triaged = screen.getByRole('region', { name: 'Triaged' });
    expect(
      await within(triaged).findByText('Database access'),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Planned' })).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'In progress' }),
    ).toBeInTheDocument();
    const done = screen.getByRole('region', { name: 'Done' });
    expect(await within(done).findByText('Docs search')).toBeInTheDocument();

    const lateCard = screen
      .getByText('Database access')
      .closest('[data-sla-breached]');
    expect(lateCard).not.toBeNull();
    expect(
      within(lateCard as HTMLElement).getByText('SLA breached'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Faster CI runners').closest('[data-sla-breached]'),
    ).toBeNull();
    expect(api.listRequests).toHaveBeenCalledWith({
      status: ['done'],
      sort: '-updated',
      limit: 20,
      urgency: [],
    });
  });

  it('moves a card to the next status and reloads the board', async () => {
    const api = boardApi();
    renderPage(<TriageBoardPage />, { api, user: PRIYA });
    await screen.findByText('Faster CI runners');
    const calls = api.listRequests.mock.calls.length;

    await userEvent.click(
      screen.getByRole('button', { name: 'Move to Triaged' }),
    );
    expect(api.transition).toHaveBeenCalledWith('REQ-1', { to: 'triaged' });
    await waitFor(() =>
      expect(api.listRequests.mock.calls.length).toBeGreaterThan(calls),
    );
  });

  it('shows the server’s message when a move is refused', async () => {
    const api = boardApi();
    api.transition.mockImplementation(async () => {
      throw await responseError(
        409,
        'cannot move a triaged request to in_progress; allowed: planned, declined, duplicate',
        'ConflictError',
      );
    });
    renderPage(<TriageBoardPage />, { api, user: PRIYA });
    await screen.findByText('Database access');
    await userEvent.click(
      screen.getByRole('button', { name: 'Move to Planned' }),
    );
    expect(
      await screen.findByText(/allowed: planned, declined, duplicate/),
    ).toBeInTheDocument();
  });

  it('declines with a reason', async () => {
    const api = boardApi();
    renderPage(<TriageBoardPage />, { api, user: PRIYA });
    await screen.findByText('Faster CI runners');
    const firstCard = screen.getByText('Faster CI runners').closest('section')!;
    await userEvent.click(
      within(firstCard).getByRole('button', { name: 'Decline' }),
    );

    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Decline' });
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Covered by the new runner fleet',
    );
    await userEvent.click(confirm);
    expect(api.transition).toHaveBeenCalledWith('REQ-1', {
      to: 'declined',
      reason: 'Covered by the new runner fleet',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('marks a duplicate of the original’s key', async () => {
    const api = boardApi();
    renderPage(<TriageBoardPage />, { api, user: PRIYA });
    await screen.findByText('Faster CI runners');
    const firstCard = screen.getByText('Faster CI runners').closest('section')!;
    await userEvent.click(
      within(firstCard).getByRole('button', { name: 'Duplicate' }),
    );

    const dialog = await screen.findByRole('dialog');
    const field = within(dialog).getByRole('textbox', {
      name: /Original request/,
    });
    await userEvent.type(field, 'nope');
    expect(
      within(dialog).getByText(/must be a request key like REQ-42/),
    ).toBeInTheDocument();
    await userEvent.clear(field);
    await userEvent.type(field, 'req-9');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Mark duplicate' }),
    );
    expect(api.transition).toHaveBeenCalledWith('REQ-1', {
      to: 'duplicate',
      duplicateOf: 'REQ-9',
    });
  });

  it('assigns to a platform-team member, sending the version it saw', async () => {
    const api = boardApi();
    const { catalog } = renderPage(<TriageBoardPage />, { api, user: PRIYA });
    await screen.findByText('Faster CI runners');
    const firstCard = screen.getByText('Faster CI runners').closest('section')!;
    await userEvent.click(
      within(firstCard).getByRole('button', { name: 'Assign' }),
    );

    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Assignee/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Priya Nair' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Assign' }),
    );
    expect(api.updateRequest).toHaveBeenCalledWith('REQ-1', 3, {
      assignee: PRIYA,
    });
    expect(catalog.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'User',
          'relations.memberOf': 'group:default/platform-team',
        },
      }),
    );
  });

  it("warns when the platform team's group is not in the catalog", async () => {
    const api = boardApi();
    api.getPlatformTeamStatus.mockResolvedValue({
      ref: PLATFORM,
      status: 'missing',
    });
    renderPage(<TriageBoardPage />, { api, user: PRIYA });
    expect(
      await screen.findByText(
        "The platform team's group group:default/platform-team is not in the catalog.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/LODESTAR_PLATFORM_TEAM/)).toBeInTheDocument();
    // The board still works.
    expect(await screen.findByText('Faster CI runners')).toBeInTheDocument();
  });

  it('shows no warning while the check is pending or the group exists', async () => {
    for (const status of ['pending', 'found'] as const) {
      const api = boardApi();
      api.getPlatformTeamStatus.mockResolvedValue({ ref: PLATFORM, status });
      const { unmount } = renderPage(<TriageBoardPage />, {
        api,
        user: PRIYA,
      });
      await screen.findByText('Faster CI runners');
      await waitFor(() => expect(api.getPlatformTeamStatus).toHaveBeenCalled());
      expect(screen.queryByText(/is not in the catalog/)).toBeNull();
      unmount();
    }
  });
});
