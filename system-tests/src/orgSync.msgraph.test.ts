/*
 * Microsoft Entra ID org sync, end to end: the production config, switched
 * on by its AZURE_* variables, against a local stand-in for the identity
 * platform's token endpoint and Microsoft Graph v1.0 (fakes/msgraph.ts),
 * reached under their real host names through a TLS-intercepting proxy
 * with a CA made for this run. Users (with email), groups, memberships and
 * nesting arrive; people sign in (demo OpenID provider) by that email; every page is followed; a 401 from Graph is one log line
 * and the catalog keeps the last good org; a person removed from the
 * directory is gone on the next sync; a refused client secret is one line
 * with the identity platform's reason and never the secret.
 */
import {
  DemoOidcProvider,
  engines,
  eventually,
  freePort,
  graphError,
  MsGraphFake,
  oidcSignIn,
  opensslAvailableOrSkip,
  PortalProcess,
  startDemoOidc,
  startMsGraphFake,
  startProductionPortal,
  staticTokenConfig,
} from '@internal/testing';
import {
  byName,
  catalogEntities,
  logLinesMatching,
  portalFetch,
  relationTargets as refs,
} from './__testUtils__/productionPortal';

jest.setTimeout(240_000);

const TOKEN = 'msgraph-org-sync-test-token-0123456789';
const TENANT_ID = '5f3c2a7e-1b4d-4c8e-9a6f-0d2e8b7c4a91';
const CLIENT_ID = '0b9c6d2e-7f4a-4b1c-8e3d-5a6f7b8c9d0e';
const CLIENT_SECRET = 'msgraph-test-client-secret';
const FAILURE = /Microsoft Entra ID org sync "default" failed/;

const describeWithOpenssl = opensslAvailableOrSkip(
  'the Microsoft Entra ID org sync test',
)
  ? describe
  : describe.skip;

describeWithOpenssl('Microsoft Entra ID org sync', () => {
  let fake: MsGraphFake;
  let portal: PortalProcess;
  let oidc: DemoOidcProvider;

  const get = async (path: string) => {
    const res = await portalFetch(portal, TOKEN, path);
    expect(res.status).toBe(200);
    return res.json();
  };
  const entities = (kind: 'User' | 'Group') =>
    catalogEntities(portal, TOKEN, kind);
  /** Messages of the backend's JSON log lines. */
  const logMessages = () =>
    portal
      .output()
      .split('\n')
      .flatMap(line => {
        try {
          return [String(JSON.parse(line).message)];
        } catch {
          return [];
        }
      });
  /** The backend's JSON log lines that report a failed sync. */
  const failureLines = () => logLinesMatching(portal, FAILURE);

  const start = (clientSecret: string, port?: number) =>
    startProductionPortal({
      port,
      oidcMetadataUrl: port ? oidc.metadataUrl : undefined,
      database: engines.includes('postgres') ? 'config' : 'sqlite',
      env: {
        ...fake.backendEnv,
        AZURE_TENANT_ID: TENANT_ID,
        AZURE_CLIENT_ID: CLIENT_ID,
        AZURE_CLIENT_SECRET: clientSecret,
        AZURE_ORG_SYNC_FREQUENCY: '5 seconds',
        // The sync's recovery is an info line.
        LOG_LEVEL: 'info',
        AZURE_USER_FILTER: "accountEnabled eq true and userType eq 'Member'",
        AZURE_GROUP_FILTER: 'securityEnabled eq true or mailEnabled eq true',
        // The Microsoft 365 group is named by its mailNickname.
        LODESTAR_PLATFORM_TEAM: 'group:default/platform-team',
      },
      config: staticTokenConfig(TOKEN, 'msgraph-test'),
    });

  beforeAll(async () => {
    fake = await startMsGraphFake({
      tenantId: TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      // Small pages, so users and group members span several.
      pageSize: 2,
    });
    // People sign in through an OpenID provider that reports their Entra ID
    // mail as their verified email.
    const port = await freePort();
    oidc = await startDemoOidc({
      portalPorts: [port],
      people: [
        { id: 'priya', email: 'priya.nair@tidewater.example' },
        { id: 'sam', email: 'sam.rivera@tidewater.example' },
      ],
    });
    portal = await start(CLIENT_SECRET, port);
  });
  afterAll(async () => {
    await portal?.stop();
    await oidc?.stop();
    await fake?.stop();
  });

  it('brings in every enabled user with their email, following @odata.nextLink', async () => {
    const users = await eventually(async () => {
      const items = await entities('User');
      return items.length >= 7 ? items : undefined;
    });
    // Eight accounts, one disabled.
    expect(users.map(u => u.metadata.name).sort()).toEqual([
      'admin_tidewaterfreight.onmicrosoft.com',
      'ana.costa_tidewater.example',
      'jonas.weber_tidewater.example',
      'mei.tanaka_tidewater.example',
      'priya.nair_tidewater.example',
      'sam.rivera_tidewater.example',
      'tomas.lindqvist_tidewater.example',
    ]);
    const priya = byName(users, 'priya.nair_tidewater.example');
    expect(priya.spec.profile).toMatchObject({
      displayName: 'Priya Nair',
      email: 'priya.nair@tidewater.example',
    });
    // No mailbox, no email: such a person cannot sign in by email.
    expect(
      byName(users, 'admin_tidewaterfreight.onmicrosoft.com').spec.profile
        .email,
    ).toBeUndefined();

    // The users came in pages of two: the module followed the links.
    const userPages = fake.graphRequests().filter(r => r.path === '/users');
    expect(userPages.some(r => r.query.$skiptoken)).toBe(true);
    expect(userPages[0].query.$select).toContain('accountEnabled');
    // The filters from the environment reach Graph as OData $filter.
    expect(userPages[0].query.$filter).toBe(
      "accountEnabled eq true and userType eq 'Member'",
    );
    expect(
      fake.graphRequests().find(r => r.path === '/groups')?.query.$filter,
    ).toBe('securityEnabled eq true or mailEnabled eq true');
    // The token was asked for with the app's own credentials, and nothing
    // but the two Microsoft hosts was contacted through the proxy.
    expect(fake.issuedTokens.length).toBeGreaterThanOrEqual(1);
    expect(fake.proxy.refused).toEqual([]);
  });

  it('brings in groups with their members, a nested group and the tenant as root', async () => {
    const groups = await eventually(async () => {
      const items = await entities('Group');
      const engineering = byName(items, 'engineering');
      return refs(engineering, 'parentOf').length === 2 &&
        refs(byName(items, 'checkout_team'), 'hasMember').length === 2
        ? items
        : undefined;
    });
    expect(groups.map(g => g.metadata.name).sort()).toEqual([
      'checkout_team',
      'engineering',
      'payments_team',
      'platform-team',
      'tidewater_freight',
    ]);
    expect(refs(byName(groups, 'platform-team'), 'hasMember')).toEqual([
      'user:default/priya.nair_tidewater.example',
      'user:default/tomas.lindqvist_tidewater.example',
    ]);
    expect(byName(groups, 'platform-team').spec.profile.email).toBe(
      'platform-team@tidewater.example',
    );
    // Checkout's members span two pages; the disabled account is left out.
    expect(refs(byName(groups, 'checkout_team'), 'hasMember')).toEqual([
      'user:default/ana.costa_tidewater.example',
      'user:default/sam.rivera_tidewater.example',
    ]);
    expect(refs(byName(groups, 'engineering'), 'parentOf')).toEqual([
      'group:default/checkout_team',
      'group:default/payments_team',
    ]);
    expect(byName(groups, 'engineering').spec.parent).toBe(
      'group:default/tidewater_freight',
    );
    const ana = byName(await entities('User'), 'ana.costa_tidewater.example');
    expect(refs(ana, 'memberOf')).toEqual([
      'group:default/checkout_team',
      'group:default/payments_team',
    ]);
    expect(
      fake
        .graphRequests()
        .some(
          r => /^\/groups\/[^/]+\/members$/.test(r.path) && r.query.$skiptoken,
        ),
    ).toBe(true);
  });

  it('signs people in by their Entra ID mail; the platform team is theirs', async () => {
    const priya = await eventually(async () => {
      const r = await oidcSignIn(portal.baseUrl, 'priya', {
        env: 'production',
      });
      return r.ok ? r : undefined;
    });
    expect(priya.userEntityRef).toBe(
      'user:default/priya.nair_tidewater.example',
    );
    expect(priya.ownershipEntityRefs).toContain('group:default/platform-team');
    const sam = await oidcSignIn(portal.baseUrl, 'sam', { env: 'production' });
    expect(sam.ok && sam.ownershipEntityRefs).toEqual(
      expect.arrayContaining(['group:default/checkout_team']),
    );
    expect(sam.ok && sam.ownershipEntityRefs).not.toContain(
      'group:default/platform-team',
    );
  });

  it('finds the platform team in the synced org', async () => {
    const status = await eventually(async () => {
      const body = await get('/api/platform-requests/platform-team');
      return body.status !== 'pending' ? body : undefined;
    });
    expect(status).toEqual({
      ref: 'group:default/platform-team',
      status: 'found',
    });
    expect(portal.output()).not.toMatch(
      /platform team's group .* is not in the catalog/,
    );
  });

  it('logs one line on a 401 from Graph and keeps the last good org', async () => {
    const before = (await entities('User')).length;
    const requestsBefore = fake.graphRequests().length;
    fake.http.failNext({
      path: '/v1.0/users',
      status: 401,
      body: graphError(
        'InvalidAuthenticationToken',
        'Access token has expired or is not yet valid.',
      ),
    });
    await eventually(async () => failureLines().length > 0);
    expect(failureLines()).toHaveLength(1);
    const line = JSON.parse(failureLines()[0]);
    expect(line).toMatchObject({ level: 'error', plugin: 'catalog' });
    expect(line.message).toBe(
      'Microsoft Entra ID org sync "default" failed: Error while reading users from Microsoft Graph: InvalidAuthenticationToken - Access token has expired or is not yet valid. The catalog keeps the people and teams of the last successful sync.',
    );
    expect(line.stack).toBeUndefined();
    expect(failureLines()[0]).not.toContain(CLIENT_SECRET);
    expect((await entities('User')).length).toBe(before);

    // The next run succeeds again and says so; nothing more fails.
    await eventually(async () =>
      logMessages().includes(
        'Microsoft Entra ID org sync "default" works again.',
      ),
    );
    expect(
      fake
        .graphRequests()
        .slice(requestsBefore)
        .some(r => r.path === `/organization/${TENANT_ID}`),
    ).toBe(true);
    expect(failureLines()).toHaveLength(1);
    expect((await entities('User')).length).toBe(before);
    expect(portal.output()).not.toContain(CLIENT_SECRET);
  });

  it('removes a person deleted from the directory on the next sync', async () => {
    const jonas = fake.directory.users.find(
      u => u.userPrincipalName === 'jonas.weber@tidewater.example',
    )!;
    fake.directory.users = fake.directory.users.filter(u => u !== jonas);
    for (const group of fake.directory.groups) {
      group.members = group.members.filter(id => id !== jonas.id);
    }
    await eventually(async () =>
      byName(await entities('User'), 'jonas.weber_tidewater.example')
        ? undefined
        : true,
    );
    expect((await entities('User')).map(u => u.metadata.name)).toContain(
      'sam.rivera_tidewater.example',
    );
  });

  it('says in one line when the identity platform refuses the client secret', async () => {
    await portal.stop();
    const wrong = 'an-expired-client-secret-value';
    portal = await start(wrong);
    await eventually(async () => failureLines().length > 0);
    const { message } = JSON.parse(failureLines()[0]);
    expect(message).toMatch(
      /^Microsoft Entra ID org sync "default" failed: .*AADSTS7000215: Invalid client secret provided/,
    );
    expect(message).toMatch(
      /The catalog keeps the people and teams of the last successful sync\.$/,
    );
    expect(portal.output()).not.toContain(wrong);
    expect(await entities('User')).toEqual([]);
  });
});
