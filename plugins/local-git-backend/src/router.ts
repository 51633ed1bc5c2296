/*
 * Serves the local repositories over HTTP: `git clone` through the dumb
 * protocol (static files of the bare repository), raw files and file lists
 * for people and links. Read-only: pushing back goes through `git push` to a
 * path, not through the portal.
 */
import express from 'express';
import Router from 'express-promise-router';
import { NotFoundError } from '@backstage/errors';
import { LocalGitStore, parseRepoPath } from '@internal/plugin-local-git-node';

export function createLocalGitRouter(store: LocalGitStore): express.Router {
  const router = Router();

  router.get('/repos', async (_req, res) => {
    res.json({ repositories: await store.list() });
  });

  // git clone <base>/repos/<name>.git reads info/refs, HEAD and objects/*.
  router.get(/^\/repos\/([a-z0-9-]+)\.git\/(.+)$/, async (req, res) => {
    const name = req.params[0];
    if (!(await store.exists(name))) {
      throw new NotFoundError(`no repository named ${name}`);
    }
    const file = req.params[1];
    // `root` makes send refuse paths that climb out of the repository.
    await new Promise<void>((resolve, reject) => {
      res.sendFile(
        file,
        {
          root: store.repoPath(name),
          dotfiles: 'deny',
          headers: { 'Cache-Control': 'no-cache' },
        },
        error => (error ? reject(fileError(error, name, file)) : resolve()),
      );
    });
  });

  router.get(/^\/repos\/(.+)$/, async (req, res) => {
    const target = parseRepoPath(req.params[0]);
    if (!target) throw new NotFoundError(`no such page ${req.path}`);
    let content: Buffer | string;
    if (target.kind === 'blob') {
      content = await store.readFile(target.name, target.ref, target.path);
    } else {
      const files = await store.listFiles(target.name, target.ref, target.path);
      content = `${files.join('\n')}\n`;
    }
    // The type is set only now, so that error answers stay JSON.
    res.type('text/plain; charset=utf-8').send(content);
  });

  return router;
}

/**
 * send's "not found" errors carry the file's absolute path on this machine;
 * an unauthenticated client learns only that the repository has no such file.
 */
function fileError(error: any, name: string, file: string): Error {
  const status = error?.status ?? error?.statusCode;
  if (status === 404 || error?.code === 'ENOENT' || error?.code === 'EISDIR') {
    return new NotFoundError(`${name}.git has no file ${file}`);
  }
  return error;
}
