/*
 * A real backend for the tests: this plugin, the permission backend with
 * Lodestar's own policy and a real database (SQLite or PostgreSQL). Test
 * doubles only for sign-in and the catalog. Sign-in: mock user tokens, and
 * static CI tokens resolved the way backend.auth.externalAccess does (a
 * service principal carrying its access restrictions).
 */
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { Knex } from 'knex';
import { platformKpisPlugin } from '../plugin';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import lodestarPolicyModule from '../../../../packages/backend/src/modules/permissionPolicy';

export const TEAMS = {
  checkout: 'group:default/checkout-team',
  payments: 'group:default/payments-team',
} as const;

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

function entities(): Entity[] {
  const group = (name: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  });
  const component = (
    name: string,
    team: string,
    extra: object = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...extra },
    spec: { type: 'service', lifecycle: 'production', owner: team },
    relations: [{ type: 'ownedBy', targetRef: team }],
  });
  return [
    group('checkout-team'),
    group('payments-team'),
    component('checkout-api', TEAMS.checkout),
    component('cart-service', TEAMS.checkout),
    component('payment-gateway', TEAMS.payments),
  ];
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

export async function startKpisBackend(knex: Knex) {
  const audits: Array<{ eventId: string; outcome?: string; meta?: object }> =
    [];
  const backend = await startTestBackend({
    features: [
      platformKpisPlugin,
      permissionBackend,
      lodestarPolicyModule,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true } },
      }),
      httpAuthFactory,
      catalogServiceMock.factory({ entities: entities() }),
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
    body?: string,
  ) {
    const headers: Record<string, string> = {};
    if (authorization) headers.Authorization = authorization;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
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
