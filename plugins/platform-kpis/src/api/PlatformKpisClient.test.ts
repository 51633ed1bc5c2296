import { ResponseError } from '@backstage/errors';
import { PlatformKpisClient } from './PlatformKpisClient';

const BASE = 'http://localhost:7007/api/platform-kpis';

function jsonResponse(status: number, body: unknown) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    url: BASE,
    redirected: false,
    type: 'basic',
    headers: new Map([['content-type', 'application/json']]),
    json: async () => body,
    text: async () => JSON.stringify(body),
  };
}

function setup(response = jsonResponse(200, {})) {
  const fetch = jest.fn(async (_url: string) => response);
  const getBaseUrl = jest.fn(async () => BASE);
  const client = new PlatformKpisClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as any },
    timeZone: () => 'Europe/Berlin',
  });
  return { client, fetch, getBaseUrl };
}

describe('PlatformKpisClient', () => {
  it('asks /impact with repeated kpi, team and entity parameters', async () => {
    const { client, fetch } = setup();
    await client.getImpact({
      shippedAt: '2026-03-01T00:00:00.000Z',
      windowDays: 60,
      kpis: ['leadTime', 'hoursLost'],
      teams: ['group:default/checkout-team'],
      entities: ['component:default/checkout-api'],
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/impact?shippedAt=2026-03-01T00%3A00%3A00.000Z&windowDays=60&kpi=leadTime&kpi=hoursLost&team=group%3Adefault%2Fcheckout-team&entity=component%3Adefault%2Fcheckout-api`,
    );
  });

  it('lists shipped improvements from the requests plugin, none on 404', async () => {
    const item = {
      id: 'imp-1',
      title: 'Faster CI runners',
      status: 'shipped',
      shippedAt: '2026-03-01T00:00:00.000Z',
      scope: { teams: [], entities: [] },
      targetKpis: ['leadTime'],
    };
    const found = setup(jsonResponse(200, { items: [item] }));
    expect(await found.client.getShippedImprovements()).toEqual([item]);
    expect(found.getBaseUrl).toHaveBeenCalledWith('platform-requests');
    expect(found.fetch.mock.calls[0][0]).toBe(
      `${BASE}/improvements?status=shipped`,
    );
    const missing = setup(
      jsonResponse(404, { error: { message: 'Not found' } }),
    );
    expect(await missing.client.getShippedImprovements()).toEqual([]);
    const failing = setup(jsonResponse(500, { error: { message: 'boom' } }));
    await expect(failing.client.getShippedImprovements()).rejects.toThrow();
  });

  it('reads the unmatched webhook sources, with no query string', async () => {
    const items = [{ source: 'github', name: 'acme/orphan', count: 2 }];
    const { client, fetch } = setup(jsonResponse(200, { items }));
    expect(await client.getUnmatchedSources()).toEqual({ items });
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/webhooks/unmatched`);
  });

  it('asks the platform-kpis backend, with the viewer’s time zone', async () => {
    const { client, fetch, getBaseUrl } = setup();
    await client.getDora({
      window: '30d',
      team: 'group:default/checkout-team',
    });
    expect(getBaseUrl).toHaveBeenCalledWith('platform-kpis');
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/dora?window=30d&team=group%3Adefault%2Fcheckout-team&tz=Europe%2FBerlin`,
    );
  });

  it('sends a service to /dora instead of its team', async () => {
    const { client, fetch } = setup();
    await client.getDora({
      window: '90d',
      team: 'group:default/checkout-team',
      service: 'component:default/checkout-api',
      until: '2026-04-01T00:00:00Z',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/dora?window=90d&service=component%3Adefault%2Fcheckout-api&tz=Europe%2FBerlin&until=2026-04-01T00%3A00%3A00Z`,
    );
  });

  it('asks /dora for the extras the caller wants', async () => {
    const { client, fetch } = setup();
    await client.getDora({ window: '7d', include: ['previous', 'series'] });
    await client.getDora({ window: '7d', include: [] });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/dora?window=7d&tz=Europe%2FBerlin&include=previous%2Cseries`,
      `${BASE}/dora?window=7d&tz=Europe%2FBerlin`,
    ]);
  });

  it('defaults to 90 days for the organisation on every summary', async () => {
    const { client, fetch } = setup();
    await client.getFlow({});
    await client.getAdoption({ window: '7d' });
    await client.getCatalogHealth({ window: '365d', team: 'group:default/x' });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      `${BASE}/flow?window=90d&tz=Europe%2FBerlin`,
      `${BASE}/adoption?window=7d&tz=Europe%2FBerlin`,
      `${BASE}/catalog-health?window=365d&team=group%3Adefault%2Fx&tz=Europe%2FBerlin`,
    ]);
  });

  it('lists a service’s events without a time zone', async () => {
    const { client, fetch } = setup(jsonResponse(200, { items: [] }));
    await expect(
      client.getRecentEvents({
        service: 'component:default/checkout-api',
        type: 'incident',
        limit: 10,
      }),
    ).resolves.toEqual({ items: [] });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/events?service=component%3Adefault%2Fcheckout-api&type=incident&limit=10`,
    );
  });

  it('throws a ResponseError carrying the server’s message', async () => {
    const { client } = setup(
      jsonResponse(400, {
        error: { name: 'InputError', message: 'window: invalid option' },
        response: { statusCode: 400 },
      }),
    );
    const error = await client.getFlow({}).catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('window: invalid option');
  });
});
