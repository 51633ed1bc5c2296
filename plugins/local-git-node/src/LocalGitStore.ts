/*
 * Bare git repositories in one directory: what `publish:lodestar` writes in
 * the embedded default and what the local-git plugin serves. Uses the git
 * command line, which every machine that clones these repositories has.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { assertRepoName } from '@internal/plugin-scaffolder-lodestar-common';

const run = promisify(execFile);

export type GitPerson = { name: string; email: string };

export type PublishRequest = {
  name: string;
  /** The directory whose files become the first commit. */
  sourceDir: string;
  author: GitPerson;
  message: string;
  description?: string;
  /** Kept in the repository's config so that failed runs can be found later. */
  taskId?: string;
};

const COMMITTER: GitPerson = {
  name: 'Lodestar scaffolder',
  email: 'scaffolder@lodestar.invalid',
};
export const DEFAULT_BRANCH = 'main';

export class LocalGitStore {
  constructor(readonly root: string) {}

  repoPath(name: string): string {
    return path.join(this.root, `${assertRepoName(name)}.git`);
  }

  async exists(name: string): Promise<boolean> {
    return fs
      .stat(this.repoPath(name))
      .then(s => s.isDirectory())
      .catch(() => false);
  }

  async list(): Promise<string[]> {
    const entries = await fs.readdir(this.root).catch(() => []);
    return entries
      .filter(e => e.endsWith('.git') && !e.startsWith('.'))
      .map(e => e.slice(0, -'.git'.length))
      .sort();
  }

  /**
   * Creates the repository with one commit of `sourceDir`. It is built under a
   * temporary name and renamed into place, so a failure leaves nothing behind
   * and two runs racing for one name cannot both win.
   */
  async publish(request: PublishRequest): Promise<{ commitHash: string }> {
    const target = this.repoPath(request.name);
    await fs.mkdir(this.root, { recursive: true });
    if (await this.exists(request.name)) {
      throw new ConflictError(`repository ${request.name} already exists`);
    }
    const staging = await fs.mkdtemp(path.join(this.root, '.staging-'));
    try {
      await git([
        'init',
        '--quiet',
        '--bare',
        `--initial-branch=${DEFAULT_BRANCH}`,
        staging,
      ]);
      const inRepo = (args: string[], env?: NodeJS.ProcessEnv) =>
        git(
          ['--git-dir', staging, '--work-tree', request.sourceDir, ...args],
          env,
        );
      await inRepo(['add', '--all', '.']);
      await inRepo(
        ['commit', '--quiet', '--no-verify', '-m', request.message],
        {
          GIT_AUTHOR_NAME: request.author.name,
          GIT_AUTHOR_EMAIL: request.author.email,
          GIT_COMMITTER_NAME: COMMITTER.name,
          GIT_COMMITTER_EMAIL: COMMITTER.email,
        },
      );
      if (request.taskId) {
        await inRepo(['config', 'lodestar.taskId', request.taskId]);
      }
      // A bare repository has no index; the one `add` wrote is not needed.
      await fs.rm(path.join(staging, 'index'), { force: true });
      await fs.writeFile(
        path.join(staging, 'description'),
        `${request.description ?? request.name}\n`,
      );
      // Clients clone over the "dumb" HTTP protocol, which reads these files.
      await git(['--git-dir', staging, 'update-server-info']);
      const commitHash = (
        await git(['--git-dir', staging, 'rev-parse', 'HEAD'])
      ).trim();
      try {
        await fs.rename(staging, target);
      } catch (e: any) {
        if (e.code === 'ENOTEMPTY' || e.code === 'EEXIST') {
          throw new ConflictError(`repository ${request.name} already exists`);
        }
        throw e;
      }
      return { commitHash };
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
  }

  async remove(name: string): Promise<void> {
    await fs.rm(this.repoPath(name), { recursive: true, force: true });
  }

  async getConfig(name: string, key: string): Promise<string | undefined> {
    try {
      return (
        await git(['--git-dir', this.repoPath(name), 'config', '--get', key])
      ).trim();
    } catch {
      return undefined;
    }
  }

  async setConfig(name: string, key: string, value: string): Promise<void> {
    await git(['--git-dir', this.repoPath(name), 'config', key, value]);
  }

  /** The commit a branch or commit name points at. */
  async resolve(name: string, ref: string): Promise<string> {
    await this.assertExists(name);
    assertRef(ref);
    try {
      return (
        await git([
          '--git-dir',
          this.repoPath(name),
          'rev-parse',
          '--verify',
          '--quiet',
          `${ref}^{commit}`,
        ])
      ).trim();
    } catch {
      throw new NotFoundError(`${name} has no branch or commit ${ref}`);
    }
  }

  async readFile(name: string, ref: string, filePath: string): Promise<Buffer> {
    const commit = await this.resolve(name, ref);
    const { stdout } = await run(
      'git',
      [
        '--git-dir',
        this.repoPath(name),
        'cat-file',
        'blob',
        `${commit}:${normalize(filePath)}`,
      ],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: gitEnv() },
    ).catch(() => {
      throw new NotFoundError(`${name} has no file ${filePath} at ${ref}`);
    });
    return stdout;
  }

  /** Paths of the files under `dir` (the whole tree when empty). */
  async listFiles(name: string, ref: string, dir = ''): Promise<string[]> {
    const commit = await this.resolve(name, ref);
    const args = [
      '--git-dir',
      this.repoPath(name),
      'ls-tree',
      '-r',
      '--name-only',
      commit,
    ];
    const prefix = normalize(dir);
    if (prefix) args.push('--', prefix);
    return (await git(args)).split('\n').filter(Boolean);
  }

  private async assertExists(name: string) {
    if (!(await this.exists(name))) {
      throw new NotFoundError(`no repository named ${name}`);
    }
  }
}

/** A path inside the repository: rooted first, so `..` cannot climb out. */
function normalize(filePath: string): string {
  // git's arguments cannot carry NUL; say so instead of failing with a 500.
  if (filePath.includes('\0')) {
    throw new InputError('path: must not contain NUL characters');
  }
  return path.posix.normalize(`/${filePath}`).slice(1).replace(/\/$/, '');
}

function assertRef(ref: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(ref) || ref.includes('..')) {
    throw new NotFoundError(`invalid ref ${ref}`);
  }
  return ref;
}

function gitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // The user's own git config (hooks, signing, templates) must not change
  // what the portal writes.
  return {
    ...process.env,
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

async function git(args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run('git', args, {
    env: gitEnv(env),
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
