/*
 * Test data and a fake PlatformRequestsApi for the component tests: the
 * tests are about the UI, so the API is a jest-mocked object, not HTTP.
 */
import { ResponseError } from '@backstage/errors';
import {
  DEFAULT_CATEGORIES,
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SLA_TARGETS,
  Improvement,
  PlatformRequest,
  URGENCIES,
} from '@internal/plugin-platform-requests-common';
import {
  ImprovementsApi,
  PlatformRequestsApi,
  PlatformRequestsConfig,
} from '../api';

export const SAM = 'user:default/sam.rivera';
export const PRIYA = 'user:default/priya.nair';
export const CHECKOUT = 'group:default/checkout-team';
export const PAYMENTS = 'group:default/payments-team';
export const PLATFORM = 'group:default/platform-team';

export const CONFIG: PlatformRequestsConfig = {
  categories: DEFAULT_CATEGORIES,
  urgencies: [...URGENCIES],
  sla: DEFAULT_SLA_TARGETS,
  priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
  platformTeam: PLATFORM,
};

const clock = (breached = false) => ({
  targetHours: 24,
  dueAt: '2030-01-02T00:00:00.000Z',
  breached,
});

export function makeRequest(
  overrides: Partial<PlatformRequest> = {},
): PlatformRequest {
  return {
    key: 'REQ-1',
    title: 'Faster CI runners',
    description: 'Our builds wait **20 minutes** for a runner.',
    category: 'pain-point',
    urgency: 'high',
    impact: { peopleAffected: 40, hoursLostPerWeek: 30 },
    requestingTeam: CHECKOUT,
    relatedEntities: ['component:default/checkout-api'],
    tags: ['ci'],
    status: 'new',
    requester: SAM,
    assignee: null,
    duplicateOf: null,
    declineReason: null,
    priority: {
      score: 52.5,
      parts: [
        { factor: 'votes', value: 5, weight: 20, points: 6.7 },
        { factor: 'teams', value: 2, weight: 25, points: 10 },
        { factor: 'hoursLost', value: 30, weight: 25, points: 15 },
        { factor: 'urgency', value: 0.7, weight: 20, points: 14 },
        { factor: 'age', value: 12, weight: 10, points: 2.9 },
      ],
    },
    votes: {
      count: 5,
      teams: 2,
      byTeam: [
        { team: CHECKOUT, count: 3 },
        { team: PAYMENTS, count: 2 },
      ],
      mine: false,
    },
    watchers: { count: 2, watching: false },
    rating: null,
    sla: { triage: clock(), resolve: clock() },
    createdAt: '2024-01-01T10:00:00.000Z',
    updatedAt: '2024-01-02T10:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

/** Replacement implementations, usually `jest.fn(async () => ...)`. */
export type FakeApiOverrides = {
  [K in keyof PlatformRequestsApi]?: jest.Mock;
};

/** Every method a jest.fn; pass the ones a test cares about. */
export function fakeApi(
  overrides: FakeApiOverrides = {},
): jest.Mocked<PlatformRequestsApi> {
  const defaults: Required<FakeApiOverrides> = {
    listRequests: jest.fn(async () => ({
      items: [],
      nextCursor: null,
      total: 0,
    })),
    createRequest: jest.fn(),
    getRequest: jest.fn(async () => makeRequest()),
    updateRequest: jest.fn(),
    transition: jest.fn(),
    vote: jest.fn(),
    unvote: jest.fn(),
    watch: jest.fn(),
    unwatch: jest.fn(),
    rate: jest.fn(),
    listComments: jest.fn(async () => []),
    addComment: jest.fn(),
    getTimeline: jest.fn(async () => []),
    suggestSimilar: jest.fn(async () => []),
    exportCsv: jest.fn(async () => new Blob(['key\n'])),
    getConfig: jest.fn(async () => CONFIG),
    getPlatformTeamStatus: jest.fn(async () => ({
      ref: PLATFORM,
      status: 'found' as const,
    })),
  };
  return { ...defaults, ...overrides } as jest.Mocked<PlatformRequestsApi>;
}

/** A ResponseError as the client throws it for a Backstage error body. */
export function responseError(
  status: number,
  message: string,
  name = 'Error',
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: String(status),
    url: 'http://localhost/api/platform-requests',
    redirected: false,
    type: 'basic',
    headers: {
      get: (h: string) =>
        h.toLowerCase() === 'content-type' ? 'application/json' : null,
    } as Headers,
    text: async () => body,
  });
}

export function makeImprovement(
  overrides: Partial<Improvement> = {},
): Improvement {
  return {
    id: 'IMP-1',
    title: 'Faster CI runners',
    problem: 'Builds wait **20 minutes** for a runner.',
    requests: [
      {
        key: 'REQ-1',
        title: 'Slow CI builds',
        status: 'in_progress',
        requestingTeam: CHECKOUT,
        votes: 5,
        hoursLostPerWeek: 30,
      },
      {
        key: 'REQ-2',
        title: 'CI runners queue',
        status: 'triaged',
        requestingTeam: PAYMENTS,
        votes: 2,
        hoursLostPerWeek: 4.5,
      },
    ],
    rollup: { votes: 7, teams: [CHECKOUT, PAYMENTS], hoursLostPerWeek: 34.5 },
    scope: { teams: [CHECKOUT], entities: ['component:default/checkout-api'] },
    targetKpis: ['leadTime'],
    status: 'in_progress',
    dropReason: null,
    plannedFor: '2030-03-31',
    shippedAt: null,
    owner: PRIYA,
    createdBy: PRIYA,
    createdAt: '2024-01-01T10:00:00.000Z',
    updatedAt: '2024-01-02T10:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

export type FakeImprovementsOverrides = {
  [K in keyof ImprovementsApi]?: jest.Mock;
};

/** Every method a jest.fn; pass the ones a test cares about. */
export function fakeImprovementsApi(
  overrides: FakeImprovementsOverrides = {},
): jest.Mocked<ImprovementsApi> {
  const defaults: Required<FakeImprovementsOverrides> = {
    listImprovements: jest.fn(async () => []),
    getImprovement: jest.fn(async () => makeImprovement()),
    createImprovement: jest.fn(),
    updateImprovement: jest.fn(),
    transitionImprovement: jest.fn(),
    shipImprovement: jest.fn(),
    getImpact: jest.fn(async () => undefined),
    listSurveyScores: jest.fn(async () => []),
  };
  return { ...defaults, ...overrides } as jest.Mocked<ImprovementsApi>;
}
