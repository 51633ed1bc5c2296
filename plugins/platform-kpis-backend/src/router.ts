/*
 * The REST API under /api/platform-kpis. POST /events is for CI systems
 * (service principals whose static token is restricted to ingestion); the
 * read endpoints are for everyone signed in. HTTP only: the queries and the
 * ingestion service do the work.
 */
import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  adoptionQuerySchema,
  catalogHealthQuerySchema,
  doraQuerySchema,
  flowQuerySchema,
  impactQuerySchema,
  ImpactQuery,
  platformKpisIngestPermission,
  platformKpisReadPermission,
  platformKpisUnmatchedReadPermission,
  recentEventsQuerySchema,
  INGEST_LIMITS,
  UnmatchedSource,
} from '@internal/plugin-platform-kpis-common';
import {
  auditRefusals,
  permissionRefused,
  bodyTooLarge as tooLarge,
  jsonBody,
  parseInput,
  rawBody,
} from '@internal/plugin-platform-node';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { RejectedEventsError } from './errors';
import { renderRejectedEvents } from './http/rejectedEvents';
import { KpiQueries } from './queries/KpiQueries';
import { INGEST_TOKEN_HINT } from './refusals';
import {
  adoptionWithRatings,
  GoldenPathRatingsReader,
} from './service/GoldenPathRatings';
import { IngestService } from './service/IngestService';
import { statusCodeOf, WebhookService } from './service/WebhookService';

export type RouterOptions = {
  ingest: IngestService;
  queries: KpiQueries;
  /** The ratings after golden-path runs, from the surveys plugin. */
  readRatings: GoldenPathRatingsReader;
  webhooks: WebhookService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
};

/** What the ingest route's first step leaves for the next (res.locals). */
type IngestLocals = {
  credentials: BackstageCredentials<BackstageServicePrincipal>;
};

/*
 * Bodies up to INGEST_LIMITS.bodyBytes (1 MB), for POST /events (JSON) and
 * the webhooks (raw bytes: signatures are over the bytes as sent; GitHub
 * puts at most 20 commits in a push, far below the limit).
 */
const ingestBody = jsonBody(INGEST_LIMITS.bodyBytes);
const webhookBody = rawBody(INGEST_LIMITS.bodyBytes);
const bodyTooLarge = tooLarge(
  `request body is larger than ${INGEST_LIMITS.bodyBytes} bytes (1 MB); send smaller batches or deliveries`,
);

/** A refusal's action is the route; its target the plugin's route. */
function refusalTarget(req: Request) {
  return {
    action: `${req.method} ${req.path}`,
    target: `platform-kpis${req.path}`,
  };
}

export function createRouter(options: RouterOptions): express.Router {
  const { ingest, queries, readRatings, webhooks, httpAuth } = options;
  const { permissions, auditor } = options;
  const router = Router();

  async function reader(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: platformKpisReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw permissionRefused(
        credentials,
        platformKpisReadPermission,
        'read KPIs',
      );
    }
    return credentials;
  }

  /**
   * Only a service principal whose access restrictions name the ingest
   * permission: a CI token. Users get 403, and so do plugin tokens and
   * external tokens meant for something else.
   */
  async function ingester(req: Request) {
    const caller = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (caller.principal.type === 'user') {
      throw new NotAllowedError(
        `people do not ingest KPI events, CI systems do: ${INGEST_TOKEN_HINT}`,
      );
    }
    const credentials =
      caller as BackstageCredentials<BackstageServicePrincipal>;
    const restricted = restrictedToIngest(credentials);
    const [decision] = await permissions.authorize(
      [{ permission: platformKpisIngestPermission }],
      { credentials },
    );
    if (!restricted || decision.result !== AuthorizeResult.ALLOW) {
      const audit = await auditor.createEvent({
        eventId: 'kpi-events-ingest',
        severityLevel: 'medium',
        request: req,
        meta: { subject: credentials.principal.subject },
      });
      await audit.fail({
        error: new NotAllowedError('token not restricted to KPI ingestion'),
      });
      throw new NotAllowedError(
        `this token may not ingest KPI events: ${INGEST_TOKEN_HINT}`,
      );
    }
    return credentials;
  }

  router.post(
    '/events',
    async (
      req: Request,
      res: Response<unknown, IngestLocals>,
      next: NextFunction,
    ) => {
      // Who is asking, before reading up to a megabyte from them.
      res.locals.credentials = await ingester(req);
      next();
    },
    ingestBody,
    bodyTooLarge,
    async (req: Request, res: Response<unknown, IngestLocals>) => {
      const audit = await auditor.createEvent({
        eventId: 'kpi-events-ingest',
        severityLevel: 'low',
        request: req,
        meta: { subject: res.locals.credentials.principal.subject },
      });
      let outcome;
      try {
        outcome = await ingest.ingest(req.body);
      } catch (error) {
        await audit.fail({ error: error as Error });
        throw error;
      }
      await audit.success({
        meta: {
          accepted: outcome.accepted,
          duplicates: outcome.duplicates,
          rejected: outcome.rejected,
        },
      });
      if (outcome.rejected > 0) {
        const first = outcome.results.find(r => r.status === 'rejected');
        const more =
          outcome.rejected > 1 ? ` (and ${outcome.rejected - 1} more)` : '';
        throw new RejectedEventsError(
          `${first?.error}${more}`,
          outcome.results,
        );
      }
      res.status(200).json({ results: outcome.results });
    },
  );

  // Unauthenticated for Backstage (plugin.ts adds the auth policy): the
  // caller is GitHub, GitLab or PagerDuty, and the signature is checked
  // before anything is parsed or stored.
  router.post(
    '/webhooks/:source',
    (req: Request, _res: Response, next: NextFunction) => {
      // Unknown or unconfigured source: refused before the body is read.
      webhooks.sourceFor(req.params.source);
      next();
    },
    webhookBody,
    bodyTooLarge,
    async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // Every delivery leaves an auditor event: a refused signature is
      // someone knocking; an accepted one names what it did.
      const audit = await auditor.createEvent({
        eventId: 'kpi-webhook-delivery',
        severityLevel: 'low',
        request: req,
        meta: { source: req.params.source },
      });
      let answer;
      try {
        answer = await webhooks.receive(req.params.source, req.headers, raw);
      } catch (error) {
        await audit.fail({ error: error as Error });
        throw error;
      }
      await audit.success({ meta: { status: answer.status } });
      res.status(statusCodeOf(answer)).json(answer);
    },
  );

  router.get('/webhooks/unmatched', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: platformKpisUnmatchedReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'only the platform team may see unmatched webhook sources',
      );
    }
    const items: UnmatchedSource[] = (await webhooks.unmatched()).map(u => ({
      source: u.source,
      annotation: u.annotation,
      name: u.value,
      count: u.count,
      firstSeen: new Date(u.firstSeen).toISOString(),
      lastSeen: new Date(u.lastSeen).toISOString(),
    }));
    res.json({ items });
  });

  router.get('/dora', async (req, res) => {
    await reader(req);
    const query = parseInput(doraQuerySchema, req.query, 'query');
    res.json(await queries.dora(query));
  });

  router.get('/flow', async (req, res) => {
    await reader(req);
    const query = parseInput(flowQuerySchema, req.query, 'query');
    res.json(await queries.flow(query));
  });

  router.get('/adoption', async (req, res) => {
    const credentials = await reader(req);
    const query = parseInput(adoptionQuerySchema, req.query, 'query');
    res.json(
      await adoptionWithRatings(queries, readRatings, query, credentials),
    );
  });

  router.get('/catalog-health', async (req, res) => {
    await reader(req);
    const query = parseInput(catalogHealthQuerySchema, req.query, 'query');
    res.json(await queries.catalogHealth(query));
  });

  // The measured effect of a shipped improvement (docs/kpis.md, "Impact").
  router.get('/impact', async (req, res) => {
    const credentials = await reader(req);
    const query = parseInput(impactQuerySchema, req.query, 'query');
    res.json(await queries.impact(query as ImpactQuery, credentials));
  });

  router.get('/events', async (req, res) => {
    await reader(req);
    const query = parseInput(recentEventsQuerySchema, req.query, 'query');
    res.json(await queries.recentEvents(query));
  });

  router.use(auditRefusals(auditor, refusalTarget));
  router.use(renderRejectedEvents);

  return router;
}

function restrictedToIngest(credentials: BackstageCredentials): boolean {
  const principal = credentials.principal as BackstageServicePrincipal;
  return (
    principal.accessRestrictions?.permissionNames?.includes(
      platformKpisIngestPermission.name,
    ) ?? false
  );
}
