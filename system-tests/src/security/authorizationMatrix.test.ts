/*
 * The authorisation matrix of Lodestar's own plugins, on PostgreSQL with
 * real sign-in: every route of platform-requests, platform-kpis,
 * platform-surveys,
 * catalog-errors and local-git, the actions-registry routes of the plugins
 * with actions, and the MCP endpoint (mcp-actions), each called as
 * anonymous, the requester, another developer, the platform team, the CI
 * ingest token, a plugin token (valid, expired, and minted for another
 * plugin) and a user token with a tampered payload. Each call gets the
 * status the policy promises, a refusal (403) says why in its message, a
 * refused call changes nothing, and every refusal by Lodestar's routes and
 * actions leaves an audit event naming the caller.
 *
 * Plugin tokens are minted here with the key pair the backend itself signs
 * plugin-to-plugin tokens with (`backend.auth.pluginKeyStore` static), so
 * they are exactly what another backend plugin would send. The valid one
 * proves the expired and misaddressed ones fail for that reason alone.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DemoOidcProvider,
  engines,
  freePort,
  oidcToken,
  PortalProcess,
  startDemoOidc,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';

jest.setTimeout(600_000);

const describeOnPostgres = engines.includes('postgres')
  ? describe
  : describe.skip;

const CALLERS = [
  'anonymous',
  'requester',
  'other',
  'platform',
  'ingest',
  'plugin',
  'expired',
  'otherPlugin',
  'tampered',
] as const;
type Caller = (typeof CALLERS)[number];

const INGEST_TOKEN = 'matrix-ingest-token-0123456789';

type Fixture = { key: string; version: number };
type FixtureKind = 'new' | 'closed' | 'done' | 'improvement' | 'shippable';
type Call = {
  method: string;
  path: string;
  body?: unknown;
  ifMatch?: boolean;
  headers?: Record<string, string>;
};
/** A status, or a refusal (403) and what its message must say. */
type Expected = number | { status: 403; why: RegExp };
type Route = {
  name: string;
  plugin: string;
  /**
   * Prepares the request (or, as the platform team, the improvement: proposed
   * or in progress) the call acts on, fresh per caller.
   */
  fixture?: FixtureKind;
  call(f: Fixture): Call;
  expect: Partial<Record<Caller, Expected>>;
};

const refused = (why: RegExp): Expected => ({ status: 403, why });
const statusOf = (e: Expected) => (typeof e === 'number' ? e : e.status);

/** What the refusals say: the rule that refused the caller. */
const WHY = {
  // Backstage's, before any route: the CI token is for platform-kpis only.
  otherPlugin:
    /^This token's access is restricted to plugin\(s\) 'platform-kpis'$/,
  personChanges:
    /^only a signed-in person changes platform requests; a service token may only read them$/,
  personChangesTool:
    /^only a signed-in person changes platform requests; call this tool with a user token$/,
  assign: /^only the platform team assigns requests$/,
  status: /^only the platform team changes the status of a request$/,
  edit: /^only the requester or the platform team can edit REQ-\d+$/,
  reopen: /^only the requester or the platform team can reopen REQ-\d+$/,
  rate: /^only the requester of REQ-\d+ can rate it$/,
  personChangesImprovements:
    /^only a signed-in person changes platform requests; a service token may only read improvements$/,
  improvementCreate: /^only the platform team may create improvements$/,
  improvementEdit: /^only the platform team may edit improvements$/,
  improvementStatus:
    /^only the platform team may change the status of improvements$/,
  improvementShip: /^only the platform team may ship improvements$/,
  readKpis:
    /^you may not read KPIs: this token's access is restricted to platform-kpis\.events\.ingest$/,
  peopleIngest:
    /^people do not ingest KPI events, CI systems do: use a static token under backend\.auth\.externalAccess restricted to platform-kpis\.events\.ingest$/,
  tokenIngest:
    /^this token may not ingest KPI events: use a static token under backend\.auth\.externalAccess restricted to platform-kpis\.events\.ingest$/,
  unmatched: /^only the platform team may see unmatched webhook sources$/,
  dryRun: /^only the platform team may dry-run templates: /,
  createSurvey:
    /^you may not create surveys \(only the platform team may\): the permission policy does not grant platform-surveys\.survey\.create to user:default\/[a-z.]+$/,
  surveyPeople:
    /^surveys are answered by signed-in people; a service token may only read them$/,
  surveyResults:
    /^you may not (read|export) (survey results|survey scores|golden-path ratings) \(only the platform team may\): /,
  // Backstage's, for its own routes.
  usersNot: /^This endpoint does not allow 'user' credentials$/,
  servicesNot: /^This endpoint does not allow 'service' credentials$/,
};

/** The refusals that name the permission refused in their audit event. */
const REFUSED_PERMISSION: Partial<Record<keyof typeof WHY, string>> = {
  readKpis: 'platform-kpis.read',
  createSurvey: 'platform-surveys.survey.create',
  surveyResults: 'platform-surveys.results.read',
};

/** What every route answers to missing or invalid credentials. */
const UNAUTHENTICATED: Partial<Record<Caller, Expected>> = {
  anonymous: 401,
  expired: 401,
  otherPlugin: 401,
  tampered: 401,
};

const requestBody = {
  title: 'Matrix request',
  description: 'Filed by the authorisation matrix.',
  category: 'pain-point',
  urgency: 'low',
  impact: { peopleAffected: 1, hoursLostPerWeek: 1 },
};

const kpiEvent = () => ({
  events: [
    {
      id: `matrix-${crypto.randomUUID()}`,
      type: 'deployment',
      entityRef: 'component:default/checkout-api',
      environment: 'production',
      status: 'success',
      startedAt: new Date(Date.now() - 120_000).toISOString(),
      finishedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  ],
});

// Users: 2xx as the policy says; the ingest token may do nothing here, and
// a plugin (a service, no person behind it) may read but not act.
const usersRead = { requester: 200, other: 200, platform: 200 };
const readable = {
  ...usersRead,
  ingest: refused(WHY.otherPlugin),
  plugin: 200,
};
const personAction = (status: number, service = WHY.personChanges) => ({
  requester: status,
  other: status,
  platform: status,
  ingest: refused(WHY.otherPlugin),
  plugin: refused(service),
});
const platformOnly = (why: RegExp, service = WHY.personChanges) => ({
  ...personAction(200, service),
  requester: refused(why),
  other: refused(why),
});
const requesterOrPlatform = (why: RegExp) => ({
  ...personAction(200),
  other: refused(why),
});
const requestsRoutes: Route[] = [
  {
    name: 'GET /config',
    plugin: 'platform-requests',
    call: () => ({ method: 'GET', path: '/config' }),
    expect: readable,
  },
  {
    name: 'GET /platform-team',
    plugin: 'platform-requests',
    call: () => ({ method: 'GET', path: '/platform-team' }),
    expect: readable,
  },
  {
    name: 'GET /requests',
    plugin: 'platform-requests',
    call: () => ({ method: 'GET', path: '/requests' }),
    expect: readable,
  },
  {
    name: 'POST /requests',
    plugin: 'platform-requests',
    call: () => ({ method: 'POST', path: '/requests', body: requestBody }),
    expect: personAction(201),
  },
  {
    name: 'GET /requests/:key',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f => ({ method: 'GET', path: `/requests/${f.key}` }),
    expect: readable,
  },
  {
    name: 'PATCH /requests/:key (edit while new)',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f => ({
      method: 'PATCH',
      path: `/requests/${f.key}`,
      body: { title: 'Edited by the matrix' },
      ifMatch: true,
    }),
    expect: requesterOrPlatform(WHY.edit),
  },
  {
    name: 'PATCH /requests/:key (assign)',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f => ({
      method: 'PATCH',
      path: `/requests/${f.key}`,
      body: { assignee: 'user:default/priya.nair' },
      ifMatch: true,
    }),
    expect: platformOnly(WHY.assign),
  },
  {
    name: 'POST /requests/:key/transitions (triage)',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f => ({
      method: 'POST',
      path: `/requests/${f.key}/transitions`,
      body: { to: 'triaged' },
    }),
    expect: platformOnly(WHY.status),
  },
  {
    name: 'POST /requests/:key/transitions (reopen)',
    plugin: 'platform-requests',
    fixture: 'closed',
    call: f => ({
      method: 'POST',
      path: `/requests/${f.key}/transitions`,
      body: { to: 'new', comment: 'Still happening.' },
    }),
    expect: requesterOrPlatform(WHY.reopen),
  },
  {
    name: 'POST /requests/:key/rating',
    plugin: 'platform-requests',
    fixture: 'done',
    call: f => ({
      method: 'POST',
      path: `/requests/${f.key}/rating`,
      body: { score: 4 },
    }),
    // The rating is the requester's own verdict: not even the platform
    // team rates for them.
    expect: {
      ...personAction(200),
      other: refused(WHY.rate),
      platform: refused(WHY.rate),
    },
  },
  ...(['POST', 'DELETE'] as const).map(
    (method): Route => ({
      name: `${method} /requests/:key/votes`,
      plugin: 'platform-requests',
      fixture: 'new',
      call: f => ({ method, path: `/requests/${f.key}/votes` }),
      expect: personAction(200),
    }),
  ),
  {
    name: 'GET /requests/:key/comments',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f => ({ method: 'GET', path: `/requests/${f.key}/comments` }),
    expect: readable,
  },
  {
    name: 'POST /requests/:key/comments',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f => ({
      method: 'POST',
      path: `/requests/${f.key}/comments`,
      body: { body: 'A comment from the matrix.' },
    }),
    expect: personAction(201),
  },
  {
    name: 'GET /requests/:key/timeline',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f => ({ method: 'GET', path: `/requests/${f.key}/timeline` }),
    expect: readable,
  },
  ...(['PUT', 'DELETE'] as const).map(
    (method): Route => ({
      name: `${method} /requests/:key/watch`,
      plugin: 'platform-requests',
      fixture: 'new',
      call: f => ({ method, path: `/requests/${f.key}/watch` }),
      expect: personAction(200),
    }),
  ),
  {
    name: 'GET /suggestions',
    plugin: 'platform-requests',
    call: () => ({ method: 'GET', path: '/suggestions?title=matrix' }),
    expect: readable,
  },
  {
    name: 'GET /export',
    plugin: 'platform-requests',
    call: () => ({ method: 'GET', path: '/export?format=csv' }),
    expect: readable,
  },
  {
    name: 'GET /effort',
    plugin: 'platform-requests',
    call: () => ({ method: 'GET', path: '/effort?days=90' }),
    expect: readable,
  },
  {
    name: 'GET /improvements',
    plugin: 'platform-requests',
    call: () => ({ method: 'GET', path: '/improvements' }),
    expect: readable,
  },
  {
    name: 'POST /improvements',
    plugin: 'platform-requests',
    call: () => ({
      method: 'POST',
      path: '/improvements',
      body: { title: 'Matrix improvement', targetKpis: ['leadTime'] },
    }),
    expect: {
      ...platformOnly(WHY.improvementCreate, WHY.personChangesImprovements),
      platform: 201,
    },
  },
  {
    name: 'GET /improvements/:id',
    plugin: 'platform-requests',
    fixture: 'improvement',
    call: f => ({ method: 'GET', path: `/improvements/${f.key}` }),
    expect: readable,
  },
  {
    name: 'PATCH /improvements/:id',
    plugin: 'platform-requests',
    fixture: 'improvement',
    call: f => ({
      method: 'PATCH',
      path: `/improvements/${f.key}`,
      body: { title: 'Edited by the matrix' },
      ifMatch: true,
    }),
    expect: platformOnly(WHY.improvementEdit, WHY.personChangesImprovements),
  },
  {
    name: 'POST /improvements/:id/transitions',
    plugin: 'platform-requests',
    fixture: 'improvement',
    call: f => ({
      method: 'POST',
      path: `/improvements/${f.key}/transitions`,
      body: { to: 'planned' },
    }),
    expect: platformOnly(WHY.improvementStatus, WHY.personChangesImprovements),
  },
  {
    name: 'POST /improvements/:id/ship',
    plugin: 'platform-requests',
    fixture: 'shippable',
    call: f => ({
      method: 'POST',
      path: `/improvements/${f.key}/ship`,
      body: {},
    }),
    expect: platformOnly(WHY.improvementShip, WHY.personChangesImprovements),
  },
];

// The CI token reaches platform-kpis, but may only ingest there.
const kpiReadable = { ...readable, ingest: refused(WHY.readKpis) };
const kpiReads = ['dora', 'flow', 'adoption', 'catalog-health'].map(
  (name): Route => ({
    name: `GET /${name}`,
    plugin: 'platform-kpis',
    call: () => ({ method: 'GET', path: `/${name}?window=30d` }),
    expect: kpiReadable,
  }),
);
const kpiRoutes: Route[] = [
  {
    name: 'POST /events',
    plugin: 'platform-kpis',
    call: () => ({ method: 'POST', path: '/events', body: kpiEvent() }),
    expect: {
      requester: refused(WHY.peopleIngest),
      other: refused(WHY.peopleIngest),
      platform: refused(WHY.peopleIngest),
      ingest: 200,
      plugin: refused(WHY.tokenIngest),
    },
  },
  ...kpiReads,
  {
    name: 'GET /events',
    plugin: 'platform-kpis',
    call: () => ({
      method: 'GET',
      path: '/events?service=component:default/checkout-api',
    }),
    expect: kpiReadable,
  },
  {
    name: 'GET /impact',
    plugin: 'platform-kpis',
    call: () => ({
      method: 'GET',
      path: '/impact?shippedAt=2026-06-01&windowDays=30&kpi=leadTime&team=group:default/checkout-team',
    }),
    expect: kpiReadable,
  },
  {
    name: 'GET /webhooks/unmatched',
    plugin: 'platform-kpis',
    call: () => ({ method: 'GET', path: '/webhooks/unmatched' }),
    expect: {
      ...platformOnly(WHY.unmatched),
      ingest: refused(WHY.servicesNot),
      plugin: refused(WHY.servicesNot),
    },
  },
  // Unauthenticated for Backstage: the signature is the authentication, and
  // no Backstage token, however good, stands in for it.
  ...['github', 'gitlab', 'pagerduty'].map(
    (source): Route => ({
      name: `POST /webhooks/${source} (unsigned)`,
      plugin: 'platform-kpis',
      call: () => ({
        method: 'POST',
        path: `/webhooks/${source}`,
        body: { zen: 'unsigned', hook_id: 1 },
      }),
      expect: Object.fromEntries(CALLERS.map(c => [c, 401])),
    }),
  ),
];

// Pulse surveys: the platform team defines them and reads the results
// (floor-protected aggregates, which backend plugins may read too); people
// answer. The survey is created in beforeAll, open now, for everyone.
const survey = { id: '' };
const surveyBody = () => ({
  title: 'Matrix pulse',
  questions: [{ kind: 'agreement', text: 'The matrix runs fast' }],
  audience: { kind: 'everyone' },
  opensAt: new Date(Date.now() - 3_600_000).toISOString(),
  closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
});
const surveyResults = { ...platformOnly(WHY.surveyResults), plugin: 200 };
const surveysRoutes: Route[] = [
  {
    name: 'GET /surveys',
    plugin: 'platform-surveys',
    call: () => ({ method: 'GET', path: '/surveys' }),
    expect: readable,
  },
  {
    name: 'POST /surveys',
    plugin: 'platform-surveys',
    call: () => ({ method: 'POST', path: '/surveys', body: surveyBody() }),
    expect: {
      ...platformOnly(WHY.createSurvey),
      platform: 201,
      plugin: refused(WHY.servicesNot),
    },
  },
  {
    name: 'GET /surveys/open',
    plugin: 'platform-surveys',
    call: () => ({ method: 'GET', path: '/surveys/open' }),
    expect: personAction(200, WHY.surveyPeople),
  },
  {
    name: 'GET /surveys/:id',
    plugin: 'platform-surveys',
    call: () => ({ method: 'GET', path: `/surveys/${survey.id}` }),
    expect: readable,
  },
  {
    name: 'PUT /surveys/:id/rounds/:round/response',
    plugin: 'platform-surveys',
    call: () => ({
      method: 'PUT',
      path: `/surveys/${survey.id}/rounds/1/response`,
      body: { answers: { q1: 4 } },
    }),
    expect: personAction(200, WHY.surveyPeople),
  },
  ...['results', 'export'].map(
    (what): Route => ({
      name: `GET /surveys/:id/rounds/:round/${what}`,
      plugin: 'platform-surveys',
      call: () => ({
        method: 'GET',
        path: `/surveys/${survey.id}/rounds/1/${what}`,
      }),
      expect: surveyResults,
    }),
  ),
  {
    name: 'GET /surveys/:id/trend',
    plugin: 'platform-surveys',
    call: () => ({ method: 'GET', path: `/surveys/${survey.id}/trend` }),
    expect: surveyResults,
  },
  // No such run: the scaffolder, asked as the caller, finds none.
  {
    name: 'PUT /golden-path-runs/:taskId/rating',
    plugin: 'platform-surveys',
    call: () => ({
      method: 'PUT',
      path: `/golden-path-runs/${crypto.randomUUID()}/rating`,
      body: { score: 4 },
    }),
    expect: personAction(404, WHY.surveyPeople),
  },
  {
    name: 'GET /golden-path-ratings',
    plugin: 'platform-surveys',
    call: () => ({ method: 'GET', path: '/golden-path-ratings' }),
    expect: surveyResults,
  },
  {
    name: 'GET /scores',
    plugin: 'platform-surveys',
    call: () => ({
      method: 'GET',
      path: `/scores?survey=${survey.id}&question=q1`,
    }),
    expect: surveyResults,
  },
];

// Backstage's actions registry serves these routes on every plugin that
// registers actions (and on mcp-actions, which depends on it): the list,
// a status for services only, and the invocation, v1 (the input as the body)
// and v2 ({ input }). An action answers as the route it mirrors.
const ACTIONS = '/.backstage/actions';
const serviceOnly = {
  requester: refused(WHY.usersNot),
  other: refused(WHY.usersNot),
  platform: refused(WHY.usersNot),
  ingest: refused(WHY.otherPlugin),
  plugin: 200,
};
const invoke = (
  plugin: string,
  action: string,
  input: unknown,
  version: 'v1' | 'v2' = 'v1',
): Call => ({
  method: 'POST',
  path: `${ACTIONS}/${version}/actions/${plugin}:${action}/invoke`,
  body: version === 'v2' ? { input } : input,
});
// The CI ingest token is a service restricted to platform-kpis: there it
// may list the actions (their names and schemas, the same for everyone)
// and ask for the status, but invoking kpi-summary is refused (403).
const registryRoutes = (plugin: string): Route[] => {
  const ingest = plugin === 'platform-kpis' ? 200 : refused(WHY.otherPlugin);
  return [
    {
      name: `GET ${ACTIONS}/v1/actions`,
      plugin,
      call: () => ({ method: 'GET', path: `${ACTIONS}/v1/actions` }),
      expect: { ...readable, ingest },
    },
    {
      name: `GET ${ACTIONS}/v1/status`,
      plugin,
      call: () => ({ method: 'GET', path: `${ACTIONS}/v1/status` }),
      expect: { ...serviceOnly, ingest },
    },
  ];
};
const actionRoutes: Route[] = [
  ...registryRoutes('platform-requests'),
  {
    name: 'invoke search-requests',
    plugin: 'platform-requests',
    call: () => invoke('platform-requests', 'search-requests', { q: 'x' }),
    expect: readable,
  },
  {
    name: 'invoke find-similar-requests',
    plugin: 'platform-requests',
    call: () =>
      invoke('platform-requests', 'find-similar-requests', {
        title: 'matrix',
      }),
    expect: readable,
  },
  {
    name: 'invoke get-request',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f => invoke('platform-requests', 'get-request', { key: f.key }),
    expect: readable,
  },
  {
    name: 'invoke where-effort-goes',
    plugin: 'platform-requests',
    call: () => invoke('platform-requests', 'where-effort-goes', { days: 90 }),
    expect: readable,
  },
  {
    name: 'invoke file-request',
    plugin: 'platform-requests',
    call: () => invoke('platform-requests', 'file-request', requestBody),
    expect: personAction(200, WHY.personChangesTool),
  },
  {
    name: 'invoke vote-on-request (v2)',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f =>
      invoke('platform-requests', 'vote-on-request', { key: f.key }, 'v2'),
    expect: personAction(200, WHY.personChangesTool),
  },
  {
    name: 'invoke change-request-status (triage)',
    plugin: 'platform-requests',
    fixture: 'new',
    call: f =>
      invoke('platform-requests', 'change-request-status', {
        key: f.key,
        to: 'triaged',
      }),
    expect: platformOnly(WHY.status, WHY.personChangesTool),
  },
  ...registryRoutes('platform-kpis'),
  {
    name: 'invoke kpi-summary',
    plugin: 'platform-kpis',
    call: () =>
      invoke('platform-kpis', 'kpi-summary', {
        team: 'group:default/checkout-team',
      }),
    expect: kpiReadable,
  },
  ...registryRoutes('mcp-actions'),
];

// The MCP endpoint: a stateless Streamable HTTP server, so each POST is a
// whole exchange (here the client's initialize). GET (a server-sent event
// stream) and DELETE (ending a session) are not offered.
const mcpHeaders = { Accept: 'application/json, text/event-stream' };
const mcpRoutes: Route[] = [
  {
    name: 'POST /v1 (initialize)',
    plugin: 'mcp-actions',
    call: () => ({
      method: 'POST',
      path: '/v1',
      headers: mcpHeaders,
      body: {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'matrix', version: '0' },
        },
      },
    }),
    expect: readable,
  },
  ...(['GET', 'DELETE'] as const).map(
    (method): Route => ({
      name: `${method} /v1`,
      plugin: 'mcp-actions',
      call: () => ({ method, path: '/v1', headers: mcpHeaders }),
      expect: {
        requester: 405,
        other: 405,
        platform: 405,
        ingest: refused(WHY.otherPlugin),
        plugin: 405,
      },
    }),
  ),
];

const dryRunBody = {
  template: {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'matrix-dry-run' },
    spec: {
      type: 'service',
      steps: [
        {
          id: 'log',
          name: 'Log',
          action: 'debug:log',
          input: { message: 'matrix' },
        },
      ],
    },
  },
  values: {},
  directoryContents: [],
};

const otherRoutes: Route[] = [
  {
    name: 'GET /errors',
    plugin: 'catalog-errors',
    call: () => ({ method: 'GET', path: '/errors' }),
    expect: readable,
  },
  // The template editor's dry run of an arbitrary template: template
  // authoring is the platform team's. (Running the registered golden paths
  // is everyone's; goldenPaths.test.ts runs them as a developer.) Backend
  // plugins are trusted by Backstage's permission framework: a valid
  // plugin token is allowed without asking the policy.
  {
    name: 'POST /v2/dry-run',
    plugin: 'scaffolder',
    call: () => ({ method: 'POST', path: '/v2/dry-run', body: dryRunBody }),
    expect: {
      requester: refused(WHY.dryRun),
      other: refused(WHY.dryRun),
      platform: 200,
      ingest: refused(WHY.otherPlugin),
      plugin: 200,
    },
  },
];

/** ES256 key pair files for `backend.auth.pluginKeyStore`. */
function pluginKeys(dir: string) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  const publicKeyFile = path.join(dir, 'plugin-public.pem');
  const privateKeyFile = path.join(dir, 'plugin-private.pem');
  fs.writeFileSync(
    publicKeyFile,
    publicKey.export({ type: 'spki', format: 'pem' }),
  );
  fs.writeFileSync(
    privateKeyFile,
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  return { publicKeyFile, privateKeyFile, privateKey, keyId: 'matrix-key' };
}

const b64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value)
    ? value
    : Buffer.from(JSON.stringify(value))
  ).toString('base64url');

/** A plugin-to-plugin token as Backstage issues them (typ vnd.backstage.plugin). */
function pluginToken(
  keys: ReturnType<typeof pluginKeys>,
  claims: { sub: string; aud: string; expiresInSeconds: number },
) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url({
    alg: 'ES256',
    typ: 'vnd.backstage.plugin',
    kid: keys.keyId,
  });
  const payload = b64url({
    sub: claims.sub,
    aud: claims.aud,
    iat: now - 3600 * 2,
    exp: now + claims.expiresInSeconds,
  });
  const signature = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), {
    key: keys.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${header}.${payload}.${b64url(signature)}`;
}

/** The same user token claiming to be someone else, signature unchanged. */
function tamper(token: string, sub: string) {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return [header, b64url({ ...claims, sub }), signature].join('.');
}

describeOnPostgres('the authorisation matrix on PostgreSQL', () => {
  let oidc: DemoOidcProvider;
  let portal: PortalProcess;
  let keys: ReturnType<typeof pluginKeys>;
  let tempDir: string;
  const users: Record<'requester' | 'other' | 'platform', string> = {
    requester: '',
    other: '',
    platform: '',
  };

  function tokenFor(caller: Caller, plugin: string): string | undefined {
    switch (caller) {
      case 'anonymous':
        return undefined;
      case 'requester':
      case 'other':
      case 'platform':
        return users[caller];
      case 'ingest':
        return INGEST_TOKEN;
      case 'plugin':
        return pluginToken(keys, {
          sub: 'scaffolder',
          aud: plugin,
          expiresInSeconds: 3600,
        });
      case 'expired':
        return pluginToken(keys, {
          sub: 'scaffolder',
          aud: plugin,
          expiresInSeconds: -60,
        });
      case 'otherPlugin':
        return pluginToken(keys, {
          sub: 'scaffolder',
          aud: 'catalog',
          expiresInSeconds: 3600,
        });
      case 'tampered':
        return tamper(users.requester, 'user:default/priya.nair');
      default:
        throw new Error(`unknown caller ${caller}`);
    }
  }

  async function send(
    plugin: string,
    call: Call,
    token: string | undefined,
    version?: number,
  ) {
    const headers: Record<string, string> = { ...call.headers };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.ifMatch && version !== undefined) {
      headers['If-Match'] = `"${version}"`;
    }
    return fetch(`${portal.baseUrl}/api/${plugin}${call.path}`, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
  }

  const asPlatform = (call: Call) =>
    send('platform-requests', call, users.platform);

  /** An improvement answering a fresh request, proposed or in progress. */
  async function improvementFixture(inProgress: boolean): Promise<Fixture> {
    const request = await fixture('new');
    const created = await asPlatform({
      method: 'POST',
      path: '/improvements',
      body: { title: 'Matrix improvement', requests: [request.key] },
    });
    expect(created.status).toBe(201);
    let improvement = await created.json();
    for (const to of inProgress ? ['planned', 'in_progress'] : []) {
      const moved = await asPlatform({
        method: 'POST',
        path: `/improvements/${improvement.id}/transitions`,
        body: { to },
      });
      expect(moved.status).toBe(200);
      improvement = await moved.json();
    }
    return { key: improvement.id, version: improvement.version };
  }

  async function fixture(kind: FixtureKind): Promise<Fixture> {
    if (kind === 'improvement' || kind === 'shippable') {
      return improvementFixture(kind === 'shippable');
    }
    const created = await send(
      'platform-requests',
      { method: 'POST', path: '/requests', body: requestBody },
      users.requester,
    );
    expect(created.status).toBe(201);
    let request = await created.json();
    const moves = {
      new: [],
      closed: [{ to: 'declined', reason: 'Out of scope for the matrix.' }],
      done: ['triaged', 'planned', 'in_progress', 'done'].map(to => ({ to })),
    }[kind];
    for (const body of moves) {
      const moved = await asPlatform({
        method: 'POST',
        path: `/requests/${request.key}/transitions`,
        body,
      });
      expect(moved.status).toBe(200);
      request = await moved.json();
    }
    return { key: request.key, version: request.version };
  }

  /** Everything a refused call could have changed, as the platform sees it. */
  async function snapshot(f?: Fixture) {
    const read = async (p: string) =>
      (await asPlatform({ method: 'GET', path: p })).text();
    const kpiEvents = await (
      await send(
        'platform-kpis',
        {
          method: 'GET',
          path: '/events?service=component:default/checkout-api&limit=100',
        },
        users.platform,
      )
    ).text();
    const kpiUnmatched = await (
      await send(
        'platform-kpis',
        { method: 'GET', path: '/webhooks/unmatched' },
        users.platform,
      )
    ).text();
    const surveys = await (
      await send(
        'platform-surveys',
        { method: 'GET', path: '/surveys' },
        users.platform,
      )
    ).text();
    const improvement = f?.key.startsWith('IMP-');
    return {
      list: await read('/requests?limit=100&sort=-created'),
      improvements: await read('/improvements'),
      ...(f &&
        improvement && {
          improvement: await read(`/improvements/${f.key}`),
        }),
      ...(f &&
        !improvement && {
          request: await read(`/requests/${f.key}`),
          comments: await read(`/requests/${f.key}/comments`),
          timeline: await read(`/requests/${f.key}/timeline`),
        }),
      kpiEvents,
      kpiUnmatched,
      surveys,
    };
  }

  beforeAll(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-matrix-'));
    keys = pluginKeys(tempDir);
    const port = await freePort();
    oidc = await startDemoOidc({ portalPorts: [port] });
    portal = await startPortal({
      port,
      database: 'postgres',
      // Audit events are logged at info.
      env: { LOG_LEVEL: 'info' },
      config: {
        ...oidc.portalConfig(),
        backend: {
          auth: {
            pluginKeyStore: {
              type: 'static',
              static: {
                keys: [
                  {
                    publicKeyFile: keys.publicKeyFile,
                    privateKeyFile: keys.privateKeyFile,
                    keyId: keys.keyId,
                    algorithm: 'ES256',
                  },
                ],
              },
            },
            externalAccess: [
              {
                type: 'static',
                options: { token: INGEST_TOKEN, subject: 'matrix-ci' },
                accessRestrictions: [
                  {
                    plugin: 'platform-kpis',
                    permission: 'platform-kpis.events.ingest',
                  },
                ],
              },
            ],
          },
        },
      },
    });
    await waitForDemoCatalog(portal.baseUrl);
    users.requester = await oidcToken(portal.baseUrl, 'sam.rivera');
    users.other = await oidcToken(portal.baseUrl, 'jonas.weber');
    users.platform = await oidcToken(portal.baseUrl, 'priya.nair');
    const created = await send(
      'platform-surveys',
      { method: 'POST', path: '/surveys', body: surveyBody() },
      users.platform,
    );
    if (created.status !== 201) {
      throw new Error(`creating the matrix survey: ${await created.text()}`);
    }
    survey.id = (await created.json()).id;
  });
  afterAll(async () => {
    await portal?.stop();
    await oidc?.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  const routes = [
    ...requestsRoutes,
    ...kpiRoutes,
    ...surveysRoutes,
    ...otherRoutes,
    ...actionRoutes,
    ...mcpRoutes,
  ];

  it('covers every caller for every route, and says why for every refusal', () => {
    for (const route of routes) {
      const expected = { ...UNAUTHENTICATED, ...route.expect };
      expect(Object.keys(expected).sort()).toEqual([...CALLERS].sort());
      // A bare 403 would not check the message.
      expect(Object.values(expected)).not.toContain(403);
    }
  });

  /** Every refusal the calls met, for the audit test below. */
  const refusals: Array<{
    route: Route;
    caller: Caller;
    call: Call;
    message: string;
  }> = [];

  describe.each(routes.map(route => [route.plugin, route.name, route]))(
    '%s %s',
    (_plugin, _name, route) => {
      it.each([...CALLERS])('as %s', async caller => {
        const expectation = { ...UNAUTHENTICATED, ...route.expect }[caller]!;
        const expected = statusOf(expectation);
        const f = route.fixture ? await fixture(route.fixture) : undefined;
        const call = route.call(f ?? { key: 'REQ-0', version: 0 });
        const before = expected >= 400 ? await snapshot(f) : undefined;

        const res = await send(
          route.plugin,
          call,
          tokenFor(caller, route.plugin),
          f?.version,
        );
        const text = await res.text();
        expect(`${res.status} ${text.slice(0, 300)}`).toMatch(
          new RegExp(`^${expected} `),
        );
        // A refusal says why: never empty, never a bare "Forbidden".
        const why =
          typeof expectation === 'number' ? undefined : expectation.why;
        const message: string | undefined = why
          ? JSON.parse(text).error?.message ?? ''
          : undefined;
        expect(message ?? 'not refused').not.toMatch(
          /^\s*(forbidden|unauthorized)?\s*$/i,
        );
        expect({ message, saysWhy: why?.test(message ?? '') ?? true }).toEqual({
          message,
          saysWhy: true,
        });
        if (message !== undefined) {
          refusals.push({ route, caller, call, message });
        }
        // Refused: nothing moved, not a vote, a comment or a version.
        const after = before ? await snapshot(f) : undefined;
        expect(after).toEqual(before);
      });
    },
  );

  // Refusals by Lodestar's own routes and actions. Backstage refuses the
  // CI token at platform-kpis' neighbours before any route runs, and
  // answers for its own routes (the actions registry's status, the
  // scaffolder's dry run); those it logs, if at all, itself.
  const LODESTAR_REFUSALS = new Set(
    Object.entries(WHY)
      .filter(([name]) => !['otherPlugin', 'usersNot', 'dryRun'].includes(name))
      .map(([, why]) => why),
  );
  /** Who each caller is in an audit event. */
  const ACTOR_IDS: Partial<Record<Caller, string>> = {
    requester: 'user:default/sam.rivera',
    other: 'user:default/jonas.weber',
    platform: 'user:default/priya.nair',
    ingest: 'matrix-ci',
    plugin: 'scaffolder',
  };

  it('leaves an audit event for every refusal, naming the caller, the action, why and the permission refused', () => {
    const denials = portal
      .output()
      .split('\n')
      .filter(line => line.includes('permission-denied'));
    const audited = refusals.filter(r =>
      [...LODESTAR_REFUSALS].some(why => why.test(r.message)),
    );
    // Several callers, each refused somewhere: a guest of a stream-aligned
    // team, a member of another team, the platform team (the rating is the
    // requester's), the CI token and another plugin.
    expect(new Set(audited.map(r => r.caller))).toEqual(
      new Set(['requester', 'other', 'platform', 'ingest', 'plugin']),
    );
    const missing = audited.filter(({ route, caller, call, message }) => {
      const action = route.name.startsWith('invoke ')
        ? `action ${route.name.split(' ')[1]}`
        : call.method;
      // A refused permission is named in the event too, not only in words.
      const permission = Object.entries(REFUSED_PERMISSION).find(([why]) =>
        WHY[why as keyof typeof WHY].test(message),
      )?.[1];
      return !denials.some(
        line =>
          line.includes(ACTOR_IDS[caller]!) &&
          line.includes(action) &&
          line.includes(message) &&
          (!permission || line.includes(`"permission":"${permission}"`)),
      );
    });
    expect(
      missing.map(m => `${m.caller} ${m.route.plugin} ${m.route.name}`),
    ).toEqual([]);
  });
});
