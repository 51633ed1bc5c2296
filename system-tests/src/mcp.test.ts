/*
 * Tools for AI assistants, end to end: an MCP client (the SDK's Client over
 * Streamable HTTP, as Claude Code or any other assistant runs it) against
 * the whole backend as `npm start` runs it, with people signed in through
 * the demo OpenID provider. The assistant acts as the person whose token it
 * carries: what they file is theirs, what they may not do is refused with a
 * message and audited, and without a token there is no connection at all.
 */
import {
  connectMcp,
  DemoOidcProvider,
  engines,
  freePort,
  McpSession,
  oidcToken,
  PortalProcess,
  startDemoOidc,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';

jest.setTimeout(300_000);

const database = engines.includes('postgres') ? 'postgres' : 'sqlite';

describe(`MCP tools in the backend on ${database}`, () => {
  let oidc: DemoOidcProvider;
  let portal: PortalProcess;
  /** Sam (checkout team), Jonas (payments team), Priya (platform team). */
  let sam: McpSession;
  let jonas: McpSession;
  let priya: McpSession;

  beforeAll(async () => {
    const port = await freePort();
    oidc = await startDemoOidc({ portalPorts: [port] });
    portal = await startPortal({
      port,
      database,
      // Audit events are logged at info.
      env: { LOG_LEVEL: 'info' },
      config: oidc.portalConfig(),
    });
    await waitForDemoCatalog(portal.baseUrl);
    const connect = async (person: string) =>
      connectMcp(portal.baseUrl, await oidcToken(portal.baseUrl, person));
    sam = await connect('sam.rivera');
    jonas = await connect('jonas.weber');
    priya = await connect('priya.nair');
  });
  afterAll(async () => {
    await Promise.all([sam, jonas, priya].map(s => s?.close()));
    await portal?.stop();
    await oidc?.stop();
  });

  it('refuses a client without a token: 401, no session', async () => {
    const res = await fetch(`${portal.baseUrl}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: {},
      }),
    });
    expect(res.status).toBe(401);
    await expect(connectMcp(portal.baseUrl, undefined)).rejects.toThrow(/401/);
  });

  it('lists the portal’s tools, and only those backend.actions exposes', async () => {
    const tools = await sam.listTools();
    expect(tools.map(t => t.name).sort()).toEqual(
      [
        'change-request-status',
        'file-request',
        'find-golden-path',
        'find-similar-requests',
        'get-catalog-entity',
        'get-request',
        'kpi-summary',
        'query-catalog-entities',
        'search-requests',
        'vote-on-request',
        'where-effort-goes',
      ].sort(),
    );
    const file = tools.find(t => t.name === 'file-request')!;
    expect(file.description).toContain('find-similar-requests');
  });

  let filedBySam: string;

  it('suggests the similar request before filing, and files as the person', async () => {
    const need = 'Preview environments for every pull request';
    const before = await sam.call('find-similar-requests', { title: need });
    expect(before).toMatchObject({ isError: false, output: { items: [] } });

    const filed = await sam.call('file-request', {
      title: need,
      description: 'We wait a day for a shared staging slot.',
      category: 'new-capability',
      urgency: 'high',
      impact: { peopleAffected: 9, hoursLostPerWeek: 12 },
      relatedEntities: ['component:default/checkout-api'],
    });
    expect(filed.isError).toBe(false);
    expect(filed.output.request).toMatchObject({
      status: 'new',
      requester: 'user:default/sam.rivera',
      requestingTeam: 'group:default/checkout-team',
      url: `${portal.baseUrl}/requests/${filed.output.request.key}`,
    });
    filedBySam = filed.output.request.key;

    // Jonas, about to file the same need in other words, is shown Sam's
    // request and votes on it instead.
    const similar = await jonas.call('find-similar-requests', {
      title: 'Per pull request preview environments',
    });
    expect(similar.output.items.map((r: any) => r.key)).toContain(filedBySam);
    const voted = await jonas.call('vote-on-request', { key: filedBySam });
    expect(voted.output.request).toMatchObject({
      key: filedBySam,
      votes: 1,
      votedByMe: true,
    });

    // The same request through the REST API: the same person filed it.
    const rest = await fetch(
      `${portal.baseUrl}/api/platform-requests/requests/${filedBySam}`,
      {
        headers: {
          Authorization: `Bearer ${await oidcToken(
            portal.baseUrl,
            'sam.rivera',
          )}`,
        },
      },
    );
    expect(await rest.json()).toMatchObject({
      requester: 'user:default/sam.rivera',
      votes: { count: 1, byTeam: [{ team: 'group:default/payments-team' }] },
    });
  });

  it('reads and searches requests', async () => {
    const read = await jonas.call('get-request', { key: filedBySam });
    expect(read.output.request).toMatchObject({
      key: filedBySam,
      description: 'We wait a day for a shared staging slot.',
      relatedEntities: ['component:default/checkout-api'],
      votesByTeam: [{ team: 'group:default/payments-team', count: 1 }],
    });
    const found = await jonas.call('search-requests', { q: 'staging slot' });
    expect(found.output.items.map((r: any) => r.key)).toEqual([filedBySam]);
  });

  it('says where the platform team’s effort goes, with Sam’s request among the pains', async () => {
    const effort = await jonas.call('where-effort-goes', { days: 30 });
    expect(effort.isError).toBe(false);
    expect(effort.output.effort.days).toBe(30);
    expect(effort.output.effort.topPains).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: filedBySam, hoursLostPerWeek: 12 }),
      ]),
    );
  });

  it('refuses what only the platform team may do, with a message, and audits it', async () => {
    const refused = await jonas.call('change-request-status', {
      key: filedBySam,
      to: 'declined',
      reason: 'Not ours.',
    });
    expect(refused).toMatchObject({
      isError: true,
      text: 'NotAllowedError: only the platform team changes the status of a request',
    });
    const still = await jonas.call('get-request', { key: filedBySam });
    expect(still.output.request.status).toBe('new');
    expect(portal.output()).toMatch(
      /permission-denied[^\n]*action change-request-status[^\n]*user:default\/jonas\.weber/,
    );

    const triaged = await priya.call('change-request-status', {
      key: filedBySam,
      to: 'triaged',
    });
    expect(triaged.output.request.status).toBe('triaged');
  });

  it('says which field is wrong', async () => {
    const bad = await sam.call('file-request', {
      title: 'ab',
      category: 'new-capability',
      urgency: 'high',
      impact: { peopleAffected: 1, hoursLostPerWeek: 1 },
    });
    expect(bad).toMatchObject({
      isError: true,
      text: 'InputError: title: must be at least 3 characters',
    });
  });

  it('says who owns an entity, through the catalog’s own action', async () => {
    const entity = await sam.call('get-catalog-entity', {
      kind: 'Component',
      name: 'checkout-api',
    });
    expect(entity.output.spec.owner).toBe('group:default/checkout-team');
    const team = await sam.call('get-catalog-entity', {
      kind: 'Group',
      name: 'checkout-team',
    });
    expect(team.output.relations).toEqual(
      expect.arrayContaining([
        { type: 'hasMember', targetRef: 'user:default/sam.rivera' },
      ]),
    );
  });

  it('finds the golden path that fits a need', async () => {
    const fit = await sam.call('find-golden-path', {
      need: 'a nightly job that expires stale quotes',
    });
    expect(fit.output.items[0]).toMatchObject({
      ref: 'template:default/scheduled-job',
      url: `${portal.baseUrl}/create/templates/default/scheduled-job`,
    });
  });

  it('summarises a team’s KPIs, and validates the team', async () => {
    const summary = await sam.call('kpi-summary', {
      team: 'group:default/checkout-team',
      window: '30d',
    });
    expect(summary.isError).toBe(false);
    expect(summary.output).toMatchObject({
      scope: { kind: 'team', ref: 'group:default/checkout-team' },
      window: { name: '30d' },
      dora: {
        deploymentFrequency: expect.objectContaining({
          deployments: expect.any(Number),
        }),
      },
      catalogHealth: { counts: expect.any(Object) },
    });
    const wrong = await sam.call('kpi-summary', { team: 'checkout-team' });
    expect(wrong).toMatchObject({
      isError: true,
      text: 'InputError: team: must be a group reference like group:default/checkout-team',
    });
  });
});
