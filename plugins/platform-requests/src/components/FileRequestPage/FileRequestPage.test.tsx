import { coreApis } from '@backstage/frontend-plugin-api';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CHECKOUT,
  fakeApi,
  makeRequest,
  renderPage,
  responseError,
} from '../../__testUtils__';
import { FileRequestPage } from './FileRequestPage';
import { SUGGESTION_DELAY_MS } from './useSimilarRequests';

/**
 * Fake timers for the debounced suggestions: the keystrokes land at the same
 * fake instant and the debounce fires when the test says so, however busy
 * the machine is.
 */
function withFakeTimers() {
  jest.useFakeTimers();
  return userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
}

const letDebounceFire = () =>
  act(() => jest.advanceTimersByTimeAsync(SUGGESTION_DELAY_MS));

describe('FileRequestPage', () => {
  afterEach(() => jest.useRealTimers());

  it('names the field in validation messages and sends nothing', async () => {
    const api = fakeApi();
    renderPage(<FileRequestPage />, { api });
    await userEvent.type(
      await screen.findByRole('textbox', { name: /Title/ }),
      'ab',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Tags/ }),
      'Not Valid',
    );
    await userEvent.click(screen.getByRole('button', { name: 'File request' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Title: must be at least 3 characters');
    expect(alert).toHaveTextContent('Tags: tags are 1 to 40 lowercase');
    expect(screen.getByRole('textbox', { name: /Title/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(api.createRequest).not.toHaveBeenCalled();
  });

  it('files the request with the user’s team as the default and opens it', async () => {
    const api = fakeApi({
      createRequest: jest.fn(async () => makeRequest({ key: 'REQ-7' })),
    });
    const { apis } = renderPage(<FileRequestPage />, { api });
    await userEvent.type(
      await screen.findByRole('textbox', { name: /Title/ }),
      'Preview environments per pull request',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Tags/ }),
      'ci, preview',
    );
    await userEvent.click(screen.getByRole('button', { name: 'File request' }));

    await waitFor(() =>
      expect(api.createRequest).toHaveBeenCalledWith(
        {
          title: 'Preview environments per pull request',
          description: '',
          category: 'pain-point',
          urgency: 'medium',
          impact: { peopleAffected: 1, hoursLostPerWeek: 0 },
          requestingTeam: CHECKOUT,
          relatedEntities: [],
          tags: ['ci', 'preview'],
        },
        { idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      ),
    );
    await waitFor(() =>
      expect(
        apis.get(coreApis.appHistory)!.getSnapshot().location.pathname,
      ).toBe('/requests/REQ-7'),
    );
  });

  it('shows the server’s message when filing fails', async () => {
    const api = fakeApi({
      createRequest: jest.fn(async () => {
        throw await responseError(400, 'category: unknown category "nope"');
      }),
    });
    renderPage(<FileRequestPage />, { api });
    await userEvent.type(
      await screen.findByRole('textbox', { name: /Title/ }),
      'Something valid',
    );
    await userEvent.click(screen.getByRole('button', { name: 'File request' }));
    expect(
      await screen.findByText('category: unknown category "nope"'),
    ).toBeInTheDocument();
  });

  it('retries an unchanged form with the same Idempotency-Key, and a changed one with a new key', async () => {
    const api = fakeApi({
      createRequest: jest.fn(async () => {
        throw await responseError(503, 'Database unavailable');
      }),
    });
    renderPage(<FileRequestPage />, { api });
    const title = await screen.findByRole('textbox', { name: /Title/ });
    await userEvent.type(title, 'Something valid');
    const file = screen.getByRole('button', { name: 'File request' });
    await userEvent.click(file);
    await screen.findByText('Database unavailable');
    await userEvent.click(file);
    await waitFor(() => expect(api.createRequest).toHaveBeenCalledTimes(2));
    await userEvent.type(title, '!');
    await userEvent.click(file);
    await waitFor(() => expect(api.createRequest).toHaveBeenCalledTimes(3));
    const keys = api.createRequest.mock.calls.map(
      (call: any[]) => call[1].idempotencyKey,
    );
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('suggests similar open requests while typing and votes for one', async () => {
    const similar = makeRequest({ key: 'REQ-3', title: 'Faster CI runners' });
    const api = fakeApi({
      suggestSimilar: jest.fn(async () => [similar]),
      vote: jest.fn(async () =>
        makeRequest({
          ...similar,
          votes: { ...similar.votes, count: 6, mine: true },
        }),
      ),
    });
    const user = withFakeTimers();
    renderPage(<FileRequestPage />, { api });
    await user.type(
      await screen.findByRole('textbox', { name: /Title/ }),
      'CI runners',
    );
    expect(api.suggestSimilar).not.toHaveBeenCalled();
    await letDebounceFire();

    const list = await screen.findByRole('list', {
      name: 'Similar open requests',
    });
    // Debounced: once for the settled title, not once per keystroke.
    expect(api.suggestSimilar.mock.calls).toEqual([['CI runners']]);
    expect(within(list).getByRole('link', { name: 'REQ-3' })).toHaveAttribute(
      'href',
      '/requests/REQ-3',
    );

    await user.click(
      within(list).getByRole('button', { name: '+1 / vote for REQ-3' }),
    );
    expect(api.vote).toHaveBeenCalledWith('REQ-3');
    expect(
      await within(list).findByRole('button', { name: 'You voted for REQ-3' }),
    ).toBeDisabled();
    expect(within(list).getByText('6 votes · 2 teams')).toBeInTheDocument();
  });

  it('does not ask for suggestions below three characters', async () => {
    const api = fakeApi();
    const user = withFakeTimers();
    renderPage(<FileRequestPage />, { api });
    const title = await screen.findByRole('textbox', { name: /Title/ });
    await user.type(title, 'ab');
    await letDebounceFire();
    expect(api.suggestSimilar).not.toHaveBeenCalled();
    // The third character is what makes it ask.
    await user.type(title, 'c');
    await letDebounceFire();
    await waitFor(() => expect(api.suggestSimilar).toHaveBeenCalledWith('abc'));
  });
});
