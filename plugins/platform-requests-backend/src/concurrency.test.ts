import { TestDatabases } from '@backstage/backend-test-utils';
import { startRequestsBackend, USERS } from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'racing triagers on %p',
  databaseId => {
    // Each transition locked its own request, then the original: crosswise
    // that deadlocked on PostgreSQL and one triager got a 500.
    it('marking two requests duplicates of each other at once: one wins, the other gets a 400', async () => {
      const t = await startRequestsBackend(await databases.init(databaseId));
      for (let round = 0; round < 5; round++) {
        const a = await t.file(USERS.sam);
        const b = await t.file(USERS.jo);
        const answers = await Promise.all([
          t.api(USERS.priya).post(`/requests/${a.key}/transitions`, {
            to: 'duplicate',
            duplicateOf: b.key,
          }),
          t.api(USERS.omar).post(`/requests/${b.key}/transitions`, {
            to: 'duplicate',
            duplicateOf: a.key,
          }),
        ]);
        expect(answers.map(r => r.status).sort()).toEqual([200, 400]);
        const [duplicate, original] =
          answers[0].status === 200 ? [a, b] : [b, a];
        expect(answers.find(r => r.status === 400)!.body.error.message).toBe(
          `duplicateOf: ${duplicate.key} is duplicate; the original must be open or done`,
        );
        const read = async (key: string) =>
          (await t.api(USERS.sam).get(`/requests/${key}`)).body;
        expect(await read(duplicate.key)).toMatchObject({
          status: 'duplicate',
          duplicateOf: original.key,
          version: 2,
        });
        expect(await read(original.key)).toMatchObject({
          status: 'new',
          version: 1,
        });
      }
      await t.backend.stop();
    });
  },
);
