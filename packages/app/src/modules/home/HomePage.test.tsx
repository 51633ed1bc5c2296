import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  DoraKpiQuery,
  KpiQuery,
  PlatformKpisApi,
  platformKpisApiRef,
  rootRouteRef as kpisRouteRef,
} from '@internal/plugin-platform-kpis';
import {
  DoraMetrics,
  DoraSummary,
  FlowSummary,
  KpiWindow,
} from '@internal/plugin-platform-kpis-common';
import {
  PlatformSurveysApi,
  platformSurveysApiRef,
  surveyRouteRef,
} from '@internal/plugin-platform-surveys';
import { OpenSurveyRound } from '@internal/plugin-platform-surveys-common';
import { screen, waitFor, within } from '@testing-library/react';
import { HomePage } from './HomePage';

const checkoutApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/checkout-team' },
};

const SAM = ['user:default/sam.rivera', 'group:default/checkout-team'];

const WINDOW: KpiWindow = {
  name: '30d',
  from: '2026-03-02T00:00:00.000Z',
  to: '2026-04-01T00:00:00.000Z',
  days: 30,
  tz: 'Europe/Berlin',
  bucket: 'day',
};

function doraMetrics(perDay: number, leadTimeSeconds: number): DoraMetrics {
  return {
    deploymentFrequency: {
      deployments: Math.round(perDay * 30),
      perDay,
      deployDaysPerWeek: 4,
      tier: 'elite',
    },
    leadTime: { medianSeconds: leadTimeSeconds, measured: 40, tier: 'elite' },
    changeFailureRate: { rate: 0.1, failures: 4, total: 40, tier: 'high' },
    timeToRestore: { medianSeconds: 1800, resolved: 2, open: 0, tier: 'elite' },
    tier: 'high',
  };
}

// Deployments up (good), lead time up from 2 h to 3 h (bad), backlog down.
const DORA: DoraSummary = {
  window: WINDOW,
  scope: { kind: 'organisation' },
  metrics: doraMetrics(1.25, 3 * 3600),
  previous: doraMetrics(1, 2 * 3600),
  series: [],
  breakdown: [],
  demoData: false,
};

const FLOW: FlowSummary = {
  window: WINDOW,
  scope: { kind: 'organisation' },
  metrics: {
    created: 10,
    closed: 15,
    medianTimeToTriageSeconds: 7200,
    medianTimeToResolveSeconds: 86400,
    satisfaction: { average: 4.5, ratings: 6 },
  },
  previous: {
    created: 12,
    closed: 9,
    medianTimeToTriageSeconds: 9000,
    medianTimeToResolveSeconds: 90000,
    satisfaction: { average: 4.2, ratings: 5 },
  },
  series: [],
  backlog: { open: 20, ages: [] },
  sla: [],
  topCategories: { byVotes: [], byTeams: [], byHoursLost: [] },
  collectedAt: '2026-04-01T00:00:00.000Z',
};

function kpisApi(): jest.Mocked<PlatformKpisApi> {
  return {
    getDora: jest.fn(async (_query: DoraKpiQuery) => DORA),
    getFlow: jest.fn(async (_query: KpiQuery) => FLOW),
    getAdoption: jest.fn(),
    getCatalogHealth: jest.fn(),
    getRecentEvents: jest.fn(),
    getUnmatchedSources: jest.fn(),
    getImpact: jest.fn(),
    getShippedImprovements: jest.fn(),
  };
}

const OPEN_SURVEY: OpenSurveyRound = {
  survey: {
    id: '5b0f2a8e-6c1d-4e55-9a3e-0c1f3b9d2a71',
    title: 'Developer experience pulse',
    description: '',
    questions: [{ id: 'q1', kind: 'agreement', text: 'Our CI is fast' }],
  },
  round: {
    round: 1,
    opensAt: '2026-03-30T00:00:00.000Z',
    closesAt: '2026-04-13T23:59:59.000Z',
    state: 'open',
  },
  answered: false,
};

/** Only openSurveys is used on the home page. */
function surveysApi(open: OpenSurveyRound[] = []): PlatformSurveysApi {
  const unused = async () => {
    throw new Error('not used on the home page');
  };
  return {
    openSurveys: jest.fn(async () => open),
    listSurveys: unused,
    getSurvey: unused,
    createSurvey: unused,
    respond: unused,
    getResults: unused,
    getTrend: unused,
    exportCsv: unused,
    rateRun: unused,
  };
}

// The catalog does the ownership filtering (the browser test covers it end
// to end); here the page must ask for the right thing and show the answer.
function render(owned: Entity[], kpis = kpisApi(), surveys = surveysApi()) {
  const getEntities = jest.fn(async () => ({ items: owned }));
  renderInTestApp(<HomePage />, {
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/kpis': kpisRouteRef,
      '/surveys/:id': surveyRouteRef,
    },
    apis: [
      [platformKpisApiRef, kpis],
      [platformSurveysApiRef, surveys],
      [catalogApiRef, catalogApiMock.mock({ getEntities })],
      [starredEntitiesApiRef, new MockStarredEntitiesApi()],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: SAM[0],
          ownershipEntityRefs: SAM,
        }),
      ],
    ],
  });
  return getEntities;
}

describe('HomePage', () => {
  it('offers the portal’s entry points and a search field', async () => {
    render([]);
    expect(
      await screen.findByRole('heading', { name: 'Lodestar' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Software catalog')).toBeInTheDocument();
    expect(screen.getByText('Create something new')).toBeInTheDocument();
    expect(screen.getByLabelText('Search the portal')).toBeInTheDocument();
  });

  it('lists what the user and their teams own', async () => {
    const getEntities = render([checkoutApi]);
    const owned = await screen.findByTestId('owned-entities');
    expect(owned).toHaveTextContent('checkout-api');
    expect(owned).toHaveTextContent('component · service');
    await waitFor(() =>
      expect(getEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          filter: {
            kind: ['Component', 'API', 'System', 'Resource'],
            'relations.ownedBy': SAM,
          },
        }),
      ),
    );
  });

  it('shows the open pulse surveys, and no card when none is open', async () => {
    render([], kpisApi(), surveysApi([OPEN_SURVEY]));
    expect(
      await screen.findByRole('heading', { name: 'Open surveys' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Developer experience pulse').closest('a'),
    ).toHaveAttribute('href', `/surveys/${OPEN_SURVEY.survey.id}`);
  });

  it('says how to get something owned when there is nothing yet', async () => {
    render([]);
    expect(
      await screen.findByText(/Nothing is owned by you or your team yet/),
    ).toBeInTheDocument();
  });

  it('shows the organisation’s headline KPIs over 30 days, linking to the KPI page', async () => {
    const kpis = kpisApi();
    render([], kpis);

    const frequency = await screen.findByRole('group', {
      name: 'Deployment frequency',
    });
    expect(
      await within(frequency).findByText('1.25 / day'),
    ).toBeInTheDocument();
    expect(within(frequency).getByTestId('kpi-change')).toHaveTextContent(
      '+25 % vs previous 30 days',
    );
    expect(within(frequency).getByTestId('kpi-change')).toHaveAttribute(
      'data-color',
      'success',
    );
    const leadTime = screen.getByRole('group', {
      name: 'Lead time for changes',
    });
    expect(leadTime).toHaveTextContent('3.0 h');
    expect(within(leadTime).getByTestId('kpi-change')).toHaveAttribute(
      'data-color',
      'danger',
    );
    // 20 open now; 20 − 10 filed + 15 closed = 25 thirty days ago.
    const backlog = screen.getByRole('group', { name: 'Open request backlog' });
    expect(await within(backlog).findByText('20')).toBeInTheDocument();
    expect(within(backlog).getByTestId('kpi-change')).toHaveTextContent(
      '−20 % vs 30 days ago',
    );
    expect(
      within(backlog).getByRole('link', { name: 'Open request backlog' }),
    ).toHaveAttribute('href', '/kpis?window=30d');
    expect(kpis.getDora).toHaveBeenCalledWith({
      window: '30d',
      include: ['previous'],
    });
    expect(kpis.getFlow).toHaveBeenCalledWith({ window: '30d' });
  });

  it('keeps the rest of the home page when the KPIs fail', async () => {
    const kpis = kpisApi();
    kpis.getDora.mockRejectedValue(new Error('platform-kpis is down'));
    kpis.getFlow.mockRejectedValue(new Error('platform-kpis is down'));
    render([checkoutApi], kpis);
    expect(
      await screen.findAllByText('Could not load: platform-kpis is down'),
    ).not.toHaveLength(0);
    expect(await screen.findByTestId('owned-entities')).toHaveTextContent(
      'checkout-api',
    );
  });
});
