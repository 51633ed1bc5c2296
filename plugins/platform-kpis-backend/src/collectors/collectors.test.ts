/*
 * The template-run and catalog collectors on a real database. Here the
 * scaffolder's task list is given as the JSON its API answers, to follow a
 * task from running to finished; templateRunCollector.scaffolder.test.ts
 * runs the collector against the real scaffolder backend.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { applyMigrations } from '../database/migrations';
import { classify, collectCatalog } from './catalogCollector';
import { CollectorState } from '../database/CollectorState';
import { PluginClient } from './PluginClient';
import { collectTemplateRuns, hoursSaved } from './templateRunCollector';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const template: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'typescript-service',
    namespace: 'default',
    annotations: { 'backstage.io/time-saved': 'PT6H' },
  },
  spec: {},
};
const sam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'sam.rivera', namespace: 'default' },
  spec: {},
  relations: [{ type: 'memberOf', targetRef: 'group:default/checkout-team' }],
};

function task(id: string, status: string, createdAt: string) {
  return {
    id,
    status,
    createdAt,
    lastHeartbeatAt: new Date(Date.parse(createdAt) + 90_000).toISOString(),
    createdBy: 'user:default/sam.rivera',
    spec: {
      templateInfo: { entityRef: 'template:default/typescript-service' },
      user: { ref: 'user:default/sam.rivera' },
    },
  };
}

describe('hoursSaved', () => {
  it('reads backstage.io/time-saved as an ISO 8601 duration', () => {
    expect(hoursSaved(template)).toBe(6);
    expect(hoursSaved(undefined)).toBe(0);
    const odd = {
      ...template,
      metadata: {
        ...template.metadata,
        annotations: { 'backstage.io/time-saved': 'six hours' },
      },
    };
    expect(hoursSaved(odd)).toBe(0);
  });
});

describe('classify', () => {
  const owners = new Set(['group:default/checkout-team']);
  it('flags what a component misses', () => {
    const row = classify(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'x',
          namespace: 'default',
          annotations: { 'backstage.io/orphan': 'true' },
        },
        spec: { type: 'service', owner: 'group:default/gone-team' },
      },
      owners,
    );
    expect(row).toEqual({
      entity_ref: 'component:default/x',
      team_ref: 'group:default/gone-team',
      valid_owner: 0,
      has_system: 0,
      has_lifecycle: 0,
      needs_api: 1,
      has_api: 0,
      orphan: 1,
      from_template: 0,
    });
  });
});

describe.each(databases.eachSupportedId())(
  'collectTemplateRuns on %p',
  databaseId => {
    let knex: Knex;
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await applyMigrations(mockServices.database({ knex }), knex);
    });

    it('copies outcomes once, revisits only unfinished tasks, and is safe to rerun', async () => {
      const pages: Array<Array<ReturnType<typeof task>>> = [
        [
          task('t3', 'processing', '2026-06-03T10:00:00Z'),
          task('t2', 'failed', '2026-06-02T10:00:00Z'),
          task('t1', 'completed', '2026-06-01T10:00:00Z'),
        ],
      ];
      const requested: string[] = [];
      const client = {
        async get(_plugin: string, path: string) {
          requested.push(path);
          return { tasks: pages[0] };
        },
      } as unknown as PluginClient;
      const deps = {
        knex,
        client,
        catalog: catalogServiceMock({ entities: [template, sam] }),
        auth: mockServices.auth(),
        state: new CollectorState(knex),
        now: () => Date.parse('2026-06-04T00:00:00Z'),
      };
      await collectTemplateRuns(deps);
      const rows = await knex('kpi_template_runs').orderBy('task_id');
      expect(
        rows.map(r => [
          r.task_id,
          r.status,
          r.team_ref,
          Number(r.hours_saved),
          r.duration_ms === null ? null : Number(r.duration_ms),
        ]),
      ).toEqual([
        ['t1', 'completed', 'group:default/checkout-team', 6, 90_000],
        ['t2', 'failed', 'group:default/checkout-team', 0, 90_000],
        ['t3', 'processing', 'group:default/checkout-team', 0, null],
      ]);

      // t3 finishes; the next run reads back to t3 and no further.
      pages[0] = [
        task('t3', 'completed', '2026-06-03T10:00:00Z'),
        ...pages[0].slice(1),
      ];
      await collectTemplateRuns(deps);
      await collectTemplateRuns(deps);
      const after = await knex('kpi_template_runs').orderBy('task_id');
      expect(after).toHaveLength(3);
      expect(after[2]).toMatchObject({ task_id: 't3', status: 'completed' });
      expect(Number(after[2].hours_saved)).toBe(6);
      const state = await deps.state.read<{ settledBefore: number }>(
        'template-runs',
      );
      expect(state?.settledBefore).toBe(Date.parse('2026-06-03T10:00:00Z'));
    });
  },
);

describe.each(databases.eachSupportedId())(
  'collectCatalog on %p',
  databaseId => {
    let knex: Knex;
    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await applyMigrations(mockServices.database({ knex }), knex);
    });

    const group = (name: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team' },
    });
    const service = (owner: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout-api', namespace: 'default' },
      spec: { type: 'service', lifecycle: 'production', owner, system: 'shop' },
      relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
    });
    const run = (entities: Entity[]) =>
      collectCatalog({
        knex,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        state: new CollectorState(knex),
        now: () => Date.parse('2026-06-04T12:00:00Z'),
      });

    it('snapshots the catalog, moves events to a new owner, and keeps the snapshot when the catalog answers nothing', async () => {
      await knex('kpi_deployments').insert({
        id: 'd1',
        entity_ref: 'component:default/checkout-api',
        team_ref: 'group:default/old-team',
        environment: 'production',
        production: 1,
        status: 'success',
        started_at: 1,
        finished_at: 2,
        commit_shas: '[]',
        received_at: 3,
      });
      await run([group('checkout-team'), service('checkout-team')]);
      const teamOf = async () =>
        (await knex('kpi_deployments').where('id', 'd1').first()).team_ref;
      expect(await teamOf()).toBe('group:default/checkout-team');
      const snapshot = await knex('kpi_catalog_snapshots');
      expect(snapshot).toHaveLength(1);
      expect(Number(snapshot[0].components)).toBe(1);

      // Ingestion stamped the old owner from its cache after that run.
      await knex('kpi_deployments')
        .where('id', 'd1')
        .update({ team_ref: 'group:default/old-team' });
      await run([group('checkout-team'), service('checkout-team')]);
      expect(await teamOf()).toBe('group:default/checkout-team');

      await run([]);
      expect(await knex('kpi_catalog_components')).toHaveLength(1);
    });
  },
);
