/*
 * Who may bring what into the catalog, on PostgreSQL with real sign-in (the
 * demo OpenID provider): a developer registers their own components, but
 * only the platform team registers locations holding Users, Groups or
 * Templates, and unregisters them. A file a developer registered that later
 * gains a Template does not bring it in. Refusals leave audit events.
 */
import http from 'node:http';
import {
  DemoOidcProvider,
  engines,
  eventually,
  freePort,
  oidcToken,
  PortalProcess,
  startDemoOidc,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';

jest.setTimeout(300_000);

const describeOnPostgres = engines.includes('postgres')
  ? describe
  : describe.skip;

const component = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: experimental
  owner: group:default/checkout-team
`;
const template = (name: string) => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
  title: ${name}
spec:
  type: service
  owner: group:default/platform-team
  parameters: []
  steps: []
`;
const user = `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: new.hire
spec:
  profile:
    email: new.hire@tidewater.example
  memberOf: [platform-team]
`;

describeOnPostgres('catalog import rights on PostgreSQL', () => {
  const files = new Map<string, string>([
    ['/component.yaml', component('guarded-widget')],
    ['/template.yaml', template('platform-approved')],
    ['/users.yaml', user],
    ['/grows.yaml', component('growing-widget')],
  ]);
  let files_url: string;
  let server: http.Server;
  let oidc: DemoOidcProvider;
  let portal: PortalProcess;
  let developer: string;
  let platform: string;

  const call = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${portal.baseUrl}/api/catalog${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
    });
  const register = (token: string, file: string, dryRun = false) =>
    call(token, `/locations${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      body: JSON.stringify({ type: 'url', target: `${files_url}${file}` }),
    });
  const entity = async (ref: string) => {
    const [kind, name] = ref.split(':');
    const res = await call(
      platform,
      `/entities/by-name/${kind}/default/${name}`,
    );
    return res.status === 200 ? res.json() : undefined;
  };
  const locationTargets = async () =>
    (await (await call(platform, '/locations')).json()).map(
      (l: any) => l.data.target,
    );

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const body = files.get(req.url ?? '');
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' });
      res.end(body ?? 'not found');
    });
    const filesPort = await freePort();
    await new Promise<void>(r => server.listen(filesPort, '127.0.0.1', r));
    files_url = `http://localhost:${filesPort}`;

    const port = await freePort();
    oidc = await startDemoOidc({ portalPorts: [port] });
    portal = await startPortal({
      port,
      database: 'postgres',
      // Audit events are logged at info.
      env: { LOG_LEVEL: 'info' },
      config: {
        ...oidc.portalConfig(),
        backend: { reading: { allow: [{ host: `localhost:${filesPort}` }] } },
      },
    });
    await waitForDemoCatalog(portal.baseUrl);
    developer = await oidcToken(portal.baseUrl, 'sam.rivera');
    platform = await oidcToken(portal.baseUrl, 'priya.nair');
  });
  afterAll(async () => {
    await portal?.stop();
    await oidc?.stop();
    server?.close();
  });

  it('lets a developer register a location with their components', async () => {
    const res = await register(developer, '/component.yaml');
    expect(res.status).toBe(201);
    await eventually(() => entity('component:guarded-widget'));
  });

  it.each([
    ['/template.yaml', 'template:default/platform-approved'],
    ['/users.yaml', 'user:default/new.hire'],
  ])(
    'refuses a developer a location holding %s, and registers nothing',
    async (file, ref) => {
      for (const dryRun of [true, false]) {
        const res = await register(developer, file, dryRun);
        expect(res.status).toBe(403);
        const body = await res.json();
        expect(body.error.message).toContain(
          'only the platform team may register locations with Users, Groups or Templates',
        );
        expect(body.error.message).toContain(ref);
      }
      expect(await locationTargets()).not.toContain(`${files_url}${file}`);
      expect(portal.output()).toMatch(
        /permission-denied[^\n]*sam\.rivera|sam\.rivera[^\n]*permission-denied/,
      );
    },
  );

  it('lets the platform team register a Template, and only it unregister it', async () => {
    expect((await register(platform, '/template.yaml')).status).toBe(201);
    const registered = await eventually(() =>
      entity('template:platform-approved'),
    );
    const uid = registered.metadata.uid;
    const byDeveloper = await call(developer, `/entities/by-uid/${uid}`, {
      method: 'DELETE',
    });
    expect(byDeveloper.status).toBe(403);
    expect(await entity('template:platform-approved')).toBeDefined();

    // The developer may unregister a component their team owns.
    const widget = await entity('component:guarded-widget');
    const own = await call(
      developer,
      `/entities/by-uid/${widget.metadata.uid}`,
      {
        method: 'DELETE',
      },
    );
    expect(own.status).toBe(204);

    const byPlatform = await call(platform, `/entities/by-uid/${uid}`, {
      method: 'DELETE',
    });
    expect(byPlatform.status).toBe(204);
  });

  it('keeps the approval when the platform team registers the same location again (409)', async () => {
    expect((await register(platform, '/template.yaml')).status).toBe(409);
    // The template was unregistered above; its location brings it back on
    // the next processing only while the location is still approved.
    const location = await eventually(async () => {
      const all = await (
        await call(platform, '/entities/by-query?filter=kind=location')
      ).json();
      return all.items.find((l: any) =>
        JSON.stringify(l.spec).includes('/template.yaml'),
      );
    });
    await eventually(async () => {
      await call(platform, '/refresh', {
        method: 'POST',
        body: JSON.stringify({
          entityRef: `location:default/${location.metadata.name}`,
        }),
      });
      return entity('template:platform-approved');
    }, 120_000);
  });

  it('does not take a Template from a developer-registered file that gained one later', async () => {
    expect((await register(developer, '/grows.yaml')).status).toBe(201);
    await eventually(() => entity('component:growing-widget'));
    files.set(
      '/grows.yaml',
      `${component('growing-widget')}---\n${template('smuggled-template')}`,
    );
    const location = await eventually(async () => {
      const all = await (
        await call(platform, '/entities/by-query?filter=kind=location')
      ).json();
      return all.items.find((l: any) =>
        JSON.stringify(l.spec).includes('/grows.yaml'),
      );
    });
    // Refresh until the catalog has read the new file: the refusal shows
    // up as a processing error on the catalog errors API.
    await eventually(async () => {
      await call(platform, '/refresh', {
        method: 'POST',
        body: JSON.stringify({
          entityRef: `location:default/${location.metadata.name}`,
        }),
      });
      return portal.output().includes('smuggled-template');
    }, 120_000);
    expect(await entity('template:smuggled-template')).toBeUndefined();
    expect(portal.output()).toContain(
      'which was not registered by the platform team',
    );
  });
});
