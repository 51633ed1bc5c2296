/*
 * The template-run collector against the real scaffolder backend: template
 * tasks run by @backstage/plugin-scaffolder-backend in the same test
 * backend, listed by its own GET /v2/tasks (so its ordering, limit and
 * offset are the scaffolder's, not a fake's), copied by the collector and
 * answered by GET /adoption.
 */
import {
  AuthService,
  coreServices,
  createBackendModule,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import knexFactory, { Knex } from 'knex';
import {
  KpisBackend,
  startKpisBackend,
  TEAMS,
} from '../__testUtils__/testBackend';
import { CollectorState } from '../database/CollectorState';
import { PluginClient } from './PluginClient';
import { collectTemplateRuns } from './templateRunCollector';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SAM = 'user:default/sam.rivera';
const JONAS = 'user:default/jonas.weber';

const user = (ref: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: ref.split('/')[1], namespace: 'default' },
  spec: { memberOf: [team] },
  relations: [{ type: 'memberOf', targetRef: team }],
});

const template = (name: string, action: string): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/time-saved': 'PT6H' },
  },
  spec: {
    type: 'service',
    owner: TEAMS.platform,
    parameters: [],
    steps: [
      { id: 'only', name: 'Only step', action, input: { message: 'hi' } },
    ],
  },
});

/** What the collector needs from the running backend, as the plugin gets it. */
function captureDeps(into: {
  discovery?: DiscoveryService;
  auth?: AuthService;
  catalog?: CatalogService;
}) {
  return createBackendModule({
    pluginId: 'platform-kpis',
    moduleId: 'test-collector-deps',
    register(env) {
      env.registerInit({
        deps: {
          discovery: coreServices.discovery,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
        },
        async init(deps) {
          Object.assign(into, deps);
        },
      });
    },
  });
}

describe.each(databases.eachSupportedId())(
  'the template-run collector against the real scaffolder on %p',
  databaseId => {
    let knex: Knex;
    let kpis: KpisBackend;
    const deps: {
      discovery?: DiscoveryService;
      auth?: AuthService;
      catalog?: CatalogService;
    } = {};

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      kpis = await startKpisBackend(knex, {
        features: [scaffolderPlugin, captureDeps(deps)],
        // The scaffolder's own tables in memory, not under test: its
        // polling may outlive the backend by a moment, which must not meet
        // a test database being dropped.
        databases: {
          scaffolder: knexFactory({
            client: 'better-sqlite3',
            connection: ':memory:',
            useNullAsDefault: true,
          }),
        },
      });
      kpis.catalog.entities.push(
        user(SAM, TEAMS.checkout),
        user(JONAS, TEAMS.payments),
        template('typescript-service', 'debug:log'),
        // The worker fails it: no such action.
        template('broken-service', 'lodestar-test:no-such-action'),
      );
    });
    afterAll(async () => {
      await kpis?.backend.stop();
    });

    const scaffolder = async (
      method: string,
      path: string,
      as: string,
      body?: object,
    ) => {
      const port = kpis.backend.server.port();
      const res = await fetch(
        `http://localhost:${port}/api/scaffolder${path}`,
        {
          method,
          headers: {
            Authorization: mockCredentials.user.header(as),
            ...(body && { 'Content-Type': 'application/json' }),
          },
          body: body && JSON.stringify(body),
        },
      );
      const json = await res.json();
      if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(json)}`);
      return json;
    };

    /** Runs a template as someone, until the scaffolder says it ended. */
    async function run(templateName: string, as: string) {
      const { id } = await scaffolder('POST', '/v2/tasks', as, {
        templateRef: `template:default/${templateName}`,
        values: {},
      });
      for (;;) {
        const task = await scaffolder('GET', `/v2/tasks/${id}`, as);
        if (['completed', 'failed', 'cancelled'].includes(task.status)) {
          return { id: id as string, status: task.status as string };
        }
        await new Promise(r => setTimeout(r, 100));
      }
    }

    const collect = () =>
      collectTemplateRuns({
        knex,
        client: new PluginClient(deps.discovery!, deps.auth!),
        catalog: deps.catalog!,
        auth: deps.auth!,
        state: new CollectorState(knex),
        // Two a page, so three tasks take the scaffolder's offset paging.
        pageSize: 2,
      });

    // By task id: tasks started within one second tie on created_at.
    const byTask = <T extends { task: string }>(list: T[]) =>
      [...list].sort((a, b) => a.task.localeCompare(b.task));
    const rows = async () =>
      (await knex('kpi_template_runs').orderBy('task_id')).map(r => ({
        task: r.task_id,
        template: r.template_ref,
        user: r.user_ref,
        team: r.team_ref,
        status: r.status,
        hoursSaved: Number(r.hours_saved),
        finished:
          r.finished_at !== null &&
          Number(r.finished_at) >= Number(r.created_at) &&
          Number(r.duration_ms) ===
            Number(r.finished_at) - Number(r.created_at),
      }));

    it('copies each task the scaffolder ran, with its template, person, team, outcome and hours saved', async () => {
      const first = await run('typescript-service', SAM);
      const second = await run('broken-service', SAM);
      const third = await run('typescript-service', JONAS);
      expect([first.status, second.status, third.status]).toEqual([
        'completed',
        'failed',
        'completed',
      ]);

      await expect(collect()).resolves.toEqual({ tasks: 3 });
      const expected = [
        {
          task: first.id,
          template: 'template:default/typescript-service',
          user: SAM,
          team: TEAMS.checkout,
          status: 'completed',
          hoursSaved: 6,
          finished: true,
        },
        {
          task: second.id,
          template: 'template:default/broken-service',
          user: SAM,
          team: TEAMS.checkout,
          status: 'failed',
          hoursSaved: 0,
          finished: true,
        },
        {
          task: third.id,
          template: 'template:default/typescript-service',
          user: JONAS,
          team: TEAMS.payments,
          status: 'completed',
          hoursSaved: 6,
          finished: true,
        },
      ];
      expect(await rows()).toEqual(byTask(expected));

      // A later run: the next collection finds it and keeps the others.
      const fourth = await run('typescript-service', JONAS);
      await collect();
      expect(await rows()).toEqual(
        byTask([...expected, { ...expected[2], task: fourth.id }]),
      );
    });

    it("answers GET /adoption from the plugin's own collector run", async () => {
      await kpis.runTask('platform-kpis-collect-template-runs');
      const all = await kpis.get('/adoption?window=30d', SAM);
      expect(all.status).toBe(200);
      expect(all.body.metrics).toEqual({
        runs: 4,
        succeeded: 3,
        failed: 1,
        successRate: 0.75,
        hoursSaved: 18,
      });
      expect(all.body.byTemplate).toEqual([
        {
          template: 'template:default/typescript-service',
          runs: 3,
          succeeded: 3,
          hoursSaved: 18,
        },
        {
          template: 'template:default/broken-service',
          runs: 1,
          succeeded: 0,
          hoursSaved: 0,
        },
      ]);
      const checkout = await kpis.get(
        `/adoption?window=30d&team=${encodeURIComponent(TEAMS.checkout)}`,
        SAM,
      );
      expect(checkout.body.metrics).toMatchObject({
        runs: 2,
        succeeded: 1,
        failed: 1,
      });
    });
  },
);
