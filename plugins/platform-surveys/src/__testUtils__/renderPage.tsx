/*
 * renderInTestApp with what every page of the plugin needs: the fake API, a
 * signed-in user, permissions and the plugin's routes mounted.
 */
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { entityPresentationApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import {
  CreateSurveyInput,
  OpenSurveyRound,
  RoundResults,
  Survey,
  SurveyResponseInput,
  SurveyTrend,
} from '@internal/plugin-platform-surveys-common';
import { PlatformSurveysApi, platformSurveysApiRef } from '../api';
import { newSurveyRouteRef, rootRouteRef, surveyRouteRef } from '../routes';

export const SAM = 'user:default/sam.rivera';

export const SURVEY: Survey = {
  id: '5b0f2a8e-6c1d-4e55-9a3e-0c1f3b9d2a71',
  title: 'Developer experience pulse',
  description: 'Four questions, two minutes.',
  questions: [
    { id: 'q1', kind: 'agreement', text: 'Our CI is fast enough' },
    { id: 'q2', kind: 'choice', text: 'Biggest pain', options: ['CI', 'Docs'] },
    { id: 'q3', kind: 'text', text: 'Anything else?' },
  ],
  audience: { kind: 'everyone' },
  opensAt: '2026-01-05T00:00:00.000Z',
  closesAt: '2026-01-19T23:59:59.000Z',
  repeat: { every: 'quarter', rounds: 2 },
  rounds: [
    {
      round: 1,
      opensAt: '2026-01-05T00:00:00.000Z',
      closesAt: '2026-01-19T23:59:59.000Z',
      state: 'closed',
    },
    {
      round: 2,
      opensAt: '2026-04-05T00:00:00.000Z',
      closesAt: '2026-04-19T23:59:59.000Z',
      state: 'open',
    },
  ],
  createdBy: 'user:default/priya.nair',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export const OPEN: OpenSurveyRound = {
  survey: {
    id: SURVEY.id,
    title: SURVEY.title,
    description: SURVEY.description,
    questions: SURVEY.questions,
  },
  round: SURVEY.rounds[1],
  answered: false,
};

/** Checkout (6) shown, payments (4) hidden, as the backend answers. */
export const RESULTS: RoundResults = {
  surveyId: SURVEY.id,
  round: 1,
  state: 'closed',
  floor: 5,
  overall: {
    team: null,
    enough: true,
    respondents: 11,
    questions: [
      {
        questionId: 'q1',
        kind: 'agreement',
        n: 11,
        distribution: [1, 2, 3, 4, 5].map(value => ({
          value,
          count: value === 4 ? 11 : 0,
        })),
        mean: 4,
        median: 4,
      },
      {
        questionId: 'q2',
        kind: 'choice',
        n: 11,
        distribution: [
          { value: 'CI', count: 7 },
          { value: 'Docs', count: 4 },
        ],
      },
      { questionId: 'q3', kind: 'text', n: 1, answers: ['Faster runners'] },
    ],
  },
  byTeam: [
    {
      team: 'group:default/checkout-team',
      enough: true,
      respondents: 6,
      questions: [],
    },
    { team: 'group:default/payments-team', enough: false },
  ],
};

export function fakeApi(
  overrides: Partial<jest.Mocked<PlatformSurveysApi>> = {},
): jest.Mocked<PlatformSurveysApi> {
  return {
    listSurveys: jest.fn(async () => [SURVEY]),
    getSurvey: jest.fn(async (_id: string) => SURVEY),
    createSurvey: jest.fn(async (_input: CreateSurveyInput) => SURVEY),
    openSurveys: jest.fn(async () => [OPEN]),
    respond: jest.fn(
      async (_id: string, _round: number, _input: SurveyResponseInput) => ({
        answered: true as const,
        replaced: false,
      }),
    ),
    getResults: jest.fn(async (_id: string, _round: number, team?: string) =>
      team
        ? { ...RESULTS, overall: { team, enough: false as const }, byTeam: [] }
        : RESULTS,
    ),
    getTrend: jest.fn(async (_id: string, _team?: string) => ({
      surveyId: SURVEY.id,
      team: null,
      floor: 5,
      points: [] as SurveyTrend['points'],
    })),
    exportCsv: jest.fn(
      async (_id: string, _round: number, _team?: string) => new Blob(['']),
    ),
    rateRun: jest.fn(async (_taskId: string, _score: number) => ({
      rated: true as const,
    })),
    ...overrides,
  };
}

/** The teams of RESULTS as the catalog has them. */
export const CATALOG_TEAMS = [
  ['checkout-team', 'Checkout Team'],
  ['payments-team', 'Payments Team'],
].map(([name, displayName]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', profile: { displayName }, children: [] },
}));

type ScaffolderApi = typeof scaffolderApiRef.T;
type Tasks = Awaited<ReturnType<ScaffolderApi['listTasks']>>['tasks'];

function run(
  id: string,
  status: Tasks[number]['status'],
  createdAt: string,
  template: string,
): Tasks[number] {
  return {
    id,
    status,
    createdAt,
    spec: {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      parameters: {},
      steps: [],
      output: {},
      templateInfo: { entityRef: `template:default/${template}` },
    },
  };
}

/** Sam's golden-path runs, as the scaffolder lists them. */
export const RUNS: Tasks = [
  run('task-done', 'completed', '2026-04-02T10:00:00.000Z', 'service'),
  run('task-running', 'processing', '2026-04-03T10:00:00.000Z', 'service'),
  run('task-old', 'completed', '2025-12-01T10:00:00.000Z', 'docs-site'),
];

export function fakeScaffolder(tasks: Tasks = []) {
  return {
    listTasks: jest.fn(
      async (_request: Parameters<ScaffolderApi['listTasks']>[0]) => ({
        tasks,
      }),
    ),
  };
}

export function renderPage(
  element: JSX.Element,
  options: {
    api: PlatformSurveysApi;
    deny?: string[];
    scaffolder?: ReturnType<typeof fakeScaffolder>;
    /** The catalog the app names entities from (none: names are refs). */
    catalog?: typeof CATALOG_TEAMS;
  },
) {
  const presentation = options.catalog
    ? [
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({
            catalogApi: catalogApiMock({ entities: options.catalog }),
          }),
        ] as const,
      ]
    : [];
  const deny = new Set(options.deny ?? []);
  return renderInTestApp(element, {
    mountedRoutes: {
      '/surveys': rootRouteRef,
      '/surveys/new': newSurveyRouteRef,
      '/surveys/:id': surveyRouteRef,
    },
    apis: [
      [platformSurveysApiRef, options.api],
      [scaffolderApiRef, options.scaffolder ?? fakeScaffolder()],
      [
        permissionApiRef,
        mockApis.permission({
          authorize: r => (deny.has(r.permission.name) ? 'DENY' : 'ALLOW'),
        }),
      ],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: SAM,
          ownershipEntityRefs: [SAM, 'group:default/checkout-team'],
        }),
      ],
      ...presentation,
    ],
  });
}

/** What the platform team alone may do. */
export const PLATFORM_ONLY = [
  'platform-surveys.survey.create',
  'platform-surveys.results.read',
];
