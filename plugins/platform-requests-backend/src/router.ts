/*
 * The REST API under /api/platform-requests. HTTP only: parse the input with
 * the common schemas, decide permissions, call the service, answer. Errors
 * are thrown and mapped by the backend's error middleware.
 */
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, toError } from '@backstage/errors';
import {
  commentSchema,
  createRequestSchema,
  flagSchema,
  listQuerySchema,
  platformRequestCommentPermission,
  platformRequestCreatePermission,
  platformRequestEditPermission,
  platformRequestReadPermission,
  platformRequestRequesterActionPermission,
  platformRequestTriagePermission,
  platformRequestVotePermission,
  ratingSchema,
  requestKeySchema,
  suggestionQuerySchema,
  transitionSchema,
  updateRequestSchema,
} from '@internal/plugin-platform-requests-common';
import {
  auditRefusals,
  bodyTooLarge,
  jsonBody,
  parseInput,
  RequestClock,
} from '@internal/plugin-platform-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EXPORT_MAX_ROWS, streamCsv } from './export/csvExport';
import { readIdempotencyKey, readIfMatch, setETag } from './http/preconditions';
import { asHttpTransition } from './http/transitionErrors';
import { ONLY_PEOPLE_CHANGE } from './permissions/onlyPeople';
import { RequestAuthorizer } from './permissions/RequestAuthorizer';
import { RequestService } from './service/RequestService';
import { PlatformTeamCheck } from './service/PlatformTeamCheck';
import {
  createImprovementRouter,
  ImprovementRouterOptions,
} from './improvementRouter';

export type RouterOptions = {
  service: RequestService;
  /** Whether the platform team's Group is in the catalog. */
  platformTeam?: Pick<PlatformTeamCheck, 'status'>;
  authorizer: RequestAuthorizer;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  /** When a write happens (createRequestClock); now if not given. */
  clock?: RequestClock;
  /** The improvements routes; without them the API serves requests only. */
  improvements?: Omit<
    ImprovementRouterOptions,
    'authorizer' | 'httpAuth' | 'auditor'
  >;
};

const breached = flagSchema.optional();

/** The list's filters plus `breached` (SLA breached or not). */
const listQuery = listQuerySchema.extend({ breached });
/** The list's filters, not paginated. */
const exportQuery = listQuerySchema
  .omit({ cursor: true, limit: true })
  .extend({ breached, format: z.enum(['csv']).default('csv') });
const keyParams = z.object({ key: requestKeySchema });

/*
 * JSON bodies up to a limit that still fits the largest valid request (a
 * 20,000-character description even with every character \u-escaped, plus
 * the other fields); anything bigger is refused with a 413 before parsing.
 */
const BODY_LIMIT = '160kb';

/**
 * A refusal's action is the route with the key as `:key` (`:id` for an
 * improvement); its target the key.
 */
function refusalTarget(req: Request) {
  const match = /^\/(requests|improvements)\/([^/]+)/.exec(req.path);
  if (!match) {
    return { action: `${req.method} ${req.path}`, target: 'platform requests' };
  }
  const [whole, collection, key] = match;
  const param = collection === 'requests' ? ':key' : ':id';
  return {
    action: `${req.method} /${collection}/${param}${req.path.slice(
      whole.length,
    )}`,
    target: key,
  };
}

export function createRouter(options: RouterOptions): express.Router {
  const { service, authorizer, httpAuth, userInfo, auditor } = options;
  const clock = options.clock ?? (() => new Date());
  const router = Router();
  router.use(jsonBody(BODY_LIMIT));
  router.use(
    bodyTooLarge(
      `request body is larger than the ${BODY_LIMIT} limit; descriptions and comments are limited to 20,000 characters`,
    ),
  );

  /** Users and services read; the viewer is undefined for a service. */
  async function reader(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizer.require(
      credentials,
      platformRequestReadPermission,
      'read platform requests',
    );
    const viewer =
      credentials.principal.type === 'user'
        ? credentials.principal.userEntityRef
        : undefined;
    return { credentials, viewer };
  }

  /** Only users change requests: every change needs a person behind it. */
  async function actor(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type !== 'user') {
      throw new NotAllowedError(
        `${ONLY_PEOPLE_CHANGE}; a service token may only read them`,
      );
    }
    const person = credentials as BackstageCredentials<BackstageUserPrincipal>;
    return {
      credentials: person,
      user: await userInfo.getUserInfo(person),
    };
  }

  function keyOf(req: Request): string {
    return parseInput(keyParams, req.params, 'path').key;
  }

  function needsUser(
    query: { mine?: boolean; watching?: boolean },
    viewer: string | undefined,
  ) {
    if (!viewer && (query.mine || query.watching)) {
      throw new InputError(
        `${query.mine ? 'mine' : 'watching'}: needs a signed-in user`,
      );
    }
  }

  /** Triage actions leave an audit trail, refused ones included. */
  async function audited<T>(
    req: Request,
    meta: Record<string, string | null>,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId: 'request-triage',
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: toError(error) });
      throw error;
    }
  }

  async function isPlatformTeam(credentials: BackstageCredentials) {
    return authorizer.allowed(credentials, platformRequestTriagePermission);
  }

  router.get('/config', async (req, res) => {
    await reader(req);
    res.json(service.publicConfig());
  });

  // Not cached by the client, unlike /config: the answer changes when the
  // org sync brings the group in.
  router.get('/platform-team', async (req, res) => {
    await reader(req);
    res.json(
      options.platformTeam?.status() ?? {
        ref: service.publicConfig().platformTeam,
        status: 'pending',
      },
    );
  });

  router.get('/requests', async (req, res) => {
    const { viewer } = await reader(req);
    const query = parseInput(listQuery, req.query, 'query');
    needsUser(query, viewer);
    res.json(await service.list(query, viewer));
  });

  router.post('/requests', async (req, res) => {
    const { credentials, user } = await actor(req);
    await authorizer.require(
      credentials,
      platformRequestCreatePermission,
      'file platform requests',
    );
    const input = parseInput(createRequestSchema, req.body, 'body');
    const { request, replayed } = await service.create(
      input,
      user,
      readIdempotencyKey(req),
      clock(req),
    );
    setETag(res, request.version);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(replayed ? 200 : 201).json(request);
  });

  router.get('/requests/:key', async (req, res) => {
    const { viewer } = await reader(req);
    const request = await service.get(keyOf(req), viewer);
    setETag(res, request.version);
    res.json(request);
  });

  router.patch('/requests/:key', async (req, res) => {
    const { credentials, user } = await actor(req);
    const key = keyOf(req);
    const input = parseInput(updateRequestSchema, req.body, 'body');
    const expectedVersion = readIfMatch(req, true);
    const { assignee, ...fields } = input;
    const assigning = 'assignee' in input;

    const edit = async () => {
      const platform = await isPlatformTeam(credentials);
      if (assigning && !platform) {
        throw new NotAllowedError('only the platform team assigns requests');
      }
      const permissionFilter = Object.keys(fields).length
        ? await authorizer.filter(
            credentials,
            platformRequestEditPermission,
            `edit ${key}`,
          )
        : undefined;
      return service.edit(
        key,
        input,
        { expectedVersion, permissionFilter, onlyWhileNew: !platform },
        user,
        clock(req),
      );
    };
    const updated = assigning
      ? await audited(
          req,
          { action: 'assign', key, assignee: assignee ?? null },
          edit,
        )
      : await edit();
    setETag(res, updated.version);
    res.json(updated);
  });

  router.post('/requests/:key/transitions', async (req, res) => {
    const { credentials, user } = await actor(req);
    const key = keyOf(req);
    const input = parseInput(transitionSchema, req.body, 'body');
    const expectedVersion = readIfMatch(req, false);
    const updated = await audited(
      req,
      {
        action: 'transition',
        key,
        to: input.to,
        duplicateOf: input.duplicateOf ?? null,
      },
      async () => {
        // Reopening is the requester's right too (within the window); every
        // other status change is triage.
        if (await isPlatformTeam(credentials)) {
          return asHttpTransition(() =>
            service.transition(
              key,
              input,
              { expectedVersion },
              user,
              clock(req),
            ),
          );
        }
        if (input.to !== 'new') {
          throw new NotAllowedError(
            'only the platform team changes the status of a request',
          );
        }
        const permissionFilter = await authorizer.filter(
          credentials,
          platformRequestRequesterActionPermission,
          `reopen ${key}`,
        );
        return asHttpTransition(() =>
          service.transition(
            key,
            input,
            { expectedVersion, requesterReopen: { permissionFilter } },
            user,
            clock(req),
          ),
        );
      },
    );
    setETag(res, updated.version);
    res.json(updated);
  });

  for (const [method, add] of [
    ['post', true],
    ['delete', false],
  ] as const) {
    router[method]('/requests/:key/votes', async (req, res) => {
      const { credentials, user } = await actor(req);
      const key = keyOf(req);
      await authorizer.require(
        credentials,
        platformRequestVotePermission,
        'vote on platform requests',
      );
      res.json(await service.vote(key, user, add, clock(req)));
    });
  }

  router.get('/requests/:key/comments', async (req, res) => {
    await reader(req);
    res.json({ items: await service.comments(keyOf(req)) });
  });

  router.post('/requests/:key/comments', async (req, res) => {
    const { credentials, user } = await actor(req);
    const key = keyOf(req);
    await authorizer.require(
      credentials,
      platformRequestCommentPermission,
      'comment on platform requests',
    );
    const { body } = parseInput(commentSchema, req.body, 'body');
    res.status(201).json(await service.comment(key, body, user, clock(req)));
  });

  router.get('/requests/:key/timeline', async (req, res) => {
    await reader(req);
    res.json({ items: await service.timeline(keyOf(req)) });
  });

  router.post('/requests/:key/rating', async (req, res) => {
    const { credentials, user } = await actor(req);
    const key = keyOf(req);
    const rating = parseInput(ratingSchema, req.body, 'body');
    const permissionFilter = await authorizer.filter(
      credentials,
      platformRequestRequesterActionPermission,
      `rate ${key}`,
    );
    const updated = await service.rate(
      key,
      rating,
      permissionFilter,
      user,
      clock(req),
    );
    setETag(res, updated.version);
    res.json(updated);
  });

  for (const [method, watching] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    router[method]('/requests/:key/watch', async (req, res) => {
      const { credentials, user } = await actor(req);
      const key = keyOf(req);
      await authorizer.require(
        credentials,
        platformRequestReadPermission,
        'read platform requests',
      );
      res.json(await service.setWatching(key, user, watching));
    });
  }

  router.get('/suggestions', async (req, res) => {
    const { viewer } = await reader(req);
    const query = parseInput(suggestionQuerySchema, req.query, 'query');
    res.json({
      items: await service.suggestions(query.title, query.limit, viewer),
    });
  });

  router.get('/export', async (req, res) => {
    const { viewer } = await reader(req);
    const query = parseInput(exportQuery, req.query, 'query');
    needsUser(query, viewer);
    await streamCsv(
      res,
      service.exportPages(query, viewer, EXPORT_MAX_ROWS),
      'platform-requests.csv',
    );
  });

  if (options.improvements) {
    router.use(
      createImprovementRouter({
        ...options.improvements,
        authorizer,
        httpAuth,
        auditor,
      }),
    );
  }

  router.use(auditRefusals(auditor, refusalTarget));

  return router;
}
