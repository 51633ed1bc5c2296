import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  platformRequestEditPermission,
  platformRequestRequesterActionPermission,
} from '@internal/plugin-platform-requests-common';
import {
  fakeApi,
  makeRequest,
  PLATFORM,
  PRIYA,
  renderPage,
  responseError,
  wholeText,
} from '../../__testUtils__';
import { RequestPage } from './RequestPage';

// A platform-team member looking at someone else's request: the workflow,
// not the requester's actions. One permission set per file (SWR cache).
const deny = [
  platformRequestEditPermission.name,
  platformRequestRequesterActionPermission.name,
];
const options = { deny, user: PRIYA, groups: [PLATFORM] };

describe('RequestPage for the platform team', () => {
  it('moves the request along its workflow', async () => {
    const api = fakeApi({
      transition: jest.fn(async (_key, t) => makeRequest({ status: t.to })),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, { api, ...options });
    const actions = await screen.findByRole('group', { name: 'Actions' });
    for (const name of ['Assign', 'Mark duplicate', 'Decline']) {
      expect(
        await within(actions).findByRole('button', { name }),
      ).toBeInTheDocument();
    }
    for (const name of ['Edit', 'Rate', 'Reopen']) {
      expect(
        within(actions).queryByRole('button', { name }),
      ).not.toBeInTheDocument();
    }

    await userEvent.click(
      within(actions).getByRole('button', { name: 'Move to Triaged' }),
    );
    expect(api.transition).toHaveBeenCalledWith('REQ-1', { to: 'triaged' });
    expect(
      await within(actions).findByRole('button', { name: 'Move to Planned' }),
    ).toBeInTheDocument();
    expect(api.getTimeline).toHaveBeenCalledTimes(2);
  });

  it('shows why the server refused a transition', async () => {
    const api = fakeApi({
      transition: jest.fn(async () => {
        throw await responseError(
          409,
          'cannot move a done request to triaged; allowed: new',
          'ConflictError',
        );
      }),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, { api, ...options });
    const actions = await screen.findByRole('group', { name: 'Actions' });
    await userEvent.click(
      await within(actions).findByRole('button', { name: 'Move to Triaged' }),
    );
    expect(
      await screen.findByText(
        'cannot move a done request to triaged; allowed: new',
      ),
    ).toBeInTheDocument();
  });

  it('offers no workflow on a closed request', async () => {
    const api = fakeApi({
      getRequest: jest.fn(async () =>
        makeRequest({ status: 'declined', declineReason: 'Out of scope' }),
      ),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, { api, ...options });
    expect(
      await screen.findByText(wholeText('Declined: Out of scope')),
    ).toBeInTheDocument();
    const actions = screen.getByRole('group', { name: 'Actions' });
    expect(
      within(actions).queryByRole('button', { name: /Move to/ }),
    ).not.toBeInTheDocument();
    expect(
      within(actions).queryByRole('button', { name: 'Decline' }),
    ).not.toBeInTheDocument();
  });
});
