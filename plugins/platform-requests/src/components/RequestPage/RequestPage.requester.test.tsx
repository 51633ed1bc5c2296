import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { platformRequestTriagePermission } from '@internal/plugin-platform-requests-common';
import {
  CONFIG,
  fakeApi,
  makeRequest,
  renderPage,
  responseError,
} from '../../__testUtils__';
import { RequestPage } from './RequestPage';

// The requester: may edit while new, rate and reopen when done; not triage.
// One permission set per file: usePermission caches answers per file (SWR).
const deny = [platformRequestTriagePermission.name];

async function openEdit() {
  const actions = await screen.findByRole('group', { name: 'Actions' });
  await userEvent.click(
    await within(actions).findByRole('button', { name: 'Edit' }),
  );
  return screen.findByRole('dialog');
}

describe('RequestPage for the requester', () => {
  it('offers edit on a new request, and none of the platform team’s actions', async () => {
    renderPage(<RequestPage requestKey="REQ-1" />, { api: fakeApi(), deny });
    const actions = await screen.findByRole('group', { name: 'Actions' });
    expect(
      await within(actions).findByRole('button', { name: 'Edit' }),
    ).toBeInTheDocument();
    for (const name of [
      'Move to Triaged',
      'Decline',
      'Assign',
      'Mark duplicate',
      'Rate',
    ]) {
      expect(
        within(actions).queryByRole('button', { name }),
      ).not.toBeInTheDocument();
    }
  });

  it('saves only what changed, with the version it was loaded at', async () => {
    const api = fakeApi({
      updateRequest: jest.fn(async (_key, _version, input) =>
        makeRequest({ ...input, version: 4 } as any),
      ),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, { api, deny });
    const dialog = await openEdit();
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    await userEvent.clear(title);
    await userEvent.type(title, 'Faster and cheaper CI runners');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(api.updateRequest).toHaveBeenCalledWith('REQ-1', 3, {
      title: 'Faster and cheaper CI runners',
    });
    expect(
      await screen.findByRole('heading', {
        name: 'REQ-1 · Faster and cheaper CI runners',
      }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('edits the related entities from the catalog', async () => {
    const api = fakeApi({
      updateRequest: jest.fn(async () => makeRequest({ version: 4 })),
    });
    const queryEntities = jest.fn(async () => ({
      items: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'API',
          metadata: { name: 'checkout-rest-api', namespace: 'default' },
        },
      ],
      totalItems: 1,
      pageInfo: {},
    }));
    renderPage(<RequestPage requestKey="REQ-1" />, {
      api,
      deny,
      catalog: { queryEntities },
    });
    const dialog = await openEdit();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Related entities/ }),
      'checkout-rest',
    );
    await waitFor(() =>
      expect(queryEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          fullTextFilter: {
            term: 'checkout-rest',
            fields: ['metadata.name', 'metadata.title'],
          },
        }),
      ),
    );
    await userEvent.click(
      await within(dialog).findByRole('option', {
        name: 'checkout-rest-api (api)',
      }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(api.updateRequest).toHaveBeenCalledWith('REQ-1', 3, {
      relatedEntities: [
        'component:default/checkout-api',
        'api:default/checkout-rest-api',
      ],
    });
  });

  it('names the field when an edit is invalid', async () => {
    const api = fakeApi();
    renderPage(<RequestPage requestKey="REQ-1" />, { api, deny });
    const dialog = await openEdit();
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    await userEvent.clear(title);
    await userEvent.type(title, 'ab');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('Title: must be at least 3 characters'),
    ).toBeInTheDocument();
    expect(api.updateRequest).not.toHaveBeenCalled();
  });

  it('explains a 412 and reloads the current version', async () => {
    const api = fakeApi({
      updateRequest: jest.fn(async () => {
        throw await responseError(412, 'version 3 is stale; current is 4');
      }),
    });
    api.getRequest
      .mockResolvedValueOnce(makeRequest())
      .mockResolvedValue(
        makeRequest({ title: 'Renamed by someone else', version: 4 }),
      );
    renderPage(<RequestPage requestKey="REQ-1" />, { api, deny });
    const dialog = await openEdit();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Tags/ }),
      ', speed',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      await within(dialog).findByText('Someone else changed this request'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reload' }),
    );
    await waitFor(() => expect(api.getRequest).toHaveBeenCalledTimes(2));
    expect(
      await within(dialog).findByDisplayValue('Renamed by someone else'),
    ).toBeInTheDocument();
  });

  it('rates and reopens a done request', async () => {
    const done = makeRequest({ status: 'done' });
    const api = fakeApi({
      getRequest: jest.fn(async () => done),
      rate: jest.fn(async (_key, rating) =>
        makeRequest({
          status: 'done',
          rating: { score: rating.score, comment: null },
        }),
      ),
      transition: jest.fn(async () => {
        throw await responseError(
          409,
          'the reopen window of 14 days has passed',
          'ConflictError',
        );
      }),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, { api, deny });
    const actions = await screen.findByRole('group', { name: 'Actions' });
    expect(
      within(actions).queryByRole('button', { name: 'Edit' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      await within(actions).findByRole('button', { name: 'Rate' }),
    );
    let dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: '4' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rate' }));
    expect(api.rate).toHaveBeenCalledWith('REQ-1', { score: 4 });
    expect(await screen.findByText('Rated 4/5')).toBeInTheDocument();

    await userEvent.click(
      within(actions).getByRole('button', { name: 'Reopen' }),
    );
    dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /still missing/ }),
      'Runners are slow again',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reopen' }),
    );
    expect(api.transition).toHaveBeenCalledWith('REQ-1', {
      to: 'new',
      comment: 'Runners are slow again',
    });
    expect(
      await within(dialog).findByText(
        'the reopen window of 14 days has passed',
      ),
    ).toBeInTheDocument();
  });

  it('offers rating only to the requester and reopening only within the window', async () => {
    const resolvedLongAgo = makeRequest({
      status: 'done',
      requester: 'user:default/ana.silva',
      sla: {
        triage: {
          targetHours: 24,
          dueAt: '2024-01-02T00:00:00Z',
          breached: false,
        },
        resolve: {
          targetHours: 72,
          dueAt: '2024-01-04T00:00:00Z',
          metAt: '2024-01-03T00:00:00Z',
          breached: false,
        },
      },
    });
    const api = fakeApi({
      getRequest: jest.fn(async () => resolvedLongAgo),
      getConfig: jest.fn(async () => ({ ...CONFIG, reopenWindowDays: 14 })),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, { api, deny });
    const actions = await screen.findByRole('group', { name: 'Actions' });
    await within(actions).findByRole('button', { name: 'Watch' });
    await waitFor(() => expect(api.getConfig).toHaveBeenCalled());
    expect(
      within(actions).queryByRole('button', { name: 'Rate' }),
    ).not.toBeInTheDocument();
    expect(
      within(actions).queryByRole('button', { name: 'Reopen' }),
    ).not.toBeInTheDocument();
  });
});
