/*
 * The catalog import guard. Registering a location through the catalog API
 * (the "Register existing component" page, catalog:register in templates)
 * is open to everyone signed in, except when the location holds Users,
 * Groups or Templates: those bring in people, teams and golden paths, so
 * only the platform team may register them (the policy decides
 * `lodestar.catalog.import.platform-kinds`). The guard looks at what the
 * location holds with the catalog's own dry run, before the catalog's
 * route runs. The processor keeps the rule after registration.
 */
import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  coreServices,
  createBackendModule,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
  CatalogService,
} from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express, { NextFunction, Request, Response } from 'express';
import {
  catalogImportPlatformKindsPermission,
  isPlatformKind,
} from '@internal/plugin-catalog-lodestar-common';
import { PlatformKindsProcessor } from './PlatformKindsProcessor';
import { PlatformLocations } from './PlatformLocations';

type GuardOptions = {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  locations: PlatformLocations;
  logger: LoggerService;
};

export function createImportGuardRouter(options: GuardOptions) {
  const { httpAuth, auth, permissions, auditor, catalog, locations, logger } =
    options;

  /**
   * The User, Group and Template refs `target` would bring in, and whether
   * it is registered already.
   */
  async function dryRun(type: string, target: string) {
    const { entities, exists } = await catalog.addLocation(
      { type, target, dryRun: true },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const refs = entities
      .filter(entity => isPlatformKind(entity.kind))
      .map(entity => stringifyEntityRef(entity));
    return { refs, exists: Boolean(exists) };
  }

  async function mayRegisterPlatformKinds(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: catalogImportPlatformKindsPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  async function refuse(req: Request, target: string, reason: string) {
    const event = await auditor.createEvent({
      eventId: 'permission-denied',
      severityLevel: 'medium',
      request: req,
      meta: {
        action: 'register catalog location',
        permission: catalogImportPlatformKindsPermission.name,
        target,
      },
    });
    const error = new NotAllowedError(reason);
    await event.fail({ error });
    throw error;
  }

  async function guard(
    req: Request,
    res: Response,
    previousTarget: string | undefined,
  ) {
    const credentials = await httpAuth.credentials(req);
    // The guard's own dry runs.
    if (
      auth.isPrincipal(credentials, 'service') &&
      credentials.principal.subject === 'plugin:catalog'
    ) {
      return;
    }
    const { type = 'url', target } = req.body ?? {};
    // Malformed bodies are the catalog's to refuse, with its own message.
    if (typeof type !== 'string' || typeof target !== 'string') return;
    const platform = await mayRegisterPlatformKinds(credentials);
    const dryRunOnly = req.query.dryRun === 'true';
    const who = auth.isPrincipal(credentials, 'user')
      ? credentials.principal.userEntityRef
      : 'service';

    if (platform) {
      if (dryRunOnly || (await locations.registeredByPlatform(target))) return;
      // Before the catalog registers it, so its first processing passes;
      // taken back if the catalog refuses.
      await locations.add(target, who);
      res.on('finish', () => {
        if (res.statusCode >= 400) {
          locations.remove(target).catch(error => logger.warn(String(error)));
        }
      });
      return;
    }

    // Everyone else: only what holds no User, Group or Template.
    let found: { refs: string[]; exists: boolean };
    try {
      found = await dryRun(type, target);
    } catch {
      // Unreadable or invalid locations: the catalog's route says why.
      return;
    }
    if (found.refs.length) {
      await refuse(
        req,
        target,
        `only the platform team may register locations with Users, Groups or Templates; ${target} holds ${found.refs.join(
          ', ',
        )}`,
      );
    }
    if (
      previousTarget &&
      (await locations.registeredByPlatform(previousTarget))
    ) {
      await refuse(
        req,
        previousTarget,
        `only the platform team may change a location it registered (${previousTarget})`,
      );
    }
    if (dryRunOnly || found.exists) return;
    // A new registration of a target the platform team once registered (and
    // removed) does not inherit its approval.
    res.on('finish', () => {
      if (res.statusCode < 400) {
        locations.remove(target).catch(error => logger.warn(String(error)));
      }
    });
  }

  const router = express.Router();
  const body = express.json({ limit: '1mb' });
  const wrap =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction) =>
      handler(req, res).then(() => next(), next);

  router.post(
    '/locations',
    body,
    wrap((req, res) => guard(req, res, undefined)),
  );
  router.put(
    '/locations/:id',
    body,
    wrap(async (req, res) => {
      const existing = await catalog
        .getLocationById(req.params.id, {
          credentials: await auth.getOwnServiceCredentials(),
        })
        .catch(() => undefined);
      await guard(req, res, existing?.target);
    }),
  );
  return router;
}

export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'lodestar-import-guard',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        database: coreServices.database,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ httpRouter, database, processing, ...services }) {
        const locations = new PlatformLocations(await database.getClient());
        processing.addProcessor(new PlatformKindsProcessor(locations));
        httpRouter.use(createImportGuardRouter({ ...services, locations }));
      },
    });
  },
});
