/*
 * The rating after a golden-path run, against a stand-in scaffolder that
 * serves tasks the way the real one does (GET /v2/tasks/:id, behind
 * Backstage auth), on SQLite and PostgreSQL.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import {
  people,
  PRIYA,
  startSurveysBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SERVICE = 'template:default/service';
const DOCS = 'template:default/docs-site';
const ranBy = people('checkout', 8);

/** Task ids: `0…0<i>`, run by checkout-<i>; i 7 is still running. */
function taskId(i: number) {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}
const TASKS = new Map(
  ranBy.map((user, i) => [
    taskId(i),
    {
      id: taskId(i),
      status: i === 7 ? 'processing' : 'completed',
      spec: {
        user: { ref: user },
        templateInfo: { entityRef: i < 6 ? SERVICE : DOCS },
      },
    },
  ]),
);

const scaffolderStandIn = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = Router();
        router.get('/v2/tasks/:id', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['user', 'service'] });
          const task = TASKS.get(req.params.id);
          if (!task) {
            res.status(404).json({ error: { name: 'NotFoundError' } });
            return;
          }
          res.json(task);
        });
        httpRouter.use(router);
      },
    });
  },
});

describe.each(databases.eachSupportedId())('golden-path ratings on %p', id => {
  let knex: Knex;
  let t: Awaited<ReturnType<typeof startSurveysBackend>>;

  beforeAll(async () => {
    knex = await databases.init(id);
    t = await startSurveysBackend(knex, {}, [scaffolderStandIn]);
  });
  afterAll(async () => {
    await t.backend.stop();
  });

  const rate = (who: string, i: number, score: unknown) =>
    t.api(who).put(`/golden-path-runs/${taskId(i)}/rating`, { score });

  it('lets the person who ran a finished run rate it, once, replaceably', async () => {
    expect((await rate(ranBy[0], 0, 2)).body).toEqual({ rated: true });
    expect((await rate(ranBy[0], 0, 5)).status).toBe(200);
    const rows = await knex('golden_path_ratings');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ template_ref: SERVICE, score: 5 });
    expect(JSON.stringify(rows)).not.toMatch(/user:|00000000-/);
  });

  it('refuses others, unfinished and unknown runs, and bad scores', async () => {
    const other = await rate(ranBy[1], 0, 3);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'only the person who ran a golden path rates the run',
    );
    const running = await rate(ranBy[7], 7, 3);
    expect(running.status).toBe(409);
    expect(running.body.error.message).toContain('is processing');
    expect((await rate(ranBy[0], 99, 3)).status).toBe(404);
    const bad = await rate(ranBy[0], 0, 6);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('score: must be 1 to 5');
    const service = await t
      .api('service')
      .put(`/golden-path-runs/${taskId(0)}/rating`, { score: 3 });
    expect(service.status).toBe(403);
  });

  it('shows the platform team each template at the floor, and hides one below it', async () => {
    for (let i = 1; i < 7; i++) {
      expect((await rate(ranBy[i], i, i < 6 ? 4 : 1)).status).toBe(200);
    }
    const res = await t.api(PRIYA).get('/golden-path-ratings');
    expect(res.body).toEqual({
      floor: 5,
      templates: [
        { template: DOCS, enough: false },
        {
          template: SERVICE,
          enough: true,
          n: 6,
          mean: 4.17,
          distribution: [
            { value: 1, count: 0 },
            { value: 2, count: 0 },
            { value: 3, count: 0 },
            { value: 4, count: 5 },
            { value: 5, count: 1 },
          ],
        },
      ],
    });
    const refused = await t.api(ranBy[0]).get('/golden-path-ratings');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'you may not read golden-path ratings (only the platform team may)',
    );
  });
});
