/*
 * Catalog health: every 10 minutes, classify every Component (owner that
 * exists, system, lifecycle, an API where its type says it serves one,
 * orphaned, created from a template) into kpi_catalog_components, and keep
 * today's per-team counts in kpi_catalog_snapshots (counted in SQL). Also
 * re-stamps KPI events whose service changed owner, so team KPIs follow
 * the catalog. Rerunning replaces the same rows: safe.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { DAY_MS } from '../queries/window';
import { ownerOf, refOf } from '../service/ServiceDirectory';
import { CollectorState } from '../database/CollectorState';

/** Component types that are expected to provide an API. */
const SERVES_API = new Set(['service']);

type ComponentRow = {
  entity_ref: string;
  team_ref: string | null;
  valid_owner: number;
  has_system: number;
  has_lifecycle: number;
  needs_api: number;
  has_api: number;
  orphan: number;
  from_template: number;
};

export function classify(entity: Entity, owners: Set<string>): ComponentRow {
  const owner = ownerOf(entity);
  const annotations = entity.metadata.annotations ?? {};
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const provides =
    (Array.isArray(spec.providesApis) && spec.providesApis.length > 0) ||
    (entity.relations ?? []).some(r => r.type === 'providesApi');
  const flag = (b: unknown) => (b ? 1 : 0);
  return {
    entity_ref: refOf(entity),
    team_ref: owner,
    valid_owner: flag(owner && owners.has(owner)),
    has_system: flag(typeof spec.system === 'string' && spec.system),
    has_lifecycle: flag(typeof spec.lifecycle === 'string' && spec.lifecycle),
    needs_api: flag(SERVES_API.has(String(spec.type ?? ''))),
    has_api: flag(provides),
    orphan: flag(annotations['backstage.io/orphan'] === 'true'),
    from_template: flag(annotations['backstage.io/source-template']),
  };
}

export async function collectCatalog(deps: {
  knex: Knex;
  catalog: CatalogService;
  auth: AuthService;
  state: CollectorState;
  now?: () => number;
}): Promise<{ components: number; reowned: number }> {
  const { knex, catalog, auth, state } = deps;
  const now = (deps.now ?? Date.now)();
  const credentials = await auth.getOwnServiceCredentials();
  const [components, parties] = await Promise.all([
    catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: ['kind', 'metadata', 'spec', 'relations'],
      },
      { credentials },
    ),
    catalog.getEntities(
      {
        filter: [{ kind: 'Group' }, { kind: 'User' }],
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    ),
  ]);
  const owners = new Set(parties.items.map(refOf));
  const rows = components.items.map(e => classify(e, owners));
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  // An empty answer is the catalog starting or failing, not a catalog
  // without components: keep the last snapshot rather than wipe it.
  if (rows.length === 0) return { components: 0, reowned: 0 };
  const previous = (await state.read<CatalogState>('catalog')) ?? {};

  let reowned = 0;
  const changed: string[] = [];
  await knex.transaction(async tx => {
    const before = new Map<string, string | null>(
      (await tx('kpi_catalog_components').select('entity_ref', 'team_ref')).map(
        (r: any) => [r.entity_ref, r.team_ref],
      ),
    );
    await tx('kpi_catalog_components').delete();
    for (let i = 0; i < rows.length; i += 200) {
      await tx('kpi_catalog_components').insert(rows.slice(i, i + 200));
    }
    // Re-stamp events of services whose owner changed, or that are new to
    // the snapshot; and again those that changed last run, since ingestion
    // may have stamped the old owner from its minute-long cache meanwhile.
    const again = new Set(previous.reowned ?? []);
    for (const row of rows) {
      const moved =
        !before.has(row.entity_ref) ||
        before.get(row.entity_ref) !== row.team_ref;
      if (moved) changed.push(row.entity_ref);
      if (!moved && !again.has(row.entity_ref)) continue;
      for (const table of ['kpi_deployments', 'kpi_incidents', 'kpi_changes']) {
        const stale = tx(table).where('entity_ref', row.entity_ref);
        if (row.team_ref === null) stale.whereNotNull('team_ref');
        else {
          stale.where(q =>
            q.whereNull('team_ref').orWhereNot('team_ref', row.team_ref),
          );
        }
        reowned += await stale.update({ team_ref: row.team_ref });
      }
    }
    await tx('kpi_catalog_snapshots').where('day_start', dayStart).delete();
    await tx.raw(
      `INSERT INTO kpi_catalog_snapshots
         (day_start, team_ref, components, valid_owner, has_system, has_lifecycle,
          needs_api, has_api, orphans, from_template, taken_at)
       SELECT ?, COALESCE(team_ref, ''), COUNT(*), SUM(valid_owner), SUM(has_system),
              SUM(has_lifecycle), SUM(needs_api), SUM(has_api), SUM(orphan),
              SUM(from_template), ?
         FROM kpi_catalog_components
        GROUP BY COALESCE(team_ref, '')`,
      [dayStart, now],
    );
    await state.write(
      'catalog',
      { reowned: changed } satisfies CatalogState,
      now,
      tx,
    );
  });
  return { components: rows.length, reowned };
}

type CatalogState = {
  /** Components whose owner changed in the last run. */
  reowned?: string[];
};
