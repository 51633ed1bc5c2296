import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseEventStore } from './DatabaseEventStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'DatabaseEventStore.create on %p',
  databaseId => {
    it('runs the migrations', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseEventStore.create({
        database: mockServices.database({ knex }),
        productionEnvironments: ['production'],
      });
      expect(await knex.schema.hasTable('kpi_deployments')).toBe(true);
    });

    it('leaves the schema alone when migrations are skipped', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseEventStore.create({
        database: mockServices.database({
          knex,
          migrations: { skip: true },
        }),
        productionEnvironments: ['production'],
      });
      expect(await knex.schema.hasTable('kpi_deployments')).toBe(false);
    });
  },
);
