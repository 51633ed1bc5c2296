/*
 * A real backend for the tests: this plugin, the permission backend with
 * Lodestar's own policy and a real database (SQLite or PostgreSQL). Test
 * doubles only for sign-in and the catalog. Sign-in: mock user tokens, and
 * static CI tokens resolved the way backend.auth.externalAccess does (a
 * service principal carrying its access restrictions).
 */
import {
  BackendFeature,
  BackstageCredentials,
  coreServices,
  createBackendModule,
  createServiceFactory,
  HttpAuthService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { Knex } from 'knex';
import { platformKpisPlugin } from '../plugin';
import lodestarPolicyModule from '@internal/plugin-permission-backend-module-lodestar-policy';

export const TEAMS = {
  checkout: 'group:default/checkout-team',
  payments: 'group:default/payments-team',
  platform: 'group:default/platform-team',
} as const;

/** A member of the platform team (lodestar.platformTeam below). */
export const PLATFORM_USER = 'user:default/pat.platform';

/** Sign-in's user info: the platform user belongs to the platform team. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs:
          userEntityRef === PLATFORM_USER
            ? [userEntityRef, TEAMS.platform]
            : [userEntityRef],
      };
    },
  }),
});

export const SERVICES = {
  checkoutApi: 'component:default/checkout-api',
  cartService: 'component:default/cart-service',
  paymentGateway: 'component:default/payment-gateway',
} as const;

/** Static tokens as externalAccess would configure them. */
export const TOKENS = {
  ingest: 'ci-token-github-actions',
  /** A CI token restricted to something else. */
  otherPermission: 'ci-token-for-catalog-reads',
} as const;

export function entities(): Entity[] {
  const group = (name: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  });
  return [
    group('checkout-team'),
    group('payments-team'),
    component('checkout-api', TEAMS.checkout),
    component('cart-service', TEAMS.checkout),
    component('payment-gateway', TEAMS.payments),
  ];
}

export function component(
  name: string,
  team: string,
  extra: object = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...extra },
    spec: { type: 'service', lifecycle: 'production', owner: team },
    relations: [{ type: 'ownedBy', targetRef: team }],
  };
}

/**
 * The in-memory catalog, rebuilt from `catalog.entities` at every call, so a
 * test can change the catalog (a component gains an annotation) while the
 * backend runs.
 */
function mutableCatalog(catalog: { entities: Entity[] }) {
  const current = () => catalogServiceMock({ entities: catalog.entities });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => {
      const service = catalogServiceMock();
      service.getEntities = (...a) => current().getEntities(...a);
      service.getEntitiesByRefs = (...a) => current().getEntitiesByRefs(...a);
      service.getEntityByRef = (...a) => current().getEntityByRef(...a);
      service.queryEntities = (...a) => current().queryEntities(...a);
      return service;
    },
  });
}

/**
 * A plugin's token on behalf of a user (the scaffolder asking the permission
 * backend about a person's template run) names the calling plugin as the
 * actor, as Backstage's do; the mock's leave it out, and the permission
 * backend refuses such "direct" user requests for resource permissions.
 */
function onBehalfOf(token: string): BackstageCredentials | undefined {
  const prefix = 'mock-service-token:';
  if (!token.startsWith(prefix)) return undefined;
  const { obo } = JSON.parse(token.slice(prefix.length));
  return obo
    ? mockCredentials.user(obo, { actor: { subject: 'plugin' } })
    : undefined;
}

const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    const staticTokens: Record<string, BackstageCredentials> = {
      [TOKENS.ingest]: mockCredentials.service('external:github-actions', {
        permissionNames: ['platform-kpis.events.ingest'],
      }),
      [TOKENS.otherPermission]: mockCredentials.service('external:reader', {
        permissionNames: ['catalog.entity.read'],
      }),
    };
    const service: HttpAuthService = {
      async credentials(req: any, options?: any) {
        const header = String(req.headers.authorization ?? '');
        const token = header.replace(/^Bearer /, '');
        const obo = onBehalfOf(token);
        if (obo && (options?.allow ?? ['user']).includes('user')) {
          return obo as any;
        }
        const credentials = staticTokens[token];
        if (!credentials) return inner.credentials(req, options);
        const allow: string[] | undefined = options?.allow;
        if (allow && !allow.includes('service')) {
          throw new NotAllowedError(
            `This endpoint does not allow 'service' credentials`,
          );
        }
        return credentials as any;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
    return service;
  },
});

/**
 * Every plugin's database is `knex`, except those `own` names: another
 * plugin's migrations must not share this plugin's knex_migrations table.
 */
function databases(knex: Knex, own: Record<string, Knex>) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) =>
      mockServices.database({ knex: own[plugin.getId()] ?? knex }),
  });
}

export async function startKpisBackend(
  knex: Knex,
  setup: {
    config?: object;
    /** More plugins in the same backend (the real scaffolder). */
    features?: BackendFeature[];
    /** Their own databases, by plugin id. */
    databases?: Record<string, Knex>;
  } = {},
) {
  const catalog = { entities: entities() };
  const tasks: { scheduler?: SchedulerService } = {};
  const audits: Array<{ eventId: string; outcome?: string; meta?: object }> =
    [];
  const backend = await startTestBackend({
    features: [
      platformKpisPlugin,
      permissionBackend,
      lodestarPolicyModule,
      databases(knex, setup.databases ?? {}),
      ...(setup.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          lodestar: { platformTeam: TEAMS.platform },
          ...setup.config,
        },
      }),
      httpAuthFactory,
      userInfoFactory,
      mutableCatalog(catalog),
      // Tasks run only when a test triggers them.
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      createBackendModule({
        pluginId: 'platform-kpis',
        moduleId: 'test-tasks',
        register(env) {
          env.registerInit({
            deps: { scheduler: coreServices.scheduler },
            async init({ scheduler }) {
              tasks.scheduler = scheduler;
            },
          });
        },
      }),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () => ({
          async createEvent(options) {
            const audit: (typeof audits)[number] = {
              eventId: options.eventId,
              meta: options.meta,
            };
            audits.push(audit);
            return {
              async success(o?: { meta?: object }) {
                audit.outcome = 'success';
                audit.meta = { ...audit.meta, ...o?.meta };
              },
              async fail() {
                audit.outcome = 'fail';
              },
            };
          },
        }),
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api/platform-kpis`;

  async function call(
    method: string,
    path: string,
    authorization?: string,
    body?: string | Buffer,
    extraHeaders: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = {};
    if (authorization) headers.Authorization = authorization;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, extraHeaders);
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body,
    });
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed, text };
  }

  return {
    backend,
    audits,
    /** Change it to change the catalog the backend sees. */
    catalog,
    /** Runs a scheduled task (a collector) now and waits for it. */
    runTask: (id: string) => tasks.scheduler!.triggerTask(id),
    /** POST /webhooks/<source> without a Backstage token, as GitHub does. */
    webhook: (
      source: string,
      body: string | Buffer,
      headers: Record<string, string>,
    ) => call('POST', `/webhooks/${source}`, undefined, body, headers),
    /** POST /events with the CI token (or another Authorization). */
    ingest: (events: unknown, authorization = `Bearer ${TOKENS.ingest}`) =>
      call('POST', '/events', authorization, JSON.stringify({ events })),
    postRaw: (body: string, authorization = `Bearer ${TOKENS.ingest}`) =>
      call('POST', '/events', authorization, body),
    get: (path: string, as: string | 'anonymous' = 'user:default/sam.rivera') =>
      call(
        'GET',
        path,
        as === 'anonymous' ? undefined : mockCredentials.user.header(as),
      ),
    getWith: (path: string, authorization: string) =>
      call('GET', path, authorization),
  };
}

export type KpisBackend = Awaited<ReturnType<typeof startKpisBackend>>;
