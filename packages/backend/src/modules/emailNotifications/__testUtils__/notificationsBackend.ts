/*
 * What the email tests share: the real notifications backend with a catalog
 * of people who have email addresses, and helpers to send and read
 * notifications over HTTP as a service and as a person.
 */
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import { Knex } from 'knex';

export const BASE_URL = 'https://portal.example.test';
export const SENDER = 'Lodestar <lodestar@example.test>';

export const PEOPLE = {
  sam: 'user:default/sam.rivera',
  alex: 'user:default/alex.kim',
  priya: 'user:default/priya.nair',
  omar: 'user:default/omar.haddad',
  /** No email in the catalog. */
  ghost: 'user:default/ghost',
} as const;
export const PLATFORM_TEAM = 'group:default/platform-team';

export const emailOf = (ref: string) =>
  `${ref.split('/')[1]}@example.test`.replace('ghost@example.test', '');

function entities(): Entity[] {
  const members = [PEOPLE.priya, PEOPLE.omar];
  const users = Object.values(PEOPLE).map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: {
      profile: emailOf(ref) ? { email: emailOf(ref) } : {},
      memberOf: members.includes(ref as any) ? ['platform-team'] : [],
    },
    relations: members.includes(ref as any)
      ? [{ type: 'memberOf', targetRef: PLATFORM_TEAM }]
      : [],
  }));
  const group = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: members.map(targetRef => ({ type: 'hasMember', targetRef })),
  };
  return [...users, group];
}

export type EmailConfig = {
  transportConfig: { [key: string]: string | number | boolean };
  sender: string;
};

export function smtpConfig(port: number): EmailConfig {
  return {
    transportConfig: {
      transport: 'smtp',
      hostname: '127.0.0.1',
      port,
    },
    sender: SENDER,
  };
}

export async function startNotificationsBackend(options: {
  knex: Knex;
  features: BackendFeature[];
  email?: EmailConfig;
}) {
  const backend = await startTestBackend({
    features: [
      notificationsBackend,
      ...options.features,
      catalogServiceMock.factory({ entities: entities() }),
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: BASE_URL },
          ...(options.email
            ? { notifications: { processors: { email: options.email } } }
            : {}),
        },
      }),
    ],
  });
  const api = `http://localhost:${backend.server.port()}/api/notifications`;

  /** Sends as a backend plugin would; resolves once the backend answered. */
  async function send(body: {
    recipients: { type: 'entity'; entityRef: string | string[] };
    payload: Record<string, unknown>;
  }) {
    const res = await fetch(`${api}/notifications`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.service.header(),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`send: ${res.status} ${await res.text()}`);
    return res.json();
  }

  async function asUser(user: string, path: string, body?: unknown) {
    const res = await fetch(`${api}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Authorization: mockCredentials.user.header(user),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  return { backend, send, asUser };
}

/** The origin the notifications backend records for mock service tokens. */
export const TEST_ORIGIN = 'external:test-service';
