import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { createOrgSyncProgress } from './orgSyncProgress';

describe('createOrgSyncProgress', () => {
  let server: http.Server;
  let answer: { status: number; body: unknown };
  let seenAuthorization: string | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seenAuthorization = req.headers.authorization;
      if (req.url !== '/api/catalog/.backstage/scheduler/v1/tasks') {
        res.writeHead(404).end();
        return;
      }
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer.body));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  const progress = () =>
    createOrgSyncProgress({
      discovery: {
        getBaseUrl: async (id: string) => `${baseUrl}/api/${id}`,
        getExternalBaseUrl: async (id: string) => `${baseUrl}/api/${id}`,
      },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
  const task = (taskId: string, lastRunEndedAt?: string) => ({
    taskId,
    pluginId: 'catalog',
    scope: 'global',
    taskState: lastRunEndedAt
      ? { status: 'idle', lastRunEndedAt }
      : { status: 'idle' },
  });

  it('waits until every org sync has finished a run', async () => {
    answer = {
      status: 200,
      body: {
        tasks: [
          task('MicrosoftGraphOrgEntityProvider:default:refresh'),
          task('LdapOrgEntityProvider:default:refresh', '2026-01-01T10:00:00Z'),
          task('some-other-task'),
        ],
      },
    };
    expect(await progress()()).toBe(false);
    expect(seenAuthorization).toMatch(/^Bearer /);

    answer = {
      status: 200,
      body: {
        tasks: [
          task(
            'MicrosoftGraphOrgEntityProvider:default:refresh',
            '2026-01-01T10:00:05Z',
          ),
          task('LdapOrgEntityProvider:default:refresh', '2026-01-01T10:00:00Z'),
          task('GithubMultiOrgEntityProvider:default:refresh', undefined),
        ],
      },
    };
    expect(await progress()()).toBe(false);
    (answer.body as any).tasks[2] = task(
      'GithubMultiOrgEntityProvider:default:refresh',
      '2026-01-01T10:01:00Z',
    );
    expect(await progress()()).toBe(true);
  });

  it('has nothing to wait for without org sources', async () => {
    answer = { status: 200, body: { tasks: [task('some-other-task')] } };
    expect(await progress()()).toBe(true);
  });

  it('does not wait forever when the catalog cannot say', async () => {
    answer = { status: 503, body: { error: { message: 'unavailable' } } };
    expect(await progress()()).toBe(true);
  });
});
