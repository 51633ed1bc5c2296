/*
 * Every KPI's name, unit, definition and source, in one place: the tiles and
 * their tooltips show them, the CSV export labels values with their units,
 * and docs/kpis.md says the same at length.
 */
import { CatalogHealthShares } from './model';

export type KpiDefinition = {
  id: string;
  title: string;
  /** How the value is shown: a count, a rate per day, a duration, a share. */
  unit:
    | 'count'
    | 'perDay'
    | 'perWeek'
    | 'seconds'
    | 'share'
    | 'hours'
    | 'score';
  /** Whether a rise is good news (colours the change against last window). */
  better: 'higher' | 'lower';
  definition: string;
  source: string;
};

const DEPLOYMENT_EVENTS =
  'deployment events posted to /api/platform-kpis/events by CI';
const INCIDENT_EVENTS = 'incident events posted by the incident tool';
const REQUESTS =
  'the platform-requests plugin, read every 5 minutes by the request collector';
const SCAFFOLDER =
  'scaffolder tasks, read every 5 minutes by the template-run collector';
const CATALOG =
  'the catalog, snapshotted every 10 minutes by the catalog collector';

export const KPI_DEFINITIONS = {
  deploymentFrequency: {
    id: 'deploymentFrequency',
    title: 'Deployment frequency',
    unit: 'perDay',
    better: 'higher',
    definition:
      'Successful production deployments per day over the window, and the number of distinct days with one, per week.',
    source: DEPLOYMENT_EVENTS,
  },
  leadTime: {
    id: 'leadTime',
    title: 'Lead time for changes',
    unit: 'seconds',
    better: 'lower',
    definition:
      'Median time from the first commit a successful production deployment ships to the end of that deployment.',
    source: `${DEPLOYMENT_EVENTS} (firstCommitAt, or the earliest change event among its commits)`,
  },
  changeFailureRate: {
    id: 'changeFailureRate',
    title: 'Change failure rate',
    unit: 'share',
    better: 'lower',
    definition:
      'Production deployments that failed or caused an incident, divided by all production deployments in the window.',
    source: `${DEPLOYMENT_EVENTS}; ${INCIDENT_EVENTS} naming the deployment`,
  },
  timeToRestore: {
    id: 'timeToRestore',
    title: 'Time to restore service',
    unit: 'seconds',
    better: 'lower',
    definition:
      'Median time from an incident opening to its resolution, over incidents resolved in the window.',
    source: INCIDENT_EVENTS,
  },
  requestsCreated: {
    id: 'requestsCreated',
    title: 'New requests',
    unit: 'count',
    better: 'lower',
    definition: 'Requests filed in the window.',
    source: REQUESTS,
  },
  requestsClosed: {
    id: 'requestsClosed',
    title: 'Closed requests',
    unit: 'count',
    better: 'higher',
    definition:
      'Requests that reached done, declined or duplicate in the window.',
    source: REQUESTS,
  },
  backlog: {
    id: 'backlog',
    title: 'Open backlog',
    unit: 'count',
    better: 'lower',
    definition:
      'Requests open (new, triaged, planned or in progress) at the end of the window, by age.',
    source: REQUESTS,
  },
  timeToTriage: {
    id: 'timeToTriage',
    title: 'Time to triage',
    unit: 'seconds',
    better: 'lower',
    definition:
      'Median time from filing (or the last reopen) to the first triage decision, over requests triaged in the window.',
    source: REQUESTS,
  },
  timeToResolve: {
    id: 'timeToResolve',
    title: 'Time to resolve',
    unit: 'seconds',
    better: 'lower',
    definition:
      'Median time from filing (or the last reopen) to done or declined, over requests closed in the window.',
    source: REQUESTS,
  },
  slaCompliance: {
    id: 'slaCompliance',
    title: 'SLA compliance',
    unit: 'share',
    better: 'higher',
    definition:
      'Per urgency: of the triage and resolve clocks that stopped or ran out in the window, the share that stopped in time.',
    source: REQUESTS,
  },
  satisfaction: {
    id: 'satisfaction',
    title: 'Satisfaction',
    unit: 'score',
    better: 'higher',
    definition:
      'Average rating (1 to 5) that requesters gave requests closed in the window.',
    source: REQUESTS,
  },
  templateRuns: {
    id: 'templateRuns',
    title: 'Template runs',
    unit: 'count',
    better: 'higher',
    definition:
      'Scaffolder tasks created in the window, with their success rate (completed ÷ finished).',
    source: SCAFFOLDER,
  },
  hoursSaved: {
    id: 'hoursSaved',
    title: 'Hours saved',
    unit: 'hours',
    better: 'higher',
    definition:
      "Sum over completed template runs of the template's backstage.io/time-saved annotation.",
    source: SCAFFOLDER,
  },
  templateShare: {
    id: 'templateShare',
    title: 'Components from templates',
    unit: 'share',
    better: 'higher',
    definition:
      'Components in the catalog with a backstage.io/source-template annotation, divided by all components.',
    source: CATALOG,
  },
  catalogHealth: {
    id: 'catalogHealth',
    title: 'Catalog health',
    unit: 'share',
    better: 'higher',
    definition:
      'Shares of components with an owner that exists in the catalog, a system, a lifecycle, and (type service) a provided API; orphans are entities whose location is gone.',
    source: CATALOG,
  },
} satisfies Record<string, KpiDefinition>;

export type KpiId = keyof typeof KPI_DEFINITIONS;

/**
 * The catalog-health shares (one KPI, five numbers) in the order and words
 * the tiles, the chart and the export use. Orphans are the one share where
 * lower is better.
 */
export const CATALOG_HEALTH_SHARES: ReadonlyArray<{
  key: keyof CatalogHealthShares;
  title: string;
  better: KpiDefinition['better'];
}> = [
  { key: 'validOwner', title: 'Valid owner', better: 'higher' },
  { key: 'system', title: 'In a system', better: 'higher' },
  { key: 'lifecycle', title: 'Lifecycle set', better: 'higher' },
  { key: 'api', title: 'Provides an API', better: 'higher' },
  { key: 'orphans', title: 'Orphans', better: 'lower' },
];
