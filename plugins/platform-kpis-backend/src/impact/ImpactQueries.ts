/*
 * GET /impact: each target KPI in the window before a ship date against the
 * same-length window after, for the improvement's scope (its teams'
 * components — team_ref, as the DORA queries resolve ownership — and its
 * entities) and for everyone else. The counting is SQL (one pass per table
 * over both windows, grouped by segment and day); the scope's per-event
 * durations come back whole for the rank-sum test. docs/kpis.md, "Impact".
 */
import {
  ImpactKpiId,
  ImpactQuery,
  ImpactResult,
  ImpactUnit,
  ImpactWindows,
  KPI_DEFINITIONS,
  KpiImpact,
} from '@internal/plugin-platform-kpis-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { groupedMedian, isPostgres, num, withSortMemory } from '../queries/sql';
import { ALPHA, mannWhitney, median, twoProportions } from './statistics';
import { SurveyScoreReader } from '../service/SurveysClient';
import { measureSurvey } from './surveyImpact';
import { decide } from './verdict';

export const DAY_MS = 86_400_000;

/** Per window, for per-event KPIs (durations) and for a share's base. */
export const MIN_EVENTS_PER_WINDOW = 10;
/** Per-day KPIs: whole days after the ship date, and events in both windows. */
export const MIN_AFTER_DAYS = 7;
export const MIN_EVENTS_TOTAL = 10;

const MANN_WHITNEY = 'Mann–Whitney U (rank-sum), two-sided';
const DAILY_MANN_WHITNEY = 'Mann–Whitney U on per-day totals, two-sided';
const TWO_PROPORTIONS = 'two-proportion z-test, two-sided';

type Seg = 's' | 'r';
/** Whole windows' bounds and how much of the after window has passed. */
export type Frame = {
  shippedAt: number;
  days: number;
  from: number;
  /** The end of the after window's whole days so far. */
  to: number;
  afterDays: number;
};
export type ScopeRefs = { teams: string[]; entities: string[] };

/** What one KPI's figures are, before the verdict is drawn. */
export type Measured = {
  unit: ImpactUnit;
  testName: string;
  changeAs: 'relative' | 'points';
  scope: ImpactWindows;
  rest: ImpactWindows | null;
  pValue: number | null;
  shortfall?: string;
  restEnough: boolean;
};

type Daily = { before: number[]; after: number[]; events: [number, number] };

const TITLES: Record<string, string> = {
  leadTime: KPI_DEFINITIONS.leadTime.title,
  deploymentFrequency: KPI_DEFINITIONS.deploymentFrequency.title,
  changeFailureRate: KPI_DEFINITIONS.changeFailureRate.title,
  timeToRestore: KPI_DEFINITIONS.timeToRestore.title,
  templateRuns: KPI_DEFINITIONS.templateRuns.title,
  hoursLost: 'Hours lost per week reported in requests',
};
const BETTER: Record<string, 'higher' | 'lower'> = {
  leadTime: 'lower',
  deploymentFrequency: 'higher',
  changeFailureRate: 'lower',
  timeToRestore: 'lower',
  templateRuns: 'higher',
  hoursLost: 'lower',
};

const iso = (ms: number) => new Date(ms).toISOString();
const empty = () => ({ value: null, n: 0 });

export class ImpactQueries {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => number = Date.now,
    /** Survey scores come from the surveys backend, when there is one. */
    private readonly surveys?: SurveyScoreReader,
  ) {}

  /** `caller`: who asks, on whose behalf survey scores are read. */
  async impact(
    query: ImpactQuery,
    caller?: BackstageCredentials,
  ): Promise<ImpactResult> {
    const days = query.windowDays;
    const shippedAt = query.shippedAt;
    const end = shippedAt + days * DAY_MS;
    // One reading of the clock for the whole answer.
    const now = this.now();
    const afterDays = Math.max(
      0,
      Math.min(days, Math.floor((now - shippedAt) / DAY_MS)),
    );
    const frame: Frame = {
      shippedAt,
      days,
      from: shippedAt - days * DAY_MS,
      to: shippedAt + afterDays * DAY_MS,
      afterDays,
    };
    const refs = { teams: query.team, entities: query.entity };
    const everyone = refs.teams.length === 0 && refs.entities.length === 0;
    const complete = now >= end;
    const suffix = complete
      ? ''
      : ` The after window runs until ${iso(end).slice(
          0,
          10,
        )}; ${afterDays} of ${days} days so far, so this may change.`;

    // Deployment frequency and change failure rate share one query.
    const shared = new Map<string, Promise<any[]>>();
    const kpis = await Promise.all(
      query.kpi.map(async (kpi): Promise<KpiImpact> => {
        const survey = kpi.startsWith('survey:')
          ? await measureSurvey(
              kpi,
              frame,
              refs,
              everyone,
              this.surveys,
              caller,
            )
          : undefined;
        const title =
          TITLES[kpi] ?? survey?.title ?? `Survey score ${kpi.slice(7)}`;
        const better = BETTER[kpi] ?? 'higher';
        const measured =
          survey?.measured ??
          (await this.measure(kpi, frame, refs, everyone, shared));
        if ('reason' in measured) {
          return {
            kpi,
            title,
            better,
            unit: measured.unit,
            scope: { before: empty(), after: empty() },
            rest: everyone ? null : { before: empty(), after: empty() },
            test: { name: 'none', pValue: null, alpha: ALPHA },
            verdict: 'notEnoughData',
            reason: measured.reason,
          };
        }
        const { verdict, reason } = decide({ better, ...measured });
        return {
          kpi,
          title,
          better,
          unit: measured.unit,
          scope: measured.scope,
          rest: measured.rest,
          test: {
            name: measured.testName,
            pValue: measured.pValue,
            alpha: ALPHA,
          },
          verdict,
          reason: `${reason}${
            suffix && !reason.endsWith('.') ? '.' : ''
          }${suffix}`,
        };
      }),
    );
    return {
      shippedAt: iso(shippedAt),
      windowDays: days,
      before: { from: iso(frame.from), to: iso(shippedAt) },
      after: { from: iso(shippedAt), to: iso(end) },
      afterWindowComplete: complete,
      scope: { teams: refs.teams, entities: refs.entities },
      kpis,
    };
  }

  private async measure(
    kpi: ImpactKpiId,
    f: Frame,
    refs: ScopeRefs,
    everyone: boolean,
    shared: Map<string, Promise<any[]>>,
  ): Promise<Measured | { unit?: ImpactUnit; reason: string }> {
    const teamOnly = kpi === 'templateRuns' || kpi === 'hoursLost';
    if (teamOnly && refs.teams.length === 0 && !everyone) {
      return {
        unit: 'perWeek',
        reason: `${TITLES[
          kpi
        ].toLowerCase()} are counted per team, and this scope names no team`,
      };
    }
    switch (kpi) {
      case 'leadTime':
        return this.durations(f, refs, everyone, {
          table: 'kpi_deployments',
          at: 'finished_at',
          value: 'lead_time_ms',
          filter: q =>
            q
              .where('production', 1)
              .where('status', 'success')
              .whereNotNull('lead_time_ms'),
          noun: 'successful production deployments with a lead time',
        });
      case 'timeToRestore':
        return this.durations(f, refs, everyone, {
          table: 'kpi_incidents',
          at: 'resolved_at',
          value: 'restore_ms',
          filter: q => q.whereNotNull('restore_ms'),
          noun: 'resolved incidents',
        });
      case 'deploymentFrequency':
      case 'changeFailureRate':
        if (!shared.has('deployments')) {
          shared.set('deployments', this.deploymentDays(f, refs, everyone));
        }
        return this.deployments(
          kpi,
          f,
          everyone,
          await shared.get('deployments')!,
        );
      case 'templateRuns':
        return this.daily(f, refs, everyone, {
          table: 'kpi_template_runs',
          at: 'created_at',
          amount: 'COUNT(*)',
          unit: 'perWeek',
          noun: 'template runs',
        });
      case 'hoursLost':
        return this.daily(f, refs, everyone, {
          table: 'kpi_request_facts',
          at: 'created_at',
          amount: 'SUM(hours_lost_per_week)',
          unit: 'hoursPerWeek',
          noun: 'requests',
        });
      default:
        return { reason: `unknown KPI ${kpi}` };
    }
  }

  /** The rows of both windows. */
  private inFrame(table: string, at: string, f: Frame, db: Knex = this.knex) {
    return db(table).where(at, '>=', f.from).where(at, '<', f.to);
  }

  /** SQL true for a row in the scope; `entities` only where the table has entity_ref. */
  private scopeSql(refs: ScopeRefs, withEntity: boolean, nullSafe = false) {
    const parts: string[] = [];
    const bindings: string[] = [];
    const list = (xs: string[]) => xs.map(() => '?').join(', ');
    if (refs.teams.length) {
      parts.push(
        `${nullSafe ? "COALESCE(team_ref, '')" : 'team_ref'} IN (${list(
          refs.teams,
        )})`,
      );
      bindings.push(...refs.teams);
    }
    if (withEntity && refs.entities.length) {
      parts.push(`entity_ref IN (${list(refs.entities)})`);
      bindings.push(...refs.entities);
    }
    return { sql: `(${parts.join(' OR ') || '1 = 0'})`, bindings };
  }

  private segmentSql(refs: ScopeRefs, withEntity: boolean, everyone: boolean) {
    if (everyone) return this.knex.raw("'s'");
    const s = this.scopeSql(refs, withEntity);
    return this.knex.raw(
      `CASE WHEN ${s.sql} THEN 's' ELSE 'r' END`,
      s.bindings,
    );
  }

  /**
   * Days since the before window's start. The start goes in as an integer
   * literal (computed here, never from input): better-sqlite3 binds numbers
   * as REAL, which would make the division fractional.
   */
  private dayIndex(at: string, f: Frame) {
    return this.knex.raw(`(${at} - ${Math.trunc(f.from)}) / ${DAY_MS}`);
  }

  /** Turns (segment, day, amount) rows into per-day series per window. */
  private series(
    rows: Array<{ seg: unknown; day: unknown; amount: unknown; n: unknown }>,
    f: Frame,
  ): Record<Seg, Daily> {
    const make = (): Daily => ({
      before: new Array(f.days).fill(0),
      after: new Array(f.afterDays).fill(0),
      events: [0, 0],
    });
    const out: Record<Seg, Daily> = { s: make(), r: make() };
    for (const row of rows) {
      const d = out[String(row.seg) as Seg];
      const day = num(row.day);
      if (day < f.days) {
        d.before[day] += num(row.amount);
        d.events[0] += num(row.n);
      } else if (day - f.days < f.afterDays) {
        d.after[day - f.days] += num(row.amount);
        d.events[1] += num(row.n);
      }
    }
    return out;
  }

  /** Per-day KPIs: counts or sums per day, tested day against day. */
  private async daily(
    f: Frame,
    refs: ScopeRefs,
    everyone: boolean,
    spec: {
      table: string;
      at: string;
      amount: string;
      unit: ImpactUnit;
      noun: string;
    },
  ): Promise<Measured> {
    const k = this.knex;
    const rows = await this.inFrame(spec.table, spec.at, f)
      .select(
        this.segmentSql(refs, false, everyone).wrap('(', ') AS seg'),
        this.dayIndex(spec.at, f).wrap('', ' AS day'),
        k.raw(`${spec.amount} AS amount`),
        k.raw('COUNT(*) AS n'),
      )
      .groupBy(k.raw('1, 2') as any);
    const series = this.series(rows as any[], f);
    return this.dailyMeasure(series, f, everyone, spec.unit, spec.noun);
  }

  private dailyMeasure(
    series: Record<Seg, Daily>,
    f: Frame,
    everyone: boolean,
    unit: ImpactUnit,
    noun: string,
  ): Measured {
    // perDay for deployments; per week for runs and reported hours.
    const scale = unit === 'perDay' ? 1 : 7;
    const windows = (d: Daily): ImpactWindows => ({
      before: { value: (sum(d.before) / f.days) * scale, n: d.events[0] },
      after: {
        value: f.afterDays ? (sum(d.after) / f.afterDays) * scale : null,
        n: d.events[1],
      },
    });
    const enough = (d: Daily) =>
      f.afterDays >= MIN_AFTER_DAYS &&
      d.events[0] + d.events[1] >= MIN_EVENTS_TOTAL;
    const s = series.s;
    const base = {
      unit,
      testName: DAILY_MANN_WHITNEY,
      changeAs: 'relative' as const,
      scope: windows(s),
      rest: everyone ? null : windows(series.r),
      restEnough: !everyone && enough(series.r),
    };
    if (!enough(s)) {
      return {
        ...base,
        pValue: null,
        shortfall:
          f.afterDays < MIN_AFTER_DAYS
            ? `only ${f.afterDays} whole days have passed since the ship date; at least ${MIN_AFTER_DAYS} are needed`
            : `only ${
                s.events[0] + s.events[1]
              } ${noun} in the scope over both windows; at least ${MIN_EVENTS_TOTAL} are needed`,
      };
    }
    return { ...base, pValue: mannWhitney(s.before, s.after).pValue };
  }

  /** Production deployments per segment and day: one pass for both KPIs. */
  private async deploymentDays(
    f: Frame,
    refs: ScopeRefs,
    everyone: boolean,
  ): Promise<any[]> {
    const k = this.knex;
    return this.inFrame('kpi_deployments', 'finished_at', f)
      .where('production', 1)
      .select(
        this.segmentSql(refs, true, everyone).wrap('(', ') AS seg'),
        this.dayIndex('finished_at', f).wrap('', ' AS day'),
        k.raw(
          "SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END) AS deployments",
        ),
        k.raw('SUM(change_failed) AS failures'),
        k.raw('COUNT(*) AS total'),
      )
      .groupBy(k.raw('1, 2') as any);
  }

  /** Deployment frequency and change failure rate from the per-day rows. */
  private deployments(
    kpi: 'deploymentFrequency' | 'changeFailureRate',
    f: Frame,
    everyone: boolean,
    rows: any[],
  ): Measured {
    if (kpi === 'deploymentFrequency') {
      const series = this.series(
        rows.map(r => ({ ...r, amount: r.deployments, n: r.deployments })),
        f,
      );
      return this.dailyMeasure(
        series,
        f,
        everyone,
        'perDay',
        'successful production deployments',
      );
    }
    const totals = this.series(
      rows.map(r => ({ ...r, amount: r.failures, n: r.total })),
      f,
    );
    const windows = (d: Daily): ImpactWindows => ({
      before: {
        value: d.events[0] ? sum(d.before) / d.events[0] : null,
        n: d.events[0],
      },
      after: {
        value: d.events[1] ? sum(d.after) / d.events[1] : null,
        n: d.events[1],
      },
    });
    const enough = (d: Daily) =>
      Math.min(d.events[0], d.events[1]) >= MIN_EVENTS_PER_WINDOW;
    const s = totals.s;
    const base = {
      unit: 'share' as const,
      testName: TWO_PROPORTIONS,
      changeAs: 'points' as const,
      scope: windows(s),
      rest: everyone ? null : windows(totals.r),
      restEnough: !everyone && enough(totals.r),
    };
    if (!enough(s)) {
      return {
        ...base,
        pValue: null,
        shortfall: shortfallOf(
          s.events,
          'production deployments',
          MIN_EVENTS_PER_WINDOW,
        ),
      };
    }
    return {
      ...base,
      pValue: twoProportions(
        sum(s.before),
        s.events[0],
        sum(s.after),
        s.events[1],
      ).pValue,
    };
  }

  /**
   * Lead time and time to restore: per segment and window the count, the
   * median and (for the scope) every value, for the rank-sum test — in one
   * pass. The values come back as one comma-separated text per window, not
   * a row each: far less for the driver to parse.
   */
  private async durations(
    f: Frame,
    refs: ScopeRefs,
    everyone: boolean,
    spec: {
      table: string;
      at: string;
      value: string;
      filter: (q: Knex.QueryBuilder) => Knex.QueryBuilder;
      noun: string;
    },
  ): Promise<Measured> {
    const rows = await withSortMemory(this.knex, async db => {
      const pg = isPostgres(db);
      const events = spec
        .filter(this.inFrame(spec.table, spec.at, f, db))
        .select(
          this.segmentSql(refs, true, everyone).wrap('(', ') AS seg'),
          db.raw(`CASE WHEN ${spec.at} < ? THEN 'b' ELSE 'a' END AS w`, [
            f.shippedAt,
          ]),
          db.raw(`${spec.value} AS v`),
        );
      const grouped: any[] = await db
        .from(events.as('e'))
        .select(
          'seg',
          'w',
          db.raw('COUNT(*) AS n'),
          db.raw(
            pg
              ? "string_agg(CASE WHEN seg = 's' THEN v::text END, ',') AS vs"
              : "group_concat(CASE WHEN seg = 's' THEN v END) AS vs",
          ),
          ...(pg
            ? [db.raw('percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS m')]
            : []),
        )
        .groupBy('seg', 'w');
      if (!pg && !everyone) {
        // SQLite has no percentile_cont: the rest's medians on their own.
        const medians = await groupedMedian(
          db,
          db
            .from(events.as('e'))
            .where('seg', 'r')
            .select(db.raw('seg || w AS g'), 'v'),
        );
        for (const row of grouped) {
          row.m = medians.get(`${row.seg}${row.w}`) ?? null;
        }
      }
      return grouped;
    });

    const values = { b: new Float64Array(0), a: new Float64Array(0) };
    const rest: ImpactWindows | null = everyone
      ? null
      : { before: empty(), after: empty() };
    for (const row of rows) {
      const w = row.w === 'b' ? 'before' : 'after';
      if (row.seg === 's') {
        values[row.w as 'b' | 'a'] = Float64Array.from(
          String(row.vs ?? '')
            .split(',')
            .filter(Boolean),
          Number,
        );
      } else if (rest) {
        rest[w] = {
          value:
            row.m === null || row.m === undefined ? null : num(row.m) / 1000,
          n: num(row.n),
        };
      }
    }
    const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
    const scope: ImpactWindows = {
      before: { value: seconds(median(values.b)), n: values.b.length },
      after: { value: seconds(median(values.a)), n: values.a.length },
    };
    const enough = (w: ImpactWindows) =>
      Math.min(w.before.n, w.after.n) >= MIN_EVENTS_PER_WINDOW;
    const base = {
      unit: 'seconds' as const,
      testName: MANN_WHITNEY,
      changeAs: 'relative' as const,
      scope,
      rest,
      restEnough: rest !== null && enough(rest),
    };
    if (!enough(scope)) {
      return {
        ...base,
        pValue: null,
        shortfall: shortfallOf(
          [values.b.length, values.a.length],
          spec.noun,
          MIN_EVENTS_PER_WINDOW,
        ),
      };
    }
    return { ...base, pValue: mannWhitney(values.b, values.a).pValue };
  }
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function shortfallOf(
  [before, after]: number[],
  noun: string,
  min: number,
): string {
  const short = before < min ? `${before} before` : `${after} after`;
  return `only ${short} the ship date (${noun} in the scope); at least ${min} are needed in each window`;
}
