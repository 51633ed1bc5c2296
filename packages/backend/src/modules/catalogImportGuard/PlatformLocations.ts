/*
 * Which imported locations the platform team registered, in a table of the
 * catalog's database. The processor asks it whenever a registered location
 * yields a User, Group or Template, so that a developer cannot slip one in
 * later by editing a file they registered.
 */
import { Knex } from 'knex';

const TABLE = 'lodestar_platform_locations';

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
