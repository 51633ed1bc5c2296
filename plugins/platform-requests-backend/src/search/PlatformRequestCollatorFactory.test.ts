import { TestDatabases } from '@backstage/backend-test-utils';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import {
  RequestsBackend,
  startRequestsBackend,
  USERS,
} from '../__testUtils__/testBackend';
import { searchModulePlatformRequestsCollator } from './module';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'the search collator on %p',
  databaseId => {
    let t: RequestsBackend;
    const factories: DocumentCollatorFactory[] = [];
    beforeAll(async () => {
      t = await startRequestsBackend(await databases.init(databaseId), {
        features: [searchModulePlatformRequestsCollator],
        extensionPoints: [
          [
            searchIndexRegistryExtensionPoint,
            {
              addCollator: ({
                factory,
              }: {
                factory: DocumentCollatorFactory;
              }) => factories.push(factory),
              addDecorator: () => {},
            },
          ],
        ],
      });
    });

    it('registers with the search plugin and indexes every request, page after page', async () => {
      expect(factories).toHaveLength(1);
      const [factory] = factories;
      expect(factory.type).toBe('platform-request');
      expect(factory.visibilityPermission?.name).toBe(
        'platform-requests.request.read',
      );

      const first = await t.file(USERS.sam, {
        title: 'Index me 🔍',
        description: 'Searchable **Markdown**',
      });
      for (let i = 0; i < 101; i++)
        await t.file(USERS.jo, { title: `Filler ${i}` });

      const documents: any[] = [];
      for await (const document of await factory.getCollator()) {
        documents.push(document);
      }
      expect(documents).toHaveLength(102);
      expect(new Set(documents.map(d => d.key)).size).toBe(102);
      expect(documents[0]).toEqual({
        title: 'Index me 🔍',
        text: 'Searchable **Markdown**',
        location: `/requests/${first.key}`,
        key: first.key,
        status: 'new',
        category: 'pain-point',
        requestingTeam: 'group:default/checkout-team',
      });
    });
  },
);
