/*
 * DEMO DATA: about sixty golden-path runs by the demo people, through the
 * real scaffolder (POST /api/scaffolder/v2/tasks, as each person), and the
 * "How was it?" rating most of them give afterwards (PUT
 * /api/platform-surveys/golden-path-runs/<task>/rating). Each run of a
 * publishing template creates a local repository and registers a component
 * named in RUNS below (names no demo catalog entity has). Two runs fail on
 * purpose (a name already in the catalog: the checks refuse it before
 * anything is written), and catalog-info gets too few ratings to pass the
 * anonymity floor, so the KPI page shows both cases.
 *
 * The scaffolder stamps every task with the time it ran; these runs cannot
 * be backdated, so all of them are from the day the demo was first started
 * (docs/kpis.md says so). Idempotent: a run whose template and name some
 * existing task already has is not run again, nor rated.
 */
import { createRandom } from '../random';
import { DEMO_TEAMS } from './requestStory';

const POLL_MS = 1_000;
const RUN_TIMEOUT_MS = 120_000;
const CATALOG_WAIT_MS = 300_000;
/** Runs at a time: the scaffolder works on several tasks at once. */
const WIDTH = 3;
const DEMO_NOTE = ' (Demo data, seeded by npm start.)';

type TemplateName =
  | 'typescript-service'
  | 'react-web-app'
  | 'scheduled-job'
  | 'catalog-info';

/** The system each team's new components join. */
const TEAM_SYSTEMS: Record<string, string> = {
  'checkout-team': 'storefront',
  'payments-team': 'payments',
  'routing-team': 'shipment-routing',
  'fleet-team': 'fleet-ops',
  'customer-web-team': 'storefront',
  'data-team': 'data-platform',
  'platform-team': 'developer-platform',
};

const S = 'typescript-service';
const W = 'react-web-app';
const J = 'scheduled-job';
const C = 'catalog-info';

/** Per team: what its people started from a golden path, and what for. */
const RUNS: Record<string, Array<[string, TemplateName, string]>> = {
  'checkout-team': [
    ['basket-pricing', S, 'Prices a basket with promotions and tax.'],
    ['coupon-validator', S, 'Checks coupon codes at checkout.'],
    ['gift-card-service', S, 'Issues and redeems gift cards.'],
    ['order-history-service', S, 'Serves a customer’s past orders.'],
    ['wishlist-service', S, 'Keeps customers’ wish lists.'],
    ['stale-cart-cleaner', J, 'Removes carts untouched for 30 days.'],
    ['abandoned-cart-mailer', J, 'Reminds customers of carts they left.'],
    ['checkout-admin-web', W, 'Back office for checkout settings.'],
    ['legacy-order-export', C, 'Puts the old order export in the catalog.'],
  ],
  'payments-team': [
    ['chargeback-service', S, 'Tracks chargebacks from the card schemes.'],
    ['payment-links-service', S, 'Creates pay-by-link payments.'],
    ['card-vault-proxy', S, 'Tokenises card numbers before storage.'],
    ['payout-scheduler', J, 'Schedules merchant payouts.'],
    ['currency-rates-sync', J, 'Fetches exchange rates every hour.'],
    ['ledger-reconciler', J, 'Reconciles the ledger with bank statements.'],
    ['settlement-report-job', J, 'Builds the daily settlement report.'],
    ['dispute-portal-web', W, 'Lets merchants answer disputes.'],
    ['fraud-scorer', S, 'A second fraud scorer (the name is taken).'],
  ],
  'routing-team': [
    ['depot-capacity-service', S, 'Knows how full each depot is.'],
    ['geocoder-cache', S, 'Caches geocoding answers.'],
    ['delivery-window-service', S, 'Offers delivery time slots.'],
    ['address-validator', S, 'Checks delivery addresses.'],
    ['eta-backfill-job', J, 'Backfills ETAs for late shipments.'],
    ['carrier-rates-sync', J, 'Imports carrier rate cards.'],
    ['route-replay-web', W, 'Replays a day’s routes on a map.'],
    ['routing-ops-console', W, 'Console for the routing on-call.'],
  ],
  'fleet-team': [
    ['vehicle-health-service', S, 'Collects vehicle fault codes.'],
    ['driver-shift-planner', S, 'Plans driver shifts.'],
    ['workshop-booking-service', S, 'Books vehicles into workshops.'],
    ['fuel-card-import', J, 'Imports fuel card transactions.'],
    ['tyre-check-reminder', J, 'Reminds depots of tyre checks.'],
    ['odometer-sync', J, 'Syncs odometer readings.'],
    ['fleet-map-web', W, 'Shows where the vans are.'],
    ['fleet-registry', S, 'A new fleet registry (the name is taken).'],
  ],
  'customer-web-team': [
    ['order-tracking-web', W, 'Order tracking for customers.'],
    ['help-center-web', W, 'The help centre.'],
    ['account-settings-web', W, 'Customers’ account settings.'],
    ['returns-portal-web', W, 'Returns, self-service.'],
    ['store-locator-web', W, 'Finds the nearest pick-up point.'],
    ['newsletter-signup-service', S, 'Takes newsletter sign-ups.'],
    ['sitemap-builder', J, 'Rebuilds the sitemap nightly.'],
    ['old-landing-pages', C, 'Puts the landing pages repo in the catalog.'],
  ],
  'data-team': [
    ['metrics-catalog-service', S, 'Serves metric definitions.'],
    ['feature-store-service', S, 'Serves model features.'],
    ['events-to-parquet', J, 'Writes the event stream to Parquet.'],
    ['nightly-dbt-runner', J, 'Runs the dbt models every night.'],
    ['data-quality-checks', J, 'Checks row counts and freshness.'],
    ['pii-scanner-job', J, 'Scans new tables for personal data.'],
    ['lineage-explorer-web', W, 'Explores table lineage.'],
    ['bi-dashboards', C, 'Puts the BI dashboards repo in the catalog.'],
  ],
  'platform-team': [
    ['runner-autoscaler', S, 'Scales the CI runners.'],
    ['cost-report-service', S, 'Reports cloud cost per team.'],
    ['secret-rotation-job', J, 'Rotates service secrets.'],
    ['preview-env-reaper', J, 'Removes idle preview environments.'],
    ['artifact-cleanup-job', J, 'Deletes old build artifacts.'],
    ['platform-status-web', W, 'The platform status page.'],
    ['terraform-modules', C, 'Puts the Terraform modules in the catalog.'],
  ],
};

/** How each template tends to be rated (weights for 1 … 5). */
const SCORE_WEIGHTS: Record<TemplateName, number[]> = {
  'typescript-service': [0, 1, 3, 7, 9],
  'react-web-app': [0, 2, 5, 8, 5],
  'scheduled-job': [0, 1, 4, 8, 7],
  'catalog-info': [0, 1, 3, 4, 2],
};

export type GoldenPathRun = {
  /** The person who runs it (a demo login). */
  by: string;
  template: TemplateName;
  values: Record<string, unknown>;
  /** Fails: its name is a component the catalog has. */
  fails: boolean;
  /** The score they give afterwards, or none. */
  score?: number;
};

/** Deterministic: the same runs and scores every time. */
export function demoGoldenPathRuns(): GoldenPathRun[] {
  const random = createRandom('demo golden-path runs');
  const runs: GoldenPathRun[] = [];
  let catalogInfoRuns = 0;
  for (const [team, list] of Object.entries(RUNS)) {
    for (const [name, template, what] of list) {
      const fails = what.includes('(the name is taken)');
      // catalog-info is rated rarely (every other run): below the floor.
      const rated =
        template === C ? catalogInfoRuns++ % 2 === 0 : random.chance(0.8);
      const weights = SCORE_WEIGHTS[template];
      const by = random.pick(DEMO_TEAMS[team]);
      const values = valuesFor(template, name, what, team, random.chance(0.2));
      let score: number | undefined;
      // Whoever hit a taken name says so.
      if (fails) score = 2;
      else if (rated) {
        score = random.weighted(weights.map((w, i) => [i + 1, w] as const));
      }
      runs.push({ by, template, values, fails, score });
    }
  }
  return runs;
}

function valuesFor(
  template: TemplateName,
  name: string,
  what: string,
  team: string,
  production: boolean,
): Record<string, unknown> {
  const common = {
    name,
    description: `${what.replace(' (the name is taken)', '')}${DEMO_NOTE}`,
    owner: `group:default/${team}`,
    system: `system:default/${TEAM_SYSTEMS[team]}`,
    lifecycle: production ? 'production' : 'experimental',
  };
  if (template === 'scheduled-job') return { ...common, schedule: '0 2 * * *' };
  return common;
}

export const DEMO_GOLDEN_PATH_RUNS = demoGoldenPathRuns().length;

/** What the seeder needs: seed.ts's API client, calling as a demo person. */
export type GoldenPathApi = {
  call(
    as: string,
    method: string,
    path: string,
    at: number,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
};

export type GoldenPathSeedResult = {
  /** Runs started now (0 when all were there already). */
  runs: number;
  /** Of those, how many the scaffolder finished as completed. */
  completed: number;
  ratings: number;
};

const keyOf = (template: string, name: unknown) =>
  `${template.replace(/^template:default\//, '')}/${String(name)}`;

/** Runs and rates the demo golden paths that have not been run before. */
export async function seedGoldenPathRuns(
  api: GoldenPathApi,
  now: number,
): Promise<GoldenPathSeedResult> {
  const plan = demoGoldenPathRuns();
  await catalogReady(api, plan, plan[0].by, now);
  const done = await existingRuns(api, plan[0].by, now);
  const todo = plan.filter(r => !done.has(keyOf(r.template, r.values.name)));
  const result: GoldenPathSeedResult = { runs: 0, completed: 0, ratings: 0 };
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const run = todo[next++];
      const status = await runToTheEnd(api, run, now);
      result.runs++;
      if (status.status === 'completed') result.completed++;
      if (run.score !== undefined) {
        await api.call(
          run.by,
          'PUT',
          `/api/platform-surveys/golden-path-runs/${status.id}/rating`,
          now,
          { score: run.score },
        );
        result.ratings++;
      }
    }
  };
  await Promise.all(Array.from({ length: WIDTH }, worker));
  return result;
}

/**
 * Waits until the catalog has what the runs need: the templates, the
 * systems, and the components the two failing runs collide with (else they
 * would succeed). Soon after a first start the catalog is still loading.
 */
async function catalogReady(
  api: GoldenPathApi,
  plan: GoldenPathRun[],
  as: string,
  now: number,
) {
  const refs = new Set<string>();
  for (const run of plan) {
    refs.add(`template/default/${run.template}`);
    refs.add(
      String(run.values.system).replace(/^system:default\//, 'system/default/'),
    );
    if (run.fails) refs.add(`component/default/${run.values.name}`);
  }
  const deadline = Date.now() + CATALOG_WAIT_MS;
  for (const ref of refs) {
    for (;;) {
      const found = await api
        .call(as, 'GET', `/api/catalog/entities/by-name/${ref}`, now)
        .then(
          () => true,
          () => false,
        );
      if (found) break;
      if (Date.now() > deadline) {
        throw new Error(
          `the catalog has no ${ref} after ${CATALOG_WAIT_MS / 1000} s`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 2_000));
    }
  }
}

/** Template and name of every task the scaffolder has, newest first. */
async function existingRuns(
  api: GoldenPathApi,
  as: string,
  now: number,
): Promise<Set<string>> {
  const keys = new Set<string>();
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const { body } = await api.call(
      as,
      'GET',
      `/api/scaffolder/v2/tasks?order=desc:created_at&limit=${limit}&offset=${offset}`,
      now,
    );
    const tasks = body.tasks as Array<{
      spec?: {
        templateInfo?: { entityRef?: string };
        parameters?: { name?: unknown };
      };
    }>;
    for (const task of tasks) {
      const ref = task.spec?.templateInfo?.entityRef;
      if (ref) keys.add(keyOf(ref, task.spec?.parameters?.name));
    }
    if (tasks.length < limit) return keys;
  }
}

async function runToTheEnd(
  api: GoldenPathApi,
  run: GoldenPathRun,
  now: number,
): Promise<{ id: string; status: string }> {
  const { body } = await api.call(
    run.by,
    'POST',
    '/api/scaffolder/v2/tasks',
    now,
    {
      templateRef: `template:default/${run.template}`,
      values: run.values,
    },
  );
  const started = Date.now();
  for (let misses = 0; ; ) {
    const task = await api
      .call(run.by, 'GET', `/api/scaffolder/v2/tasks/${body.id}`, now)
      .then(
        answer => answer.body,
        error => {
          // A busy machine drops an odd status read; the run goes on.
          if (++misses > 3) throw error;
          return { status: 'unknown' };
        },
      );
    if (['completed', 'failed', 'cancelled'].includes(task.status)) {
      return { id: body.id, status: task.status };
    }
    if (Date.now() - started > RUN_TIMEOUT_MS) {
      throw new Error(
        `golden-path run ${run.values.name} still ${task.status} after ${RUN_TIMEOUT_MS} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}
