/*
 * The plugins' HTTP router answers 503 with Retry-After, in Backstage's error
 * shape, when a route fails because the database is unavailable; every
 * other error keeps its status. Runs the real router stack of a test backend
 * with a plugin whose routes fail in real ways: a pg client on a closed
 * port, and knex waiting for the only pooled connection of a SQLite database.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { freePort } from '@internal/testing';
import Router from 'express-promise-router';
import { Client } from 'pg';
import { httpRouterServiceFactory } from './httpRouterServiceFactory';

const failingPlugin = createBackendPlugin({
  pluginId: 'failing',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
      },
      async init({ httpRouter, database }) {
        const knex = await database.getClient();
        const router = Router();
        router.get('/refused', async () => {
          const port = await freePort();
          await new Client({ host: '127.0.0.1', port }).connect();
        });
        router.get('/pool-exhausted', async () => {
          // SQLite has one connection; the query outside the transaction
          // waits for it until knex gives up.
          await knex.transaction(async () => {
            await knex.raw('select 1');
          });
        });
        router.get('/input', async () => {
          throw new InputError('title: required');
        });
        router.get('/refuse-silently', async () => {
          throw new NotAllowedError();
        });
        router.get('/refuse-saying-why', async () => {
          throw new NotAllowedError('only the platform team may do this');
        });
        router.get('/bug', async () => {
          throw new TypeError('Cannot read properties of undefined');
        });
        router.get('/ok', async (_req, res) => {
          res.json((await knex.raw('select 1 as one'))[0]);
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

describe('httpRouterServiceFactory', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        httpRouterServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'better-sqlite3',
                connection: ':memory:',
                knexConfig: { acquireConnectionTimeout: 500 },
              },
            },
          },
        }),
        failingPlugin,
      ],
    });
    const { port } = backend.server.address() as { port: number };
    baseUrl = `http://localhost:${port}/api/failing`;
    stop = () => backend.stop();
  });
  afterAll(() => stop?.());

  it('does not blame SQLite for a refused socket (503 for it is PostgreSQL only: databaseFaults.test.ts)', async () => {
    const res = await fetch(`${baseUrl}/refused`);
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
  });

  it('answers 503 when no pooled connection frees up in time', async () => {
    const res = await fetch(`${baseUrl}/pool-exhausted`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = await res.json();
    expect(body.error.message).toMatch(/no database connection was free/);
    // and the pool works again afterwards
    expect((await fetch(`${baseUrl}/ok`)).status).toBe(200);
  });

  it('keeps the status of every other error', async () => {
    const input = await fetch(`${baseUrl}/input`);
    expect(input.status).toBe(400);
    expect(input.headers.get('retry-after')).toBeNull();
    expect((await input.json()).error.name).toBe('InputError');
    const bug = await fetch(`${baseUrl}/bug`);
    expect(bug.status).toBe(500);
    expect(bug.headers.get('retry-after')).toBeNull();
  });

  it('gives a refusal without a message one naming the route, and keeps a message that says why', async () => {
    const silent = await fetch(`${baseUrl}/refuse-silently`);
    expect(silent.status).toBe(403);
    expect((await silent.json()).error).toEqual({
      name: 'NotAllowedError',
      message:
        "Lodestar's permission policy does not allow you to GET /api/failing/refuse-silently",
    });
    const saying = await fetch(`${baseUrl}/refuse-saying-why`);
    expect(saying.status).toBe(403);
    expect((await saying.json()).error.message).toBe(
      'only the platform team may do this',
    );
  });
});
