/*
 * The REST API under /api/platform-surveys. HTTP only: parse the input with
 * the common schemas, decide permissions, call the service, answer. Errors
 * are thrown and mapped by the backend's error middleware; refusals are
 * audited.
 *
 * No route returns a response or says who answered: results are aggregates
 * cut at the anonymity floor, for the platform team as for anyone.
 */
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  auditRefusals,
  bodyTooLarge,
  jsonBody,
  parseInput,
  permissionRefused,
  RequestClock,
} from '@internal/plugin-platform-node';
import {
  createSurveySchema,
  platformSurveyCreatePermission,
  platformSurveyReadPermission,
  platformSurveyRespondPermission,
  platformSurveyResultsReadPermission,
  responseSchema,
  resultsQuerySchema,
  roundParamSchema,
  runRatingSchema,
  scoreDistributionQuerySchema,
  scoresQuerySchema,
  surveyIdSchema,
  taskIdSchema,
} from '@internal/plugin-platform-surveys-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { csvOf, sendCsv } from './export/csvExport';
import { RunRatingService } from './service/RunRatings';
import { ScoreDistributions } from './service/ScoreDistributions';
import { SurveyService } from './service/SurveyService';

export type RouterOptions = {
  service: SurveyService;
  /** The rating after a golden-path run. */
  runRatings: RunRatingService;
  /** A question's answers per value for the KPI backend's impact. */
  distributions: ScoreDistributions;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  clock: RequestClock;
  /** Called after a survey is created, to notify a round that is open. */
  onCreated?: () => void;
};

const BODY_LIMIT = '64kb';

const idParams = z.object({ id: surveyIdSchema });
const roundParams = z.object({ id: surveyIdSchema, round: roundParamSchema });
const taskParams = z.object({ taskId: taskIdSchema });

function refusalTarget(req: Request) {
  const id = req.path.match(/^\/(?:surveys|golden-path-runs)\/([^/]+)/)?.[1];
  return {
    action: `${req.method} ${id ? req.path.replace(id, ':id') : req.path}`,
    target: id ?? 'platform surveys',
  };
}

export function createRouter(options: RouterOptions): express.Router {
  const { service, httpAuth, userInfo, permissions, auditor, clock } = options;
  const router = Router();
  router.use(jsonBody(BODY_LIMIT));
  router.use(
    bodyTooLarge(`request body is larger than the ${BODY_LIMIT} limit`),
  );

  async function require(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    what: string,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw permissionRefused(credentials, permission, what);
    }
  }

  /** Users and services, with `permission`. */
  async function caller(
    req: Request,
    permission: BasicPermission,
    what: string,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await require(credentials, permission, what);
    return credentials;
  }

  /** Only people answer: an answer needs a person behind it. */
  async function person(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type !== 'user') {
      throw new NotAllowedError(
        'surveys are answered by signed-in people; a service token may only read them',
      );
    }
    const user = credentials as BackstageCredentials<BackstageUserPrincipal>;
    await require(user, platformSurveyRespondPermission, 'answer surveys');
    return { credentials: user, info: await userInfo.getUserInfo(user) };
  }

  router.get('/surveys', async (req, res) => {
    await caller(req, platformSurveyReadPermission, 'read surveys');
    res.json({ items: await service.list(clock(req)) });
  });

  router.post('/surveys', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await require(credentials, platformSurveyCreatePermission, 'create surveys (only the platform team may)');
    const input = parseInput(createSurveySchema, req.body, 'body');
    const survey = await service.create(
      input,
      credentials.principal.userEntityRef,
      clock(req),
    );
    options.onCreated?.();
    res.status(201).json(survey);
  });

  // Before /surveys/:id, which would take "open" for an id.
  router.get('/surveys/open', async (req, res) => {
    const { info } = await person(req);
    res.json({ items: await service.openFor(info, clock(req)) });
  });

  router.get('/surveys/:id', async (req, res) => {
    await caller(req, platformSurveyReadPermission, 'read surveys');
    const { id } = parseInput(idParams, req.params, 'path');
    res.json(await service.get(id, clock(req)));
  });

  router.put('/surveys/:id/rounds/:round/response', async (req, res) => {
    const { info } = await person(req);
    const { id, round } = parseInput(roundParams, req.params, 'path');
    const input = parseInput(responseSchema, req.body, 'body');
    res.json(await service.respond(id, round, input, info, clock(req)));
  });

  router.get('/surveys/:id/rounds/:round/results', async (req, res) => {
    await caller(
      req,
      platformSurveyResultsReadPermission,
      'read survey results (only the platform team may)',
    );
    const { id, round } = parseInput(roundParams, req.params, 'path');
    const { team } = parseInput(resultsQuerySchema, req.query, 'query');
    res.json(await service.roundResults(id, round, clock(req), team));
  });

  router.get('/surveys/:id/rounds/:round/export', async (req, res) => {
    await caller(
      req,
      platformSurveyResultsReadPermission,
      'export survey results (only the platform team may)',
    );
    const { id, round } = parseInput(roundParams, req.params, 'path');
    const { team } = parseInput(resultsQuerySchema, req.query, 'query');
    const survey = await service.stored(id);
    const results = await service.roundResults(id, round, clock(req), team);
    sendCsv(
      res,
      csvOf(results, survey.questions, await service.teamNames(results)),
      `survey-${id}-round-${round}.csv`,
    );
  });

  router.get('/surveys/:id/trend', async (req, res) => {
    await caller(
      req,
      platformSurveyResultsReadPermission,
      'read survey results (only the platform team may)',
    );
    const { id } = parseInput(idParams, req.params, 'path');
    const { team } = parseInput(resultsQuerySchema, req.query, 'query');
    res.json(await service.trend(id, clock(req), team));
  });

  router.get('/scores', async (req, res) => {
    await caller(
      req,
      platformSurveyResultsReadPermission,
      'read survey scores (only the platform team may)',
    );
    const query = parseInput(scoresQuerySchema, req.query, 'query');
    res.json(await service.scores(query.survey, query.question, clock(req)));
  });

  // For the KPI backend's impact of an improvement, on behalf of the person
  // asking: counts per value, never a person's answer (ScoreDistributions).
  router.get('/scores/distribution', async (req, res) => {
    await caller(
      req,
      platformSurveyResultsReadPermission,
      'read survey scores (only the platform team may)',
    );
    const query = parseInput(scoreDistributionQuerySchema, req.query, 'query');
    res.json(await options.distributions.distribution(query, clock(req)));
  });

  router.put('/golden-path-runs/:taskId/rating', async (req, res) => {
    const { credentials, info } = await person(req);
    const { taskId } = parseInput(taskParams, req.params, 'path');
    const { score } = parseInput(runRatingSchema, req.body, 'body');
    res.json(
      await options.runRatings.rate(
        taskId,
        score,
        { userEntityRef: info.userEntityRef, credentials },
        clock(req),
      ),
    );
  });

  router.get('/golden-path-ratings', async (req, res) => {
    await caller(
      req,
      platformSurveyResultsReadPermission,
      'read golden-path ratings (only the platform team may)',
    );
    parseInput(z.strictObject({}), req.query, 'query');
    res.json(await options.runRatings.ratings());
  });

  router.use(auditRefusals(auditor, refusalTarget));

  return router;
}
