/*
 * A real backend for the tests: this plugin, the permission backend with
 * Lodestar's own policy, a real database (SQLite or PostgreSQL), and test
 * doubles only for sign-in (mock tokens, with team memberships in the user
 * info), the catalog, notifications and the auditor. Requests go over real
 * HTTP. Demo backdating is on, so a test answers a round "at" a time inside
 * its window with the x-lodestar-demo-at header and reads results now.
 */
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import permissionBackend from '@backstage/plugin-permission-backend';
import lodestarPolicyModule from '@internal/plugin-permission-backend-module-lodestar-policy';
import { DEMO_AT_HEADER } from '@internal/plugin-platform-node';
import {
  collectedNotifications,
  membershipUserInfo,
} from '@internal/plugin-platform-node/testUtils';
import { Knex } from 'knex';
import { platformSurveysPlugin } from '../plugin';

export const TEAMS = {
  platform: 'group:default/platform-team',
  checkout: 'group:default/checkout-team',
  search: 'group:default/search-team',
  payments: 'group:default/payments-team',
  data: 'group:default/data-team',
} as const;

export const RESPONDENT_KEY = 'test-respondent-key-of-at-least-32-characters';

/** `<team>-<i>` people: checkout 8, search 6, payments 4, data 2. */
const SIZES: Array<[keyof typeof TEAMS, number]> = [
  ['platform', 2],
  ['checkout', 8],
  ['search', 6],
  ['payments', 4],
  ['data', 2],
];

export const MEMBERSHIP: Record<string, string[]> = {
  'user:default/lonely': [],
};
for (const [team, size] of SIZES) {
  for (let i = 1; i <= size; i++) {
    MEMBERSHIP[`user:default/${team}-${i}`] = [TEAMS[team]];
  }
}

/** The people of a team, e.g. people('checkout', 6). */
export function people(team: keyof typeof TEAMS, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `user:default/${team}-${i + 1}`,
  );
}

export const PRIYA = 'user:default/platform-1';

/** The teams the catalog knows by name (the others it does not know). */
const CATALOG_GROUPS = [
  ['checkout-team', 'Checkout Team'],
  ['payments-team', 'Payments Team'],
].map(([name, displayName]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', profile: { displayName }, children: [] },
}));

export type Caller = string | 'service' | 'anonymous';

export async function startSurveysBackend(
  knex: Knex,
  config: Record<string, unknown> = {},
  features: BackendFeature[] = [],
) {
  const notifications: NotificationSendOptions[] = [];
  const audits: Array<{ eventId: string; meta: unknown }> = [];
  const backend = await startTestBackend({
    features: [
      ...features,
      platformSurveysPlugin,
      permissionBackend,
      lodestarPolicyModule,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          lodestar: {
            platformTeam: TEAMS.platform,
            demo: { backdating: true },
          },
          platformSurveys: { respondentKey: RESPONDENT_KEY },
          ...config,
        },
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      membershipUserInfo(MEMBERSHIP),
      catalogServiceMock.factory({ entities: CATALOG_GROUPS }),
      collectedNotifications(notifications),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () => ({
          async createEvent(options) {
            const audit = { eventId: options.eventId, meta: options.meta };
            return {
              async success() {},
              async fail() {
                audits.push(audit);
              },
            };
          },
        }),
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api/platform-surveys`;

  async function call(
    method: string,
    path: string,
    as: Caller,
    body?: unknown,
    at?: string,
  ) {
    const headers: Record<string, string> = {};
    if (as === 'service')
      headers.Authorization = mockCredentials.service.header();
    else if (as !== 'anonymous') {
      headers.Authorization = mockCredentials.user.header(as);
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (at) headers[DEMO_AT_HEADER] = at;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers
      .get('content-type')
      ?.includes('application/json');
    return {
      status: response.status,
      headers: response.headers,
      body: json ? JSON.parse(text) : text,
      text,
    };
  }

  function api(as: Caller, at?: string) {
    return {
      get: (path: string) => call('GET', path, as, undefined, at),
      post: (path: string, body?: unknown) => call('POST', path, as, body, at),
      put: (path: string, body?: unknown) => call('PUT', path, as, body, at),
    };
  }

  return { backend, baseUrl, api, notifications, audits };
}
