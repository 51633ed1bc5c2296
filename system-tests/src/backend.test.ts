/*
 * The whole Lodestar backend, booted as a real process on SQLite and on
 * PostgreSQL: readiness, sign-in, an authenticated catalog query, and 401
 * without a token.
 */
import {
  engines,
  eventually,
  guestToken,
  PortalProcess,
  startPortal,
} from '@internal/testing';

jest.setTimeout(180_000);

describe.each(engines)('the embedded-default backend on %s', database => {
  let portal: PortalProcess;

  beforeAll(async () => {
    portal = await startPortal({ database });
  });
  afterAll(async () => {
    await portal?.stop();
  });

  it('serves liveness and readiness', async () => {
    const live = await fetch(`${portal.baseUrl}/.backstage/health/v1/liveness`);
    const ready = await fetch(
      `${portal.baseUrl}/.backstage/health/v1/readiness`,
    );
    expect(live.status).toBe(200);
    expect(ready.status).toBe(200);
  });

  it('refuses a catalog query without a token', async () => {
    const res = await fetch(`${portal.baseUrl}/api/catalog/entities?limit=1`);
    expect(res.status).toBe(401);
  });

  it('refuses a forged token', async () => {
    const res = await fetch(`${portal.baseUrl}/api/catalog/entities?limit=1`, {
      headers: {
        Authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJl',
      },
    });
    expect(res.status).toBe(401);
  });

  it('signs the guest in as the demo user and answers catalog queries', async () => {
    const token = await guestToken(portal.baseUrl);
    const identity = JSON.parse(
      Buffer.from(token.split('.')[1], 'base64url').toString(),
    );
    expect(identity.sub).toBe('user:default/sam.rivera');

    const components = await eventually(async () => {
      const res = await fetch(
        `${portal.baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=100`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      expect(res.status).toBe(200);
      const { items } = await res.json();
      const names = items.map((e: any) => e.metadata.name);
      // The demo organisation's 27 components plus the portal itself.
      return items.length >= 28 && names.includes('lodestar')
        ? items
        : undefined;
    });
    expect(components.map((e: any) => e.metadata.name)).toEqual(
      expect.arrayContaining(['checkout-api', 'payment-gateway', 'lodestar']),
    );
  });

  it('finds demo entities through search (Lunr on SQLite, Postgres engine on PostgreSQL)', async () => {
    const token = await guestToken(portal.baseUrl);
    const results = await eventually(async () => {
      const res = await fetch(
        `${portal.baseUrl}/api/search/query?term=checkout&types[0]=software-catalog`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      return body.results.length > 0 ? body.results : undefined;
      // The embedded default indexes 15 s after start, then every 2 minutes.
    }, 160_000);
    expect(results.map((r: any) => r.document.location)).toContain(
      '/catalog/default/component/checkout-api',
    );
  });

  it('serves the built frontend on the same port', async () => {
    const res = await fetch(`${portal.baseUrl}/catalog`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });
});
