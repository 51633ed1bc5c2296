/*
 * The export of every KPI in view: CSV with one row per metric (section,
 * scope, window, metric, value, previous, unit), breakdown rows included,
 * and JSON with the summaries as the backend sent them. Values are raw
 * (seconds, rates 0–1) with their unit, so a spreadsheet can compute on them.
 * A KPI's own value takes its unit from the KPI's definition, the one the
 * tiles read; the counts behind it are counts.
 *
 * The CSV is written by csv-stringify, as the requests export is: RFC 4180,
 * CRLF line ends, cells quoted where needed. Text that a spreadsheet would
 * run as a formula (= + - @, tab, CR at the start: catalog names and
 * category titles are user input) gets a leading apostrophe.
 */
import {
  AdoptionSummary,
  CATALOG_HEALTH_SHARES,
  CatalogHealthSummary,
  DoraMetrics,
  DoraSummary,
  FlowSummary,
  KPI_DEFINITIONS,
  KpiDefinition,
  KpiId,
} from '@internal/plugin-platform-kpis-common';
import stringify from 'csv-stringify/lib/sync';
import { scopeKey } from './refs';
import { KpiFilters } from './filters';

export type KpiSummaries = {
  dora?: DoraSummary;
  flow?: FlowSummary;
  adoption?: AdoptionSummary;
  catalogHealth?: CatalogHealthSummary;
};

type Cell = string | number | null | undefined;

/** A KPI definition's unit, or 'tier' for a DORA tier. */
export type CsvUnit = KpiDefinition['unit'] | 'tier';

export type CsvRow = {
  section: string;
  scope: string;
  window: string;
  metric: string;
  value: Cell;
  previous?: Cell;
  unit: CsvUnit;
};

export const CSV_COLUMNS = [
  'section',
  'scope',
  'window',
  'metric',
  'value',
  'previous',
  'unit',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's content before quoting: formula-guarded, empty for no number. */
export function csvCell(value: Cell): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(rows: CsvRow[]): string {
  return stringify(
    rows.map(row => CSV_COLUMNS.map(column => csvCell(row[column]))),
    {
      header: true,
      columns: [...CSV_COLUMNS],
      record_delimiter: 'windows',
      // RFC 4180 quotes a field with a line break; csv-stringify by itself
      // quotes only the record delimiter (CRLF), not a lone CR or LF.
      quoted_match: /[\r\n]/,
    },
  );
}

/** The unit of a KPI's own value, as its definition says. */
function unitOf(kpi: KpiId): CsvUnit {
  return KPI_DEFINITIONS[kpi].unit;
}

type Metric = [metric: string, unit: CsvUnit, pick: (m: DoraMetrics) => Cell];

const DORA_METRICS: Metric[] = [
  [
    'deploymentFrequency.perDay',
    unitOf('deploymentFrequency'),
    m => m.deploymentFrequency.perDay,
  ],
  [
    'deploymentFrequency.deployDaysPerWeek',
    'perWeek',
    m => m.deploymentFrequency.deployDaysPerWeek,
  ],
  [
    'deploymentFrequency.deployments',
    'count',
    m => m.deploymentFrequency.deployments,
  ],
  ['leadTime.median', unitOf('leadTime'), m => m.leadTime.medianSeconds],
  ['leadTime.measured', 'count', m => m.leadTime.measured],
  [
    'changeFailureRate.rate',
    unitOf('changeFailureRate'),
    m => m.changeFailureRate.rate,
  ],
  ['changeFailureRate.failures', 'count', m => m.changeFailureRate.failures],
  ['changeFailureRate.total', 'count', m => m.changeFailureRate.total],
  [
    'timeToRestore.median',
    unitOf('timeToRestore'),
    m => m.timeToRestore.medianSeconds,
  ],
  ['timeToRestore.resolved', 'count', m => m.timeToRestore.resolved],
  ['timeToRestore.open', 'count', m => m.timeToRestore.open],
  ['tier', 'tier', m => m.tier],
];

function doraRows(dora: DoraSummary): CsvRow[] {
  const window = dora.window.name;
  const rows: CsvRow[] = DORA_METRICS.map(([metric, unit, pick]) => ({
    section: 'dora',
    scope: scopeKey(dora.scope),
    window,
    metric,
    value: pick(dora.metrics),
    previous: dora.previous ? pick(dora.previous) : null,
    unit,
  }));
  for (const row of dora.breakdown) {
    for (const [metric, unit, pick] of DORA_METRICS) {
      rows.push({
        section: 'dora',
        scope: row.ref,
        window,
        metric,
        value: pick(row.metrics),
        unit,
      });
    }
  }
  return rows;
}

function flowRows(flow: FlowSummary): CsvRow[] {
  const base = {
    section: 'flow',
    scope: scopeKey(flow.scope),
    window: flow.window.name,
  };
  const { metrics: m, previous: p } = flow;
  return [
    {
      ...base,
      metric: 'created',
      value: m.created,
      previous: p.created,
      unit: unitOf('requestsCreated'),
    },
    {
      ...base,
      metric: 'closed',
      value: m.closed,
      previous: p.closed,
      unit: unitOf('requestsClosed'),
    },
    {
      ...base,
      metric: 'timeToTriage.median',
      value: m.medianTimeToTriageSeconds,
      previous: p.medianTimeToTriageSeconds,
      unit: unitOf('timeToTriage'),
    },
    {
      ...base,
      metric: 'timeToResolve.median',
      value: m.medianTimeToResolveSeconds,
      previous: p.medianTimeToResolveSeconds,
      unit: unitOf('timeToResolve'),
    },
    {
      ...base,
      metric: 'satisfaction.average',
      value: m.satisfaction.average,
      previous: p.satisfaction.average,
      unit: unitOf('satisfaction'),
    },
    {
      ...base,
      metric: 'satisfaction.ratings',
      value: m.satisfaction.ratings,
      previous: p.satisfaction.ratings,
      unit: 'count',
    },
    {
      ...base,
      metric: 'backlog.open',
      value: flow.backlog.open,
      unit: unitOf('backlog'),
    },
    ...flow.backlog.ages.map(
      (a): CsvRow => ({
        ...base,
        metric: `backlog.age.${a.label}`,
        value: a.count,
        unit: 'count',
      }),
    ),
    ...flow.sla.flatMap((s): CsvRow[] => [
      {
        ...base,
        metric: `sla.${s.urgency}.triage`,
        value: s.triage.rate,
        unit: unitOf('slaCompliance'),
      },
      {
        ...base,
        metric: `sla.${s.urgency}.resolve`,
        value: s.resolve.rate,
        unit: unitOf('slaCompliance'),
      },
    ]),
    ...(
      [
        ['byVotes', 'count'],
        ['byTeams', 'count'],
        ['byHoursLost', 'hours'],
      ] as const
    ).flatMap(([list, unit]) =>
      flow.topCategories[list].map(
        (c): CsvRow => ({
          ...base,
          scope: c.category,
          metric: `topCategories.${list}`,
          value: c.value,
          unit,
        }),
      ),
    ),
  ];
}

function adoptionRows(adoption: AdoptionSummary): CsvRow[] {
  const base = {
    section: 'adoption',
    scope: scopeKey(adoption.scope),
    window: adoption.window.name,
  };
  const { metrics: m, previous: p } = adoption;
  return [
    {
      ...base,
      metric: 'runs',
      value: m.runs,
      previous: p.runs,
      unit: unitOf('templateRuns'),
    },
    {
      ...base,
      metric: 'succeeded',
      value: m.succeeded,
      previous: p.succeeded,
      unit: 'count',
    },
    {
      ...base,
      metric: 'failed',
      value: m.failed,
      previous: p.failed,
      unit: 'count',
    },
    {
      ...base,
      metric: 'successRate',
      value: m.successRate,
      previous: p.successRate,
      unit: 'share',
    },
    {
      ...base,
      metric: 'hoursSaved',
      value: m.hoursSaved,
      previous: p.hoursSaved,
      unit: unitOf('hoursSaved'),
    },
    {
      ...base,
      metric: 'components.total',
      value: adoption.components.total,
      unit: 'count',
    },
    {
      ...base,
      metric: 'components.fromTemplate',
      value: adoption.components.fromTemplate,
      unit: 'count',
    },
    {
      ...base,
      metric: 'components.share',
      value: adoption.components.share,
      unit: unitOf('templateShare'),
    },
    ...adoption.perTeam.flatMap((t): CsvRow[] => [
      {
        ...base,
        scope: t.team,
        metric: 'components.total',
        value: t.total,
        unit: 'count',
      },
      {
        ...base,
        scope: t.team,
        metric: 'components.fromTemplate',
        value: t.fromTemplate,
        unit: 'count',
      },
      {
        ...base,
        scope: t.team,
        metric: 'components.share',
        value: t.share,
        unit: unitOf('templateShare'),
      },
    ]),
    ...adoption.byTemplate.flatMap((t): CsvRow[] => [
      {
        ...base,
        scope: t.template,
        metric: 'template.runs',
        value: t.runs,
        unit: 'count',
      },
      {
        ...base,
        scope: t.template,
        metric: 'template.succeeded',
        value: t.succeeded,
        unit: 'count',
      },
      {
        ...base,
        scope: t.template,
        metric: 'template.hoursSaved',
        value: t.hoursSaved,
        unit: unitOf('hoursSaved'),
      },
    ]),
    ...ratingRows(adoption, base),
  ];
}

/**
 * The ratings after runs, per template, all time (the window does not cut
 * them): only templates at or above the anonymity floor have rows.
 */
function ratingRows(
  adoption: AdoptionSummary,
  base: Pick<CsvRow, 'section' | 'window'>,
): CsvRow[] {
  if (!adoption.ratings.available) return [];
  return adoption.ratings.templates.flatMap((t): CsvRow[] =>
    t.enough
      ? [
          {
            ...base,
            scope: t.template,
            metric: 'template.rating.mean',
            value: t.mean,
            unit: 'score',
          },
          {
            ...base,
            scope: t.template,
            metric: 'template.rating.count',
            value: t.n,
            unit: 'count',
          },
          ...t.distribution.map(
            (d): CsvRow => ({
              ...base,
              scope: t.template,
              metric: `template.rating.${d.value}`,
              value: d.count,
              unit: 'count',
            }),
          ),
        ]
      : [],
  );
}

const SHARES = CATALOG_HEALTH_SHARES.map(share => share.key);

function catalogHealthRows(health: CatalogHealthSummary): CsvRow[] {
  const base = {
    section: 'catalogHealth',
    scope: scopeKey(health.scope),
    window: health.window.name,
  };
  return [
    ...SHARES.map(
      (share): CsvRow => ({
        ...base,
        metric: `share.${share}`,
        value: health.shares[share],
        previous: health.previous?.[share],
        unit: unitOf('catalogHealth'),
      }),
    ),
    ...Object.entries(health.counts).map(
      ([count, value]): CsvRow => ({
        ...base,
        metric: `count.${count}`,
        value,
        unit: 'count',
      }),
    ),
    ...health.perTeam.flatMap(t =>
      SHARES.map(
        (share): CsvRow => ({
          ...base,
          scope: t.team,
          metric: `share.${share}`,
          value: t.shares[share],
          unit: unitOf('catalogHealth'),
        }),
      ),
    ),
  ];
}

export function kpiCsvRows(summaries: KpiSummaries): CsvRow[] {
  return [
    ...(summaries.dora ? doraRows(summaries.dora) : []),
    ...(summaries.flow ? flowRows(summaries.flow) : []),
    ...(summaries.adoption ? adoptionRows(summaries.adoption) : []),
    ...(summaries.catalogHealth
      ? catalogHealthRows(summaries.catalogHealth)
      : []),
  ];
}

export function kpiCsv(summaries: KpiSummaries): string {
  return toCsv(kpiCsvRows(summaries));
}

/** The summaries as loaded (null for a section that failed or is loading). */
export function kpiJson(
  summaries: KpiSummaries,
  filters: KpiFilters,
  now: Date = new Date(),
): string {
  return JSON.stringify(
    {
      exportedAt: now.toISOString(),
      filters,
      dora: summaries.dora ?? null,
      flow: summaries.flow ?? null,
      adoption: summaries.adoption ?? null,
      catalogHealth: summaries.catalogHealth ?? null,
    },
    null,
    2,
  );
}

/** platform-kpis-30d-checkout-team.csv */
export function exportFilename(filters: KpiFilters, ext: 'csv' | 'json') {
  const scope = (filters.service ?? filters.team ?? 'organisation')
    .replace(/^[a-z]+:(default\/)?/i, '')
    .replace(/[^a-z0-9._-]+/gi, '-');
  return `platform-kpis-${filters.window}-${scope}.${ext}`;
}

export function hasSummaries(summaries: KpiSummaries): boolean {
  return Object.values(summaries).some(Boolean);
}
