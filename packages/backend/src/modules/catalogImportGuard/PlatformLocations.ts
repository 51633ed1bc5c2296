/*
 * Which imported locations the platform team registered, in a table of the
 * catalog's database. The processor asks it whenever a registered location
 * yields a User, Group or Template, so that a developer cannot slip one in
 * later by editing a file they registered.
 */
import { createHash } from 'node:crypto';
import { Knex } from 'knex';

const TABLE = 'lodestar_platform_locations';

/**
 * The entity providers that discover catalog files in repositories, by the
 * prefix of their provider name (their entities' location key in the
 * catalog's refresh_state).
 */
const DISCOVERY_PROVIDER_PREFIXES = [
  'github-provider:',
  'GitlabDiscoveryEntityProvider:',
];

/** The Location entity the catalog makes for a location (catalog-node's rule). */
function locationEntityRef(type: string, target: string): string {
  const hash = createHash('sha1').update(`${type}:${target}`).digest('hex');
  return `location:default/generated-${hash}`;
}

export class PlatformLocations {
  private ready?: Promise<void>;

  constructor(private readonly db: Knex) {}

  private ensureTable(): Promise<void> {
    this.ready ??= (async () => {
      if (await this.db.schema.hasTable(TABLE)) return;
      await this.db.schema
        .createTable(TABLE, table => {
          table.string('target', 4096).primary();
          table.string('registered_by').notNullable();
          table.bigInteger('registered_at').notNullable();
        })
        // Another replica created it first.
        .catch(async error => {
          if (!(await this.db.schema.hasTable(TABLE))) throw error;
        });
    })();
    return this.ready;
  }

  async add(target: string, registeredBy: string): Promise<void> {
    await this.ensureTable();
    await this.db(TABLE)
      .insert({
        target,
        registered_by: registeredBy,
        registered_at: Date.now(),
      })
      .onConflict('target')
      .merge();
  }

  async remove(target: string): Promise<void> {
    await this.ensureTable();
    await this.db(TABLE).where({ target }).delete();
  }

  async registeredByPlatform(target: string): Promise<boolean> {
    await this.ensureTable();
    return Boolean(await this.db(TABLE).where({ target }).first());
  }

  /**
   * Whether repository discovery brought `target` in: a file anyone who can
   * push to a repository of the organisation may write, so it counts as
   * registered by others.
   */
  async discovered(type: string, target: string): Promise<boolean> {
    const row = await this.db('refresh_state')
      .where({ entity_ref: locationEntityRef(type, target) })
      .first('location_key');
    const key: string | null | undefined = row?.location_key;
    return Boolean(
      key && DISCOVERY_PROVIDER_PREFIXES.some(prefix => key.startsWith(prefix)),
    );
  }

  /**
   * Whether people registered `target` through the catalog API (the
   * catalog's own `locations` table; the config's locations and entity
   * providers are not in it) without the platform team.
   */
  async registeredByOthers(type: string, target: string): Promise<boolean> {
    await this.ensureTable();
    const registered = await this.db('locations')
      .where({ type, target })
      .first();
    if (!registered) return false;
    return !(await this.registeredByPlatform(target));
  }
}
