/*
 * A real backend for the tests: this plugin, the permission backend with
 * Lodestar's own policy, a real database (SQLite or PostgreSQL), and test
 * doubles only for what is not under test — sign-in (mock tokens, with team
 * memberships in the user info), the catalog, notifications and the auditor.
 * Requests go over real HTTP.
 */
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  ExtensionPoint,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  collectedNotifications,
  membershipUserInfo,
} from '@internal/plugin-platform-node/testUtils';
import { Knex } from 'knex';
// The real permission backend.
import permissionBackend from '@backstage/plugin-permission-backend';
import { platformRequestsPlugin } from '../plugin';

// Lodestar's own policy: these tests run it for real.
import lodestarPolicyModule from '@internal/plugin-permission-backend-module-lodestar-policy';

export const TEAMS = {
  platform: 'group:default/platform-team',
  checkout: 'group:default/checkout-team',
  payments: 'group:default/payments-team',
} as const;

export const USERS = {
  /** Platform team. */
  priya: 'user:default/priya.nair',
  /** Platform team too. */
  omar: 'user:default/omar.haddad',
  sam: 'user:default/sam.rivera',
  alex: 'user:default/alex.kim',
  jo: 'user:default/jo.lee',
  /** In no team at all. */
  lonely: 'user:default/lonely',
} as const;

const MEMBERSHIP: Record<string, string[]> = {
  [USERS.priya]: [TEAMS.platform],
  [USERS.omar]: [TEAMS.platform],
  [USERS.sam]: [TEAMS.checkout],
  [USERS.alex]: [TEAMS.checkout],
  [USERS.jo]: [TEAMS.payments],
  [USERS.lonely]: [],
};

function catalogEntities(): Entity[] {
  const groups = Object.values(TEAMS).map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { type: 'team', children: [] },
  }));
  const users = Object.entries(MEMBERSHIP).map(([ref, teams]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: teams.map(t => t.split('/')[1]) },
    relations: teams.map(t => ({ type: 'memberOf', targetRef: t })),
  }));
  return [...groups, ...users];
}

/**
 * Mock sign-in, with two production behaviours the plain mock lacks: no
 * credentials means anonymous, and a token a plugin obtained on a user's
 * behalf names a service as the actor (the permission backend refuses
 * conditional queries from users calling it directly, i.e. without one).
 */
const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    const onBehalfOfUser = (req: { headers: Record<string, unknown> }) => {
      const header = String(req.headers.authorization ?? '');
      const prefix = 'Bearer mock-service-token:';
      if (!header.startsWith(prefix)) return false;
      return Boolean(JSON.parse(header.slice(prefix.length)).obo);
    };
    const service: HttpAuthService = {
      async credentials(req: any, options?: any) {
        const credentials: any = await inner.credentials(req, options);
        if (credentials.principal.type !== 'user' || !onBehalfOfUser(req)) {
          return credentials;
        }
        return {
          ...credentials,
          principal: {
            ...credentials.principal,
            actor: { type: 'service', subject: 'plugin:mock' },
          },
        };
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
    return service;
  },
});

type JsonObject = { [key: string]: any };

export type Caller = string | 'service' | 'anonymous';

export type ApiResponse = {
  status: number;
  headers: Headers;
  body: any;
  text: string;
};

export type Audit = { options: JsonObject; outcome?: 'success' | 'fail' };

export async function startRequestsBackend(
  knex: Knex,
  options: {
    config?: JsonObject;
    features?: BackendFeature[];
    extensionPoints?: Array<readonly [ExtensionPoint<any>, any]>;
  } = {},
) {
  const events: EventParams[] = [];
  const notifications: NotificationSendOptions[] = [];
  const audits: Audit[] = [];

  const backend = await startTestBackend({
    extensionPoints: options.extensionPoints as any,
    features: [
      ...(options.features ?? []),
      platformRequestsPlugin,
      permissionBackend,
      lodestarPolicyModule,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          lodestar: { platformTeam: TEAMS.platform },
          ...options.config,
        },
      }),
      httpAuthFactory,
      membershipUserInfo(MEMBERSHIP),
      catalogServiceMock.factory({ entities: catalogEntities() }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => ({
          async publish(params: EventParams) {
            events.push(params);
          },
          async subscribe() {},
        }),
      }),
      collectedNotifications(notifications),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () => ({
          async createEvent(auditOptions) {
            const audit: Audit = {
              options: {
                eventId: auditOptions.eventId,
                severityLevel: auditOptions.severityLevel ?? null,
                meta: auditOptions.meta ?? {},
              },
            };
            audits.push(audit);
            return {
              async success() {
                audit.outcome = 'success';
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

  const baseUrl = `http://localhost:${backend.server.port()}/api/platform-requests`;

  async function call(
    method: string,
    path: string,
    as: Caller,
    init: {
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (as === 'service')
      headers.Authorization = mockCredentials.service.header();
    else if (as !== 'anonymous') {
      headers.Authorization = mockCredentials.user.header(as);
    }
    let body: string | undefined = init.rawBody;
    if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body,
    });
    // Keep a byte order mark, if any: the CSV export sends one.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await response.arrayBuffer(),
    );
    let parsed: any = text;
    if (response.headers.get('content-type')?.includes('application/json')) {
      parsed = JSON.parse(text);
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parsed,
      text,
    };
  }

  /** Calls the API as `as` (a user ref, 'service' or 'anonymous'). */
  function api(as: Caller) {
    return {
      get: (path: string, headers?: Record<string, string>) =>
        call('GET', path, as, { headers }),
      post: (path: string, body?: unknown, headers?: Record<string, string>) =>
        call('POST', path, as, { body, headers }),
      patch: (path: string, body?: unknown, headers?: Record<string, string>) =>
        call('PATCH', path, as, { body, headers }),
      put: (path: string, body?: unknown) => call('PUT', path, as, { body }),
      delete: (path: string) => call('DELETE', path, as),
      raw: (method: string, path: string, rawBody: string) =>
        call(method, path, as, { rawBody }),
    };
  }

  /** Files a request as `as`; fails the test unless it is created. */
  async function file(as: string, overrides: Record<string, unknown> = {}) {
    const res = await api(as).post('/requests', {
      title: 'Flaky integration environment',
      description: 'Deploys to the integration environment fail weekly.',
      category: 'pain-point',
      urgency: 'medium',
      impact: { peopleAffected: 12, hoursLostPerWeek: 6 },
      ...overrides,
    });
    if (res.status !== 201) {
      throw new Error(`file failed: ${res.status} ${res.text}`);
    }
    return res.body;
  }

  /** Moves a request along as the platform team. */
  async function move(key: string, to: string, extra: object = {}) {
    const res = await api(USERS.priya).post(`/requests/${key}/transitions`, {
      to,
      ...extra,
    });
    if (res.status !== 200) {
      throw new Error(`move to ${to} failed: ${res.status} ${res.text}`);
    }
    return res.body;
  }

  return { backend, baseUrl, api, file, move, events, notifications, audits };
}

export type RequestsBackend = Awaited<ReturnType<typeof startRequestsBackend>>;
