/*
 * app-config.production.yaml on its own, against PostgreSQL from POSTGRES_*:
 * the backend boots, serves the catalog over HTTP to a service token, loads no
 * demo data and offers no guest sign-in.
 */
import {
  engines,
  eventually,
  PortalProcess,
  productionEnv,
  repoRoot,
  startPortal,
} from '@internal/testing';

jest.setTimeout(180_000);

const TOKEN = 'production-test-token-0123456789';

const describeOnPostgres = engines.includes('postgres')
  ? describe
  : describe.skip;

describeOnPostgres('the production config on PostgreSQL', () => {
  let portal: PortalProcess;

  beforeAll(async () => {
    portal = await startPortal({
      configs: ['app-config.production.yaml'],
      database: 'config',
      cwd: repoRoot,
      env: productionEnv(),
      config: {
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: TOKEN, subject: 'prod-test' },
              },
            ],
          },
        },
      },
    });
  });
  afterAll(async () => {
    await portal?.stop();
  });

  const get = (path: string) =>
    fetch(`${portal.baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });

  it('reads the catalog through HTTP: the portal and its templates, no demo data', async () => {
    const items = await eventually(async () => {
      const res = await get('/api/catalog/entities/by-query?limit=200');
      expect(res.status).toBe(200);
      const body = await res.json();
      const kinds = body.items.map((e: any) => e.kind);
      return kinds.includes('Component') && kinds.includes('Template')
        ? body.items
        : undefined;
    });
    const names = items.map((e: any) => e.metadata.name);
    expect(names).toContain('lodestar');
    expect(names).not.toContain('checkout-api');
    expect(
      items.filter((e: any) => e.metadata.labels?.['lodestar.dev/demo']),
    ).toEqual([]);
  });

  it('offers no guest sign-in', async () => {
    const res = await fetch(`${portal.baseUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(res.status).toBe(404);
  });

  it('refuses anonymous catalog reads', async () => {
    const res = await fetch(`${portal.baseUrl}/api/catalog/entities?limit=1`);
    expect(res.status).toBe(401);
  });
});
