import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Server } from 'node:http';
import express from 'express';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { LocalGitStore } from '@internal/plugin-local-git-node';
import { createLocalGitRouter } from './router';

/*
 * The router behind the backend's own error middleware, over real HTTP and
 * real git: what an unauthenticated client may see of the repositories.
 */
describe('the local-git router', () => {
  let root: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-router-'));
    const source = path.join(root, 'source');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'README.md'), '# hello\n');
    const store = new LocalGitStore(path.join(root, 'repos'));
    await store.publish({
      name: 'parcel-tracker',
      sourceDir: source,
      author: { name: 'Priya Nair', email: 'priya@example.com' },
      message: 'Initial commit',
    });
    fs.writeFileSync(path.join(root, 'secret.txt'), 'not for you');

    const app = express();
    app.use('/api/local-git', createLocalGitRouter(store));
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    server = app.listen(0);
    await new Promise(resolve => server.once('listening', resolve));
    base = `http://localhost:${
      (server.address() as AddressInfo).port
    }/api/local-git/repos`;
  });
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  const get = async (url: string) => {
    const res = await fetch(`${base}${url}`);
    return { res, text: await res.text() };
  };

  it('serves files of the repository and of its git folder', async () => {
    const blob = await get('/parcel-tracker/blob/main/README.md');
    expect(blob.res.status).toBe(200);
    expect(blob.text).toBe('# hello\n');
    const head = await get('/parcel-tracker.git/HEAD');
    expect(head.text).toBe('ref: refs/heads/main\n');
  });

  it.each([
    ['/parcel-tracker/blob/main/README.md%00.txt'],
    ['/parcel-tracker/tree/main/src%00'],
  ])(
    'answers a NUL character in a file path (%s) with a 400 naming the path',
    async url => {
      const { res, text } = await get(url);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(text).error.message).toBe(
        'path: must not contain NUL characters',
      );
    },
  );

  it('answers a missing file with a 404 that does not say where repositories live', async () => {
    for (const url of [
      '/parcel-tracker.git/nothing-here',
      '/parcel-tracker.git/%2Fetc%2Fpasswd',
      '/parcel-tracker.git/objects',
    ]) {
      const { res, text } = await get(url);
      expect([url, res.status]).toEqual([url, 404]);
      expect(text).not.toContain(root);
      expect(JSON.parse(text).error.name).toBe('NotFoundError');
    }
  });

  it('refuses to climb out of a repository', async () => {
    const { res, text } = await get('/parcel-tracker.git/..%2F..%2Fsecret.txt');
    expect(res.status).toBe(403);
    expect(text).not.toContain('not for you');
  });
});
