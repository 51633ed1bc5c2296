import { ResponseError } from '@backstage/errors';
import {
  PlatformRequestsClient,
  toQueryString,
} from './PlatformRequestsClient';

const BASE = 'http://localhost:7007/api/platform-requests';

function jsonResponse(status: number, body: unknown, headers = {}) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    url: BASE,
    redirected: false,
    type: 'basic',
    headers: new Map(
      Object.entries({ 'content-type': 'application/json', ...headers }),
    ),
    json: async () => body,
    text: async () => JSON.stringify(body),
    blob: async () => new Blob([String(body)]),
  };
}

function setup(response: ReturnType<typeof jsonResponse>) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => response);
  const client = new PlatformRequestsClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

describe('PlatformRequestsClient', () => {
  it('sends list filters comma-separated', async () => {
    const { client, fetch } = setup(
      jsonResponse(200, { items: [], nextCursor: null, total: 0 }),
    );
    await client.listRequests({
      status: ['new', 'triaged'],
      urgency: ['high', 'critical'],
      team: ['group:default/checkout-team'],
      mine: true,
      q: ' ci ',
      sort: '-votes',
      cursor: 'abc',
      limit: 25,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/requests?status=new%2Ctriaged&urgency=high%2Ccritical&team=group%3Adefault%2Fcheckout-team&mine=true&q=ci&sort=-votes&cursor=abc&limit=25`,
    );
  });

  it('leaves out empty filters', () => {
    expect(toQueryString({ status: [], q: '  ', mine: false })).toBe('');
  });

  it('sends the version as If-Match when updating', async () => {
    const { client, fetch } = setup(jsonResponse(200, { key: 'REQ-1' }));
    await client.updateRequest('REQ-1', 7, { title: 'New title' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/requests/REQ-1`);
    expect(init).toMatchObject({
      method: 'PATCH',
      headers: { 'If-Match': '"7"', 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'New title' }),
    });
  });

  it('posts transitions, votes and watches to their sub-resources', async () => {
    const { client, fetch } = setup(jsonResponse(200, { key: 'REQ-1' }));
    await client.transition('REQ-1', { to: 'declined', reason: 'no' });
    await client.unvote('REQ-1');
    await client.watch('REQ-1');
    expect(fetch.mock.calls.map(([url, init]) => [init?.method, url])).toEqual([
      ['POST', `${BASE}/requests/REQ-1/transitions`],
      ['DELETE', `${BASE}/requests/REQ-1/votes`],
      ['PUT', `${BASE}/requests/REQ-1/watch`],
    ]);
  });

  it('unwraps item lists', async () => {
    const { client, fetch } = setup(
      jsonResponse(200, { items: [{ id: 'c1' }] }),
    );
    await expect(client.listComments('REQ-1')).resolves.toEqual([{ id: 'c1' }]);
    await client.suggestSimilar('faster ci');
    expect(fetch.mock.calls[1][0]).toBe(`${BASE}/suggestions?title=faster+ci`);
  });

  it('exports CSV with the filters but without paging', async () => {
    const { client, fetch } = setup(jsonResponse(200, 'key,title'));
    await client.exportCsv({ status: ['new'], cursor: 'x', limit: 25 });
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/export?format=csv&status=new`);
  });

  it('throws a ResponseError carrying the server’s message', async () => {
    const { client } = setup(
      jsonResponse(409, {
        error: { name: 'ConflictError', message: 'allowed: planned' },
        response: { statusCode: 409 },
      }),
    );
    const error = await client
      .transition('REQ-1', { to: 'done' })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe('allowed: planned');
  });

  it('fetches the config once', async () => {
    const { client, fetch } = setup(jsonResponse(200, { categories: [] }));
    await client.getConfig();
    await client.getConfig();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('asks for the platform team status every time (it changes after a sync)', async () => {
    const status = { ref: 'group:default/platform-team', status: 'missing' };
    const { client, fetch } = setup(jsonResponse(200, status));
    expect(await client.getPlatformTeamStatus()).toEqual(status);
    await client.getPlatformTeamStatus();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/platform-team`);
  });
});
