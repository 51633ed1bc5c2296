import { TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MIGRATION = '20261204120000_kpis_webhooks.js';

describe.each(databases.eachSupportedId())(
  'the webhook migration on %p',
  databaseId => {
    it('goes up with its keys and down again with data in it', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });

      const delivery = {
        source: 'github',
        delivery_id: 'd-1',
        received_at: 1,
        outcome: 'accepted',
      };
      await knex('kpi_webhook_deliveries').insert(delivery);
      // (source, delivery_id) is the key: a delivery is recorded once.
      await expect(
        knex('kpi_webhook_deliveries').insert(delivery),
      ).rejects.toThrow();
      await knex('kpi_webhook_deliveries').insert({
        ...delivery,
        source: 'gitlab',
      });
      await knex('kpi_unmatched_webhook_events').insert({
        source: 'github',
        claim_value: 'acme/foo',
        annotation: 'github.com/project-slug',
        event_type: 'deployment',
        event_id: 'e-1',
        event: '{}',
        first_seen: 1,
        last_seen: 1,
      });
      const kept = await knex('kpi_unmatched_webhook_events').first();
      expect(kept.resolves).toBe(0);

      const [, rolledBack] = await knex.migrate.down({
        directory: migrationsDir,
      });
      expect(rolledBack).toEqual([MIGRATION]);
      expect(await knex.schema.hasTable('kpi_webhook_deliveries')).toBe(false);
      expect(await knex.schema.hasTable('kpi_unmatched_webhook_events')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('kpi_webhook_deliveries')).toBe(true);
    });
  },
);
