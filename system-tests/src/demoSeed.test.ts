/*
 * The demo `npm start` seeds: the KPI history and the story of requests and
 * improvements, and about sixty golden-path runs through the real
 * scaffolder, rated by the people who ran them; all through the public APIs
 * as the demo people, who sign
 * in through the demo OpenID provider (app-config.demo-people.yaml, as
 * scripts/portal.mjs layers it). A second run adds nothing. SQLite only: the
 * seeders are clients of the APIs, which the other suites test on both.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DEMO_GOLDEN_PATH_RUNS,
  DEMO_IMPROVEMENTS,
  demoGoldenPathRuns,
  DEMO_STORY_REQUESTS,
  DEMO_SURVEY_ROUND_2_MISSING,
  DEMO_SURVEY_TITLE,
  DEMO_TEAMS,
  demoSurvey,
  seedDemoKpiHistory,
  seedDemoStory,
  StorySeedResult,
} from '@internal/demo-data';
import {
  DemoOidcProvider,
  eventually,
  freePort,
  oidcToken,
  PortalProcess,
  repoRoot,
  startDemoOidc,
  startPortal,
} from '@internal/testing';
import { parseAllDocuments } from 'yaml';

jest.setTimeout(600_000);

const CHECKOUT = 'group:default/checkout-team';
const PAYMENTS = 'group:default/payments-team';
const CUSTOMER_WEB = 'group:default/customer-web-team';

/** Every User of the demo organisation, as the demo provider's people. */
function demoOrgPeople() {
  const text = fs.readFileSync(path.join(repoRoot, 'catalog/org.yaml'), 'utf8');
  return parseAllDocuments(text)
    .map(doc => doc.toJS())
    .filter(entity => entity?.kind === 'User')
    .map(user => ({
      id: user.metadata.name,
      name: user.spec.profile.displayName,
      email: user.spec.profile.email,
      team: user.spec.memberOf[0] as string,
    }));
}

describe('the demo seeders', () => {
  let oidc: DemoOidcProvider;
  let portal: PortalProcess;
  let token: string;
  let first: StorySeedResult;
  let seededAt: number;
  const get = async (route: string) => {
    const res = await fetch(`${portal.baseUrl}${route}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  const requestTotal = async (query = '') =>
    (await get(`/api/platform-requests/requests?limit=1${query}`)).total;

  beforeAll(async () => {
    const port = await freePort();
    const oidcPort = await freePort();
    oidc = await startDemoOidc({
      portalPorts: [port],
      port: oidcPort,
      people: demoOrgPeople(),
    });
    portal = await startPortal({
      port,
      configs: ['app-config.yaml', 'app-config.demo-people.yaml'],
      config: {
        // Golden-path runs reach the KPIs within seconds, not five minutes.
        platformKpis: { collectorIntervalSeconds: 3 },
        auth: {
          providers: {
            oidc: {
              development: {
                metadataUrl: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
              },
            },
          },
        },
      },
    });
    await seedDemoKpiHistory(portal.baseUrl);
    seededAt = Date.now();
    first = await seedDemoStory(portal.baseUrl, { now: seededAt });
    token = await oidcToken(portal.baseUrl, 'priya.nair');
  });

  afterAll(async () => {
    await portal?.stop();
    await oidc?.stop();
  });

  it('fills the intake with a year of requests from every team, triaged, with SLAs met and breached', async () => {
    expect(first).toMatchObject({
      requests: DEMO_STORY_REQUESTS,
      filed: DEMO_STORY_REQUESTS,
      created: DEMO_IMPROVEMENTS.length,
    });
    expect(await requestTotal()).toBe(DEMO_STORY_REQUESTS);
    expect(await requestTotal('&breached=true')).toBeGreaterThan(5);
    expect(await requestTotal('&breached=false')).toBeGreaterThan(50);
    expect(await requestTotal('&status=done')).toBeGreaterThan(50);
    expect(await requestTotal('&status=declined')).toBeGreaterThan(3);
    const teams = [
      'platform-team',
      'checkout-team',
      'payments-team',
      'routing-team',
      'fleet-team',
      'customer-web-team',
      'data-team',
    ];
    for (const team of teams) {
      expect(
        await requestTotal(
          `&team=${encodeURIComponent(`group:default/${team}`)}`,
        ),
      ).toBeGreaterThan(0);
    }
    const page = await get(
      '/api/platform-requests/requests?limit=100&sort=-votes',
    );
    const items = page.items as Array<{
      votes: { count: number };
      rating: unknown;
      assignee: string | null;
      createdAt: string;
      tags: string[];
    }>;
    expect(items.every(r => r.tags.includes('demo'))).toBe(true);
    expect(items[0].votes.count).toBeGreaterThan(2);
    expect(items.some(r => r.rating)).toBe(true);
    expect(new Set(items.map(r => r.assignee).filter(Boolean))).toEqual(
      new Set(['user:default/priya.nair', 'user:default/tomas.lindqvist']),
    );
    const ages = items.map(r => Date.now() - Date.parse(r.createdAt));
    expect(Math.max(...ages)).toBeGreaterThan(300 * 86_400_000);
  });

  it('links improvements to the requests they answer: four shipped, one in progress', async () => {
    const { items } = await get('/api/platform-requests/improvements');
    expect(items).toHaveLength(DEMO_IMPROVEMENTS.length);
    const statuses = items.map((i: { status: string }) => i.status).sort();
    expect(statuses).toEqual([
      'in_progress',
      'shipped',
      'shipped',
      'shipped',
      'shipped',
    ]);
    for (const improvement of items) {
      expect(improvement.requests.length).toBeGreaterThan(3);
      expect(improvement.rollup.votes).toBeGreaterThan(0);
    }
    const shipped = items.find(
      (i: { title: string }) => i.title === 'Faster CI runners',
    );
    const request = await get(
      `/api/platform-requests/requests/${shipped.requests[0].key}`,
    );
    expect(request.status).toBe('done');
    expect(request.addressedBy[0].title).toBe('Faster CI runners');
  });

  it.each([
    ['Faster CI runners', 90, 'improved'],
    ['Self-service preview environments', 30, 'improved'],
    ['Self-service staging databases', 30, 'improved'],
    ['Kafka topic self-service', 30, 'noClearChange'],
  ])(
    'shows the effect of %p in the KPIs (%p-day windows): %p',
    async (title, windowDays, verdict) => {
      const { items } = await get('/api/platform-requests/improvements');
      const improvement = items.find(
        (i: { title: string }) => i.title === title,
      );
      const query = new URLSearchParams({
        shippedAt: improvement.shippedAt,
        windowDays: String(windowDays),
      });
      // The delivery KPIs here; the survey score below, over 90 days.
      for (const kpi of improvement.targetKpis) {
        if (!kpi.startsWith('survey:')) query.append('kpi', kpi);
      }
      for (const team of improvement.scope.teams) query.append('team', team);
      const impact = await get(`/api/platform-kpis/impact?${query}`);
      expect(impact.kpis.map((k: { verdict: string }) => k.verdict)).toEqual([
        verdict,
      ]);
    },
  );

  it("shows Kafka topic self-service lifted its team's pulse answers (90-day windows), to the platform team only", async () => {
    const { items } = await get('/api/platform-requests/improvements');
    const improvement = items.find(
      (i: { title: string }) => i.title === 'Kafka topic self-service',
    );
    const surveys = await get('/api/platform-surveys/surveys');
    const { id } = surveys.items.find(
      (s: { title: string }) => s.title === DEMO_SURVEY_TITLE,
    );
    const kpi = `survey:${id}:q1`;
    expect(improvement.targetKpis).toEqual(['leadTime', kpi]);
    expect(improvement.scope.teams).toEqual([CUSTOMER_WEB]);
    const query = new URLSearchParams({
      shippedAt: improvement.shippedAt,
      windowDays: '90',
      kpi,
      team: CUSTOMER_WEB,
    });
    const impact = await get(`/api/platform-kpis/impact?${query}`);
    expect(impact.kpis).toHaveLength(1);
    expect(impact.kpis[0]).toMatchObject({
      kpi,
      unit: 'score',
      verdict: 'improved',
    });
    expect(impact.kpis[0].scope.after.value).toBeGreaterThan(
      impact.kpis[0].scope.before.value,
    );

    // Someone outside the platform team sees no figures.
    const res = await fetch(
      `${portal.baseUrl}/api/platform-kpis/impact?${query}`,
      {
        headers: {
          Authorization: `Bearer ${await oidcToken(
            portal.baseUrl,
            'nora.jensen',
          )}`,
        },
      },
    );
    expect(res.status).toBe(200);
    const hidden = await res.json();
    expect(hidden.kpis[0]).toMatchObject({ verdict: 'notEnoughData' });
  });

  it('has the demo people of catalog/org.yaml in the teams the story files and answers as', () => {
    const byTeam: Record<string, string[]> = {};
    for (const { id, team } of demoOrgPeople()) {
      (byTeam[team] ??= []).push(id);
    }
    expect(
      Object.fromEntries(
        Object.entries(DEMO_TEAMS).map(([team, ids]) => [
          team,
          [...ids].sort(),
        ]),
      ),
    ).toEqual(
      Object.fromEntries(
        Object.entries(byTeam).map(([team, ids]) => [team, ids.sort()]),
      ),
    );
  });

  it('asks everyone a quarterly pulse survey: two closed rounds with results above the floor, per team for the bigger teams, and an open third', async () => {
    const survey = demoSurvey(seededAt);
    expect(first.survey).toBe(survey.answers.length);
    const { items } = await get('/api/platform-surveys/surveys');
    const { id } = items.find(
      (s: { title: string }) => s.title === DEMO_SURVEY_TITLE,
    );
    const results = (round: number, team?: string) =>
      get(
        `/api/platform-surveys/surveys/${id}/rounds/${round}/results${
          team ? `?team=${encodeURIComponent(team)}` : ''
        }`,
      );
    const everyone = Object.values(DEMO_TEAMS).flat().length;
    const respondents = [
      everyone,
      everyone - DEMO_SURVEY_ROUND_2_MISSING.length,
    ];
    for (const round of [1, 2]) {
      const closed = await results(round);
      expect(closed.overall).toMatchObject({
        enough: true,
        respondents: respondents[round - 1],
      });
      // Teams of five or more are shown on their own; the smaller ones are
      // not, and are enough together that none of the bigger is hidden too.
      const shown = closed.byTeam
        .filter((t: { enough: boolean }) => t.enough)
        .map((t: { team: string }) => t.team);
      expect(shown).toEqual([
        CUSTOMER_WEB,
        PAYMENTS,
        'group:default/routing-team',
      ]);
      expect(closed.byTeam).toContainEqual({ team: CHECKOUT, enough: false });
      expect(
        closed.byTeam.find((t: { team: string }) => t.team === PAYMENTS),
      ).toMatchObject({ respondents: round === 1 ? 6 : 5 });

      // Narrowing to a team says the same as the by-team view.
      expect((await results(round, PAYMENTS)).overall).toMatchObject({
        team: PAYMENTS,
        enough: true,
        respondents: round === 1 ? 6 : 5,
      });
      expect((await results(round, CHECKOUT)).overall).toEqual({
        team: CHECKOUT,
        enough: false,
      });
    }
    const trend = await get(
      `/api/platform-surveys/surveys/${id}/trend?team=${encodeURIComponent(
        CUSTOMER_WEB,
      )}`,
    );
    expect(trend.points.map((p: { enough: boolean }) => p.enough)).toEqual([
      true,
      true,
    ]);
    const open = await results(3);
    expect(open).toMatchObject({
      state: 'open',
      overall: { enough: false },
      byTeam: [],
    });
  });

  it('runs about sixty golden paths as the demo people, most of them rated; the KPI page shows runs and ratings', async () => {
    const plan = demoGoldenPathRuns();
    const rated = plan.filter(r => r.score !== undefined).length;
    expect(first.goldenPath).toEqual({
      runs: DEMO_GOLDEN_PATH_RUNS,
      completed: DEMO_GOLDEN_PATH_RUNS - 2,
      ratings: rated,
    });
    const { tasks } = await get('/api/scaffolder/v2/tasks?limit=200');
    expect(tasks).toHaveLength(DEMO_GOLDEN_PATH_RUNS);
    const component = await get(
      '/api/catalog/entities/by-name/component/default/basket-pricing',
    );
    expect(component.metadata.description).toContain('Demo data');
    expect(component.spec.owner).toBe('group:default/checkout-team');

    const adoption = await eventually(async () => {
      const a = await get('/api/platform-kpis/adoption?window=30d');
      return a.metrics.runs === DEMO_GOLDEN_PATH_RUNS && a;
    });
    expect(adoption.metrics).toMatchObject({
      succeeded: DEMO_GOLDEN_PATH_RUNS - 2,
      failed: 2,
    });
    expect(adoption.ratings.available).toBe(true);
    const byTemplate = new Map(
      adoption.ratings.templates.map((t: { template: string }) => [
        t.template,
        t,
      ]),
    );
    expect(byTemplate.get('template:default/typescript-service')).toMatchObject(
      { enough: true, n: expect.any(Number), mean: expect.any(Number) },
    );
    expect(byTemplate.get('template:default/catalog-info')).toEqual({
      template: 'template:default/catalog-info',
      enough: false,
    });
  });

  it('adds nothing when run again', async () => {
    const improvements = (await get('/api/platform-requests/improvements'))
      .items.length;
    const ratings = (await get('/api/platform-surveys/golden-path-ratings'))
      .templates;
    const again = await seedDemoStory(portal.baseUrl);
    expect(again).toMatchObject({
      filed: 0,
      created: 0,
      survey: 0,
      goldenPath: { runs: 0, completed: 0, ratings: 0 },
    });
    expect(
      (await get('/api/scaffolder/v2/tasks?limit=200')).tasks,
    ).toHaveLength(DEMO_GOLDEN_PATH_RUNS);
    expect(
      (await get('/api/platform-surveys/golden-path-ratings')).templates,
    ).toEqual(ratings);
    expect(await requestTotal()).toBe(DEMO_STORY_REQUESTS);
    expect(
      (await get('/api/platform-requests/improvements')).items.length,
    ).toBe(improvements);
  });
});
