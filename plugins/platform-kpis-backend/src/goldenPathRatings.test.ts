/*
 * Golden-path adoption carries the ratings after runs, read from the surveys
 * plugin on behalf of the person asking: the platform team sees them, others
 * get one message, and a failing or absent surveys plugin gives one message
 * while the rest of adoption answers as before. The surveys plugin is a
 * stand-in serving its documented answer; whether a caller may read it is
 * decided by the real permission backend and Lodestar's policy.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { platformSurveyResultsReadPermission } from '@internal/plugin-platform-surveys-common';
import Router from 'express-promise-router';
import {
  KpisBackend,
  PLATFORM_USER,
  startKpisBackend,
} from './__testUtils__/testBackend';
import {
  RATINGS_REFUSED,
  RATINGS_UNAVAILABLE,
} from './service/GoldenPathRatings';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const WINDOW = 'window=7d&until=2026-06-08T00:00:00Z';

/** The surveys plugin's GET /golden-path-ratings, as RunRatings.ts shapes it. */
const RATINGS = {
  floor: 5,
  templates: [
    { template: 'template:default/catalog-info', enough: false },
    {
      template: 'template:default/typescript-service',
      enough: true,
      n: 7,
      mean: 4.29,
      distribution: [
        { value: 1, count: 0 },
        { value: 2, count: 0 },
        { value: 3, count: 1 },
        { value: 4, count: 3 },
        { value: 5, count: 3 },
      ],
    },
  ],
};

/** A stand-in platform-surveys plugin: `answer` decides what it serves. */
function surveysStandIn(answer: () => 'ratings' | 'broken') {
  return createBackendPlugin({
    pluginId: 'platform-surveys',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
        },
        async init({ httpRouter, httpAuth, permissions, permissionsRegistry }) {
          permissionsRegistry.addPermissions([
            platformSurveyResultsReadPermission,
          ]);
          const router = Router();
          router.get('/golden-path-ratings', async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['user', 'service'],
            });
            const [decision] = await permissions.authorize(
              [{ permission: platformSurveyResultsReadPermission }],
              { credentials },
            );
            if (decision.result !== AuthorizeResult.ALLOW) {
              throw new NotAllowedError('only the platform team may');
            }
            if (answer() === 'broken') throw new Error('database gone');
            res.json(RATINGS);
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

describe.each(databases.eachSupportedId())(
  'golden-path ratings in adoption on %p',
  databaseId => {
    let mode: 'ratings' | 'broken' = 'ratings';
    let t: KpisBackend;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      t = await startKpisBackend(knex, {
        features: [surveysStandIn(() => mode)],
      });
    });

    afterAll(async () => {
      await t.backend.stop();
    });

    beforeEach(() => {
      mode = 'ratings';
    });

    it('shows the platform team each template’s ratings, cut at the floor', async () => {
      const res = await t.get(`/adoption?${WINDOW}`, PLATFORM_USER);
      expect(res.status).toBe(200);
      expect(res.body.ratings).toEqual({ available: true, ...RATINGS });
    });

    it('tells anyone else the ratings are the platform team’s; adoption still answers', async () => {
      const res = await t.get(`/adoption?${WINDOW}`, 'user:default/sam.rivera');
      expect(res.status).toBe(200);
      expect(res.body.ratings).toEqual({
        available: false,
        message: RATINGS_REFUSED,
      });
      expect(res.body.metrics).toMatchObject({ runs: 0 });
    });

    it('gives one message when the surveys plugin fails', async () => {
      mode = 'broken';
      const res = await t.get(`/adoption?${WINDOW}`, PLATFORM_USER);
      expect(res.status).toBe(200);
      expect(res.body.ratings).toEqual({
        available: false,
        message: RATINGS_UNAVAILABLE,
      });
      expect(res.body.components).toEqual({
        total: 0,
        fromTemplate: 0,
        share: null,
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'golden-path ratings without the surveys plugin on %p',
  databaseId => {
    let t: KpisBackend;

    beforeAll(async () => {
      t = await startKpisBackend(await databases.init(databaseId));
    });

    afterAll(async () => {
      await t.backend.stop();
    });

    it('answers adoption with one message in place of the ratings', async () => {
      const res = await t.get(`/adoption?${WINDOW}`, PLATFORM_USER);
      expect(res.status).toBe(200);
      expect(res.body.ratings).toEqual({
        available: false,
        message: RATINGS_UNAVAILABLE,
      });
      expect(res.body.metrics).toMatchObject({ runs: 0, hoursSaved: 0 });
    });
  },
);
