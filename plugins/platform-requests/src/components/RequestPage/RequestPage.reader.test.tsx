import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  platformRequestEditPermission,
  platformRequestRequesterActionPermission,
  platformRequestTriagePermission,
} from '@internal/plugin-platform-requests-common';
import {
  fakeApi,
  makeRequest,
  PAYMENTS,
  renderPage,
} from '../../__testUtils__';
import { RequestPage } from './RequestPage';

// Someone who is neither the requester nor on the platform team. One
// permission set per file: usePermission caches answers per file (SWR).
const deny = [
  platformRequestEditPermission.name,
  platformRequestRequesterActionPermission.name,
  platformRequestTriagePermission.name,
];
const user = 'user:default/jonas.weber';

describe('RequestPage for another user', () => {
  it('shows the request with what makes up its priority and its SLA clocks', async () => {
    const api = fakeApi({
      listComments: jest.fn(async () => [
        {
          id: 'c1',
          author: user,
          body: 'Same for us, **every** morning.',
          createdAt: '2024-01-02T09:00:00Z',
        },
      ]),
      getTimeline: jest.fn(async () => [
        {
          id: 't1',
          type: 'status-changed',
          actor: 'user:default/priya.nair',
          at: '2024-01-02T10:00:00Z',
          comment: null,
          details: { from: 'new', to: 'triaged' },
        },
      ]),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, {
      api,
      user,
      deny,
      groups: [PAYMENTS],
    });

    expect(
      await screen.findByRole('heading', { name: 'REQ-1 · Faster CI runners' }),
    ).toBeInTheDocument();
    expect(api.getRequest).toHaveBeenCalledWith('REQ-1');
    expect(screen.getByText('20 minutes').tagName).toBe('STRONG');

    const priority = screen.getByRole('table', { name: 'Priority breakdown' });
    expect(screen.getByLabelText('Priority score')).toHaveTextContent('52.5');
    const hours = within(priority).getByRole('row', {
      name: /Hours lost per week/,
    });
    expect(hours).toHaveTextContent('30 h/week');
    expect(hours).toHaveTextContent('25');
    expect(hours).toHaveTextContent('15.0');
    expect(
      within(priority).getByRole('row', { name: /Urgency/ }),
    ).toHaveTextContent('High');

    expect(screen.getByTestId('sla-triage')).toHaveTextContent('on time');
    expect(screen.getByTestId('sla-resolution')).toHaveTextContent(
      'Target 24 h',
    );
    const votes = screen.getByRole('list', { name: 'Votes by team' });
    expect(within(votes).getAllByRole('listitem')[0]).toHaveTextContent(
      'checkout-team: 3',
    );

    expect(await screen.findByText('every')).toBeInTheDocument();
    expect(
      await screen.findByText(/moved it from New to Triaged/),
    ).toBeInTheDocument();
    expect(screen.getByText('checkout-api')).toBeInTheDocument();
  });

  it('offers vote and watch, not the requester’s or the platform team’s actions', async () => {
    const api = fakeApi({
      vote: jest.fn(async () =>
        makeRequest({ votes: { count: 6, teams: 3, byTeam: [], mine: true } }),
      ),
      watch: jest.fn(async () =>
        makeRequest({ watchers: { count: 3, watching: true } }),
      ),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, {
      api,
      user,
      deny,
      groups: [PAYMENTS],
    });
    const actions = await screen.findByRole('group', { name: 'Actions' });
    await waitFor(() =>
      expect(
        within(actions).getByRole('button', { name: '+1 / vote' }),
      ).toBeEnabled(),
    );
    for (const name of [
      'Edit',
      'Move to Triaged',
      'Decline',
      'Assign',
      'Rate',
      'Reopen',
    ]) {
      expect(
        within(actions).queryByRole('button', { name }),
      ).not.toBeInTheDocument();
    }

    await userEvent.click(
      within(actions).getByRole('button', { name: '+1 / vote' }),
    );
    expect(api.vote).toHaveBeenCalledWith('REQ-1');
    expect(
      await within(actions).findByRole('button', { name: 'Remove my vote' }),
    ).toBeInTheDocument();
    expect(screen.getByText('6 votes · 3 teams')).toBeInTheDocument();

    await userEvent.click(
      within(actions).getByRole('button', { name: 'Watch' }),
    );
    expect(api.watch).toHaveBeenCalledWith('REQ-1');
    expect(
      await within(actions).findByRole('button', { name: 'Stop watching' }),
    ).toBeInTheDocument();
  });

  it('validates and adds a comment', async () => {
    const api = fakeApi({
      addComment: jest.fn(async (_key, body) => ({
        id: 'c9',
        author: user,
        body,
        createdAt: '2024-01-03T09:00:00Z',
      })),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, {
      api,
      user,
      deny,
      groups: [PAYMENTS],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add comment' }),
    );
    expect(
      await screen.findByText('Comment: must not be empty'),
    ).toBeInTheDocument();
    expect(api.addComment).not.toHaveBeenCalled();

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Comment' }),
      'We lose an hour a day too',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add comment' }));
    expect(api.addComment).toHaveBeenCalledWith(
      'REQ-1',
      'We lose an hour a day too',
    );
    expect(
      await screen.findByText('We lose an hour a day too'),
    ).toBeInTheDocument();
  });

  it('renders hostile Markdown in the description and comments inertly', async () => {
    const hostile = [
      'Hello <script>window.__pwned = true</script>',
      '<img src="x" onerror="window.__pwned = true">',
      '[click me](javascript:window.__pwned=true)',
      '<a href="javascript:window.__pwned=true">raw link</a>',
    ].join('\n\n');
    const api = fakeApi({
      getRequest: jest.fn(async () => makeRequest({ description: hostile })),
      listComments: jest.fn(async () => [
        {
          id: 'c1',
          author: user,
          body: hostile,
          createdAt: '2024-01-02T09:00:00Z',
        },
      ]),
    });
    const { container } = renderPage(<RequestPage requestKey="REQ-1" />, {
      api,
      user,
      deny,
      groups: [PAYMENTS],
    });
    expect(await screen.findAllByText('click me')).toHaveLength(2);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    for (const a of Array.from(container.querySelectorAll('a'))) {
      expect(a.getAttribute('href') ?? '').not.toMatch(/javascript:/i);
    }
    expect((window as any).__pwned).toBeUndefined();
  });

  it('says which improvements address it, linked', async () => {
    const api = fakeApi({
      getRequest: jest.fn(async () =>
        makeRequest({
          addressedBy: [
            { id: 'IMP-3', title: 'Faster CI runners', status: 'shipped' },
          ],
        }),
      ),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, {
      api,
      user,
      deny,
      groups: [PAYMENTS],
    });
    expect(
      await screen.findByRole('link', { name: 'IMP-3 · Faster CI runners' }),
    ).toHaveAttribute('href', '/improvements/IMP-3');
    expect(screen.getByText(/^Addressed by/)).toHaveTextContent(
      'Addressed by IMP-3 · Faster CI runners (shipped)',
    );
  });
});
