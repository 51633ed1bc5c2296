/*
 * The improvements API under /api/platform-requests/improvements. HTTP
 * only, like router.ts: parse with the common schemas, decide permissions
 * (everyone reads; the platform team creates, edits, moves and ships), take
 * the write's time from the request clock, call the service. GET /effort
 * (where the platform team's effort goes) lives here as it reads both. Changes are
 * audited (`improvement-change`), refused ones included.
 */
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, toError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  createImprovementSchema,
  effortQuerySchema,
  improvementCreatePermission,
  improvementKeySchema,
  improvementListQuerySchema,
  improvementReadPermission,
  improvementShipPermission,
  improvementTransitionSchema,
  improvementUpdatePermission,
  platformRequestReadPermission,
  shipImprovementSchema,
  updateImprovementSchema,
} from '@internal/plugin-platform-requests-common';
import {
  parseInput,
  PermissionRefusedError,
  RequestClock,
} from '@internal/plugin-platform-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { readIfMatch, setETag } from './http/preconditions';
import { ONLY_PEOPLE_CHANGE } from './permissions/onlyPeople';
import { RequestAuthorizer } from './permissions/RequestAuthorizer';
import { ImprovementService } from './service/ImprovementService';

export type ImprovementRouterOptions = {
  improvements: ImprovementService;
  authorizer: RequestAuthorizer;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  clock: RequestClock;
};

const idParams = z.object({ id: improvementKeySchema });

export function createImprovementRouter(
  options: ImprovementRouterOptions,
): express.Router {
  const { improvements, authorizer, httpAuth, auditor, clock } = options;
  const router = Router();

  async function reader(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizer.require(
      credentials,
      improvementReadPermission,
      'read improvements',
    );
  }

  /** A person on the platform team, for every change. */
  async function platformEngineer(
    req: Request,
    permission: BasicPermission,
    what: string,
  ): Promise<string> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type !== 'user') {
      throw new NotAllowedError(
        `${ONLY_PEOPLE_CHANGE}; a service token may only read improvements`,
      );
    }
    const person = credentials as BackstageCredentials<BackstageUserPrincipal>;
    if (!(await authorizer.allowed(person, permission))) {
      throw new PermissionRefusedError(
        permission.name,
        `only the platform team may ${what}`,
      );
    }
    return person.principal.userEntityRef;
  }

  function idOf(req: Request): string {
    return parseInput(idParams, req.params, 'path').id;
  }

  async function audited<T>(
    req: Request,
    meta: Record<string, string | null>,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId: 'improvement-change',
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

  // Aggregates over every request and improvement: the caller must be
  // allowed to read both (request read is all-or-nothing, as for the list).
  router.get('/effort', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorizer.require(
      credentials,
      platformRequestReadPermission,
      'read platform requests',
    );
    await authorizer.require(
      credentials,
      improvementReadPermission,
      'read improvements',
    );
    const query = parseInput(effortQuerySchema, req.query, 'query');
    res.json(await improvements.effort(query, clock(req)));
  });

  router.get('/improvements', async (req, res) => {
    await reader(req);
    const query = parseInput(improvementListQuerySchema, req.query, 'query');
    res.json(await improvements.list(query));
  });

  router.post('/improvements', async (req, res) => {
    const created = await audited(
      req,
      { action: 'create', id: null },
      async () => {
        const actor = await platformEngineer(
          req,
          improvementCreatePermission,
          'create improvements',
        );
        const input = parseInput(createImprovementSchema, req.body, 'body');
        return improvements.create(input, actor, clock(req));
      },
    );
    setETag(res, created.version);
    res.status(201).json(created);
  });

  router.get('/improvements/:id', async (req, res) => {
    await reader(req);
    const improvement = await improvements.get(idOf(req));
    setETag(res, improvement.version);
    res.json(improvement);
  });

  router.patch('/improvements/:id', async (req, res) => {
    const id = idOf(req);
    const updated = await audited(req, { action: 'edit', id }, async () => {
      const actor = await platformEngineer(
        req,
        improvementUpdatePermission,
        'edit improvements',
      );
      const input = parseInput(updateImprovementSchema, req.body, 'body');
      const expectedVersion = readIfMatch(req, true);
      return improvements.edit(id, input, expectedVersion, actor, clock(req));
    });
    setETag(res, updated.version);
    res.json(updated);
  });

  router.post('/improvements/:id/transitions', async (req, res) => {
    const id = idOf(req);
    const updated = await audited(
      req,
      { action: 'transition', id, to: String(req.body?.to ?? '') },
      async () => {
        const actor = await platformEngineer(
          req,
          improvementUpdatePermission,
          'change the status of improvements',
        );
        const input = parseInput(improvementTransitionSchema, req.body, 'body');
        const expectedVersion = readIfMatch(req, false);
        return improvements.transition(
          id,
          input,
          expectedVersion,
          actor,
          clock(req),
        );
      },
    );
    setETag(res, updated.version);
    res.json(updated);
  });

  router.post('/improvements/:id/ship', async (req, res) => {
    const id = idOf(req);
    const shipped = await audited(req, { action: 'ship', id }, async () => {
      const actor = await platformEngineer(
        req,
        improvementShipPermission,
        'ship improvements',
      );
      const input = parseInput(shipImprovementSchema, req.body ?? {}, 'body');
      const expectedVersion = readIfMatch(req, false);
      return improvements.ship(
        id,
        { comment: input.comment, expectedVersion },
        actor,
        clock(req),
      );
    });
    setETag(res, shipped.version);
    res.json(shipped);
  });

  return router;
}
