/*
 * GitHub organisation org sync, end to end: the production config, switched
 * on by GITHUB_ORG_SYNC_ORG, against a local GitHub Enterprise-style host
 * (fakes/githubOrg.ts) answering the provider's GraphQL queries. Members
 * (with email), teams, nesting and memberships arrive; a member signs in
 * by that email (demo OpenID provider); every page of every
 * connection is followed; a 401 is one log line and the catalog keeps the
 * last good org. The platform team named in config is not a team there, so
 * start-up says so once and the triage page's endpoint reports it missing.
 */
import {
  DemoOidcProvider,
  engines,
  eventually,
  freePort,
  GithubOrgFake,
  oidcSignIn,
  PortalProcess,
  startDemoOidc,
  startGithubOrgFake,
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

const TOKEN = 'github-org-sync-test-token-0123456789';
const GHE_TOKEN = 'ghe-org-sync-token-4f9a2c';
const FAILURE = /GitHub organisation org sync "default" \(tidewater\) failed/;
const PLATFORM_TEAM_MISSING =
  /platform team's group group:default\/platform-team is not in the catalog/;

describe('GitHub organisation org sync', () => {
  let fake: GithubOrgFake;
  let portal: PortalProcess;
  let oidc: DemoOidcProvider;

  const get = async (path: string) => {
    const res = await portalFetch(portal, TOKEN, path);
    expect(res.status).toBe(200);
    return res.json();
  };
  const entities = (kind: 'User' | 'Group') =>
    catalogEntities(portal, TOKEN, kind);
  const linesMatching = (pattern: RegExp) => logLinesMatching(portal, pattern);

  beforeAll(async () => {
    fake = await startGithubOrgFake({ token: GHE_TOKEN });
    const port = await freePort();
    oidc = await startDemoOidc({
      portalPorts: [port],
      people: [
        { id: 'ana', email: 'ana.costa@tidewater.example' },
        { id: 'bot', email: 'release-bot@tidewater.example' },
      ],
    });
    portal = await startProductionPortal({
      port,
      oidcMetadataUrl: oidc.metadataUrl,
      database: engines.includes('postgres') ? 'config' : 'sqlite',
      env: {
        GITHUB_ORG_SYNC_ORG: 'tidewater',
        GITHUB_ORG_SYNC_URL: fake.url,
        GITHUB_ORG_SYNC_FREQUENCY: '5 seconds',
        // GitHub names the team `platform`: this group does not exist.
        LODESTAR_PLATFORM_TEAM: 'group:default/platform-team',
      },
      config: {
        integrations: {
          github: [
            { host: 'github.com', token: 'test-github-token' },
            fake.integration,
          ],
        },
        catalog: {
          providers: {
            // Small pages, so every connection spans several.
            githubOrg: {
              pageSizes: { organizationMembers: 3, teams: 2, teamMembers: 2 },
            },
          },
        },
        ...staticTokenConfig(TOKEN, 'github-org-test'),
      },
    });
  });
  afterAll(async () => {
    await portal?.stop();
    await oidc?.stop();
    await fake?.stop();
  });

  it('brings in the members with their emails, page by page', async () => {
    const users = await eventually(async () => {
      const items = await entities('User');
      return items.length >= 7 ? items : undefined;
    });
    expect(users.map(u => u.metadata.name).sort()).toEqual([
      'ana-costa',
      'jonas-weber',
      'mei-tanaka',
      'octo-bot',
      'priya-nair',
      'sam-rivera',
      'tomas-lindqvist',
    ]);
    expect(byName(users, 'priya-nair').spec.profile).toMatchObject({
      displayName: 'Priya Nair',
      email: 'priya.nair@tidewater.example',
    });
    // No public email: cannot sign in by email.
    expect(byName(users, 'octo-bot').spec.profile.email).toBeUndefined();

    const userPages = fake.operations.filter(o => o.name === 'users');
    expect(userPages[0].variables).toMatchObject({
      org: 'tidewater',
      // With a token the provider asks for emails.
      email: true,
      organizationMembersPageSize: 3,
    });
    expect(userPages.some(o => o.variables.cursor)).toBe(true);
  });

  it('brings in teams with their parents and members, following every page', async () => {
    const groups = await eventually(async () => {
      const items = await entities('Group');
      return refs(byName(items, 'checkout'), 'hasMember').length === 3 &&
        refs(byName(items, 'engineering'), 'parentOf').length === 2
        ? items
        : undefined;
    });
    expect(groups.map(g => g.metadata.name).sort()).toEqual([
      'checkout',
      'engineering',
      'payments',
      'platform',
    ]);
    // Checkout has more members than a page: read with the members query.
    expect(refs(byName(groups, 'checkout'), 'hasMember')).toEqual([
      'user:default/ana-costa',
      'user:default/octo-bot',
      'user:default/sam-rivera',
    ]);
    expect(refs(byName(groups, 'engineering'), 'parentOf')).toEqual([
      'group:default/checkout',
      'group:default/payments',
    ]);
    expect(byName(groups, 'platform').spec.profile.displayName).toBe(
      'Platform',
    );
    const ana = byName(await entities('User'), 'ana-costa');
    expect(refs(ana, 'memberOf')).toEqual([
      'group:default/checkout',
      'group:default/payments',
    ]);
    expect(
      fake.operations.some(o => o.name === 'teams' && o.variables.cursor),
    ).toBe(true);
    expect(
      fake.operations.some(
        o =>
          o.name === 'members' &&
          o.variables.teamSlug === 'checkout' &&
          o.variables.cursor,
      ),
    ).toBe(true);
  });

  it('signs a member in by the email GitHub gives; one without is refused', async () => {
    const ana = await eventually(async () => {
      const r = await oidcSignIn(portal.baseUrl, 'ana', { env: 'production' });
      return r.ok ? r : undefined;
    });
    expect(ana.userEntityRef).toBe('user:default/ana-costa');
    expect(ana.ownershipEntityRefs).toEqual(
      expect.arrayContaining([
        'group:default/checkout',
        'group:default/payments',
      ]),
    );
    // octo-bot shows no public email on GitHub, so no User has this one.
    const bot = await oidcSignIn(portal.baseUrl, 'bot', { env: 'production' });
    expect(bot.ok).toBe(false);
  });

  it('says once that the platform team is not in the catalog', async () => {
    const status = await eventually(async () => {
      const body = await get('/api/platform-requests/platform-team');
      return body.status !== 'pending' ? body : undefined;
    }, 90_000);
    expect(status).toEqual({
      ref: 'group:default/platform-team',
      status: 'missing',
    });
    // The verdict waited for the org sync's first run, which the catalog's
    // scheduler API reports under the provider's task id.
    const { tasks } = await get('/api/catalog/.backstage/scheduler/v1/tasks');
    const sync = tasks.find(
      (t: any) => t.taskId === 'GithubMultiOrgEntityProvider:default:refresh',
    );
    expect(sync?.taskState?.lastRunEndedAt).toEqual(expect.any(String));
    await eventually(async () => linesMatching(PLATFORM_TEAM_MISSING).length);
    // Several syncs and checks later, still one line.
    const operations = fake.operations.length;
    await eventually(async () => fake.operations.length > operations + 6);
    expect(linesMatching(PLATFORM_TEAM_MISSING)).toHaveLength(1);
  });

  it('logs one line on a 401 and keeps the last good org', async () => {
    const before = (await entities('User')).length;
    const operations = fake.operations.length;
    fake.failNext({
      path: '/api/graphql',
      status: 401,
      body: {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/graphql',
      },
    });
    await eventually(async () => linesMatching(FAILURE).length > 0);
    expect(linesMatching(FAILURE)).toHaveLength(1);
    const line = JSON.parse(linesMatching(FAILURE)[0]);
    expect(line).toMatchObject({ level: 'error', plugin: 'catalog' });
    expect(line.message).toBe(
      'GitHub organisation org sync "default" (tidewater) failed: HTTP 401: Bad credentials - https://docs.github.com/graphql. The catalog keeps the people and teams of the last successful sync.',
    );
    expect(line.stack).toBeUndefined();
    expect(linesMatching(FAILURE)[0]).not.toContain(GHE_TOKEN);
    expect((await entities('User')).length).toBe(before);

    // The next run reads everything again; nothing more is logged.
    await eventually(async () =>
      fake.operations.slice(operations).some(o => o.name === 'teams'),
    );
    expect(linesMatching(FAILURE)).toHaveLength(1);
    expect((await entities('User')).length).toBe(before);
    expect(portal.output()).not.toContain(GHE_TOKEN);
  });
});
