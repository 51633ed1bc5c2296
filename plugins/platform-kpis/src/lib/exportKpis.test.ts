import {
  CATALOG_HEALTH_SHARES,
  KPI_DEFINITIONS,
  KpiId,
} from '@internal/plugin-platform-kpis-common';
import {
  CHECKOUT,
  makeAdoption,
  makeCatalogHealth,
  makeDora,
  makeFlow,
} from '../__testUtils__';
import {
  csvCell,
  exportFilename,
  kpiCsv,
  kpiCsvRows,
  kpiJson,
  toCsv,
} from './exportKpis';

const HEADER = 'section,scope,window,metric,value,previous,unit\r\n';

/** The CSV of one row whose scope (a user-named thing) is `scope`. */
function csvOfScope(scope: string): string {
  return toCsv([
    {
      section: 'flow',
      scope,
      window: '90d',
      metric: 'm',
      value: 1,
      unit: 'count',
    },
  ]);
}

describe('CSV cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
  ])('guards %j against formulas', (input, expected) => {
    expect(csvOfScope(input)).toBe(
      `${HEADER}flow,${expected},90d,m,1,,count\r\n`,
    );
  });

  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    for (const [input, expected] of [
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\nlines', '"two\nlines"'],
      ['two\r\nlines', '"two\r\nlines"'],
      ['group:default/checkout-team', 'group:default/checkout-team'],
    ]) {
      expect(csvOfScope(input)).toBe(
        `${HEADER}flow,${expected},90d,m,1,,count\r\n`,
      );
    }
  });

  it('writes numbers as they are, negative ones included, and null as empty', () => {
    expect(csvCell(-0.5)).toBe(-0.5);
    expect(csvCell(0.08)).toBe(0.08);
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(NaN)).toBe('');
    expect(
      toCsv([
        {
          section: 'dora',
          scope: 'organisation',
          window: '90d',
          metric: 'm',
          value: -0.5,
          previous: NaN,
          unit: 'share',
        },
      ]),
    ).toBe(`${HEADER}dora,organisation,90d,m,-0.5,,share\r\n`);
  });
});

describe('kpiCsv', () => {
  it('has one row per metric with its previous value and unit', () => {
    const rows = kpiCsvRows({ dora: makeDora() });
    expect(rows).toContainEqual({
      section: 'dora',
      scope: 'organisation',
      window: '90d',
      metric: 'changeFailureRate.rate',
      value: 0.08,
      previous: 0.05,
      unit: 'share',
    });
    expect(rows).toContainEqual(
      expect.objectContaining({
        scope: CHECKOUT,
        metric: 'tier',
        value: 'high',
      }),
    );
  });

  it('covers every section in view, with breakdown rows', () => {
    const csv = kpiCsv({
      dora: makeDora(),
      flow: makeFlow(),
      adoption: makeAdoption(),
      catalogHealth: makeCatalogHealth(),
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,scope,window,metric,value,previous,unit');
    expect(lines).toContain('flow,organisation,90d,backlog.open,23,,count');
    expect(lines).toContain(
      'flow,organisation,90d,sla.critical.triage,0.8,,share',
    );
    expect(lines).toContain(
      'adoption,group:default/payments-team,90d,components.share,0.25,,share',
    );
    expect(lines).toContain(
      'adoption,template:default/node-service,90d,template.rating.mean,4.25,,score',
    );
    expect(lines).toContain(
      'adoption,template:default/node-service,90d,template.rating.5,6,,count',
    );
    // Below the anonymity floor: no rating rows at all.
    expect(
      lines.filter(l =>
        l.startsWith('adoption,template:default/scheduled-job'),
      ),
    ).toEqual([]);
    expect(lines).toContain(
      'catalogHealth,organisation,90d,share.orphans,0.02,0.05,share',
    );
    expect(lines).toContain(
      'dora,group:default/payments-team,90d,deploymentFrequency.perDay,0.03,,perDay',
    );
  });

  it('guards user-supplied names in the scope column', () => {
    const flow = makeFlow({
      topCategories: {
        byVotes: [{ category: '=cmd|"/C calc"!A0', value: 3 }],
        byTeams: [],
        byHoursLost: [],
      },
    });
    const csv = kpiCsv({ flow });
    expect(csv).toContain(
      `flow,"'=cmd|""/C calc""!A0",90d,topCategories.byVotes,3,,count`,
    );
  });

  it('writes just the header for nothing in view', () => {
    expect(toCsv([])).toBe(HEADER);
  });

  it("labels each KPI's own value with the unit of its definition", () => {
    const rows = kpiCsvRows({
      dora: makeDora(),
      flow: makeFlow(),
      adoption: makeAdoption(),
      catalogHealth: makeCatalogHealth(),
    });
    const unitOf = (section: string, metric: string) =>
      rows.find(r => r.section === section && r.metric === metric)?.unit;
    const kpiMetrics: Array<[KpiId, string, string]> = [
      ['deploymentFrequency', 'dora', 'deploymentFrequency.perDay'],
      ['leadTime', 'dora', 'leadTime.median'],
      ['changeFailureRate', 'dora', 'changeFailureRate.rate'],
      ['timeToRestore', 'dora', 'timeToRestore.median'],
      ['requestsCreated', 'flow', 'created'],
      ['requestsClosed', 'flow', 'closed'],
      ['backlog', 'flow', 'backlog.open'],
      ['timeToTriage', 'flow', 'timeToTriage.median'],
      ['timeToResolve', 'flow', 'timeToResolve.median'],
      ['slaCompliance', 'flow', 'sla.critical.triage'],
      ['satisfaction', 'flow', 'satisfaction.average'],
      ['templateRuns', 'adoption', 'runs'],
      ['hoursSaved', 'adoption', 'hoursSaved'],
      ['templateShare', 'adoption', 'components.share'],
      ['catalogHealth', 'catalogHealth', 'share.validOwner'],
    ];
    // Every KPI is exported.
    expect(kpiMetrics.map(([kpi]) => kpi).sort()).toEqual(
      Object.keys(KPI_DEFINITIONS).sort(),
    );
    for (const [kpi, section, metric] of kpiMetrics) {
      expect([kpi, unitOf(section, metric)]).toEqual([
        kpi,
        KPI_DEFINITIONS[kpi].unit,
      ]);
    }
  });

  it('exports the catalog-health shares the definitions list, in their order', () => {
    const metrics = kpiCsvRows({ catalogHealth: makeCatalogHealth() })
      .filter(r => r.scope === 'organisation' && r.metric.startsWith('share.'))
      .map(r => r.metric);
    expect(metrics).toEqual(
      CATALOG_HEALTH_SHARES.map(share => `share.${share.key}`),
    );
  });
});

describe('kpiJson', () => {
  it('holds the summaries as loaded, null for the ones not in view', () => {
    const dora = makeDora();
    const json = JSON.parse(
      kpiJson({ dora }, { window: '90d' }, new Date('2026-04-01T00:00:00Z')),
    );
    expect(json).toEqual({
      exportedAt: '2026-04-01T00:00:00.000Z',
      filters: { window: '90d' },
      dora,
      flow: null,
      adoption: null,
      catalogHealth: null,
    });
  });
});

describe('exportFilename', () => {
  it('names the window and the scope', () => {
    expect(exportFilename({ window: '30d', team: CHECKOUT }, 'csv')).toBe(
      'platform-kpis-30d-checkout-team.csv',
    );
    expect(exportFilename({ window: '90d' }, 'json')).toBe(
      'platform-kpis-90d-organisation.json',
    );
  });
});
