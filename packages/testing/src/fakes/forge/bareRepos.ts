/*
 * The repositories of the local forge: real bare git repositories in a temp
 * directory, created, read and written with the real `git` (never
 * re-implemented), so that what a test asserts is what a clone shows.
 * The GitHub and GitLab stand-ins keep their metadata; the git objects,
 * branches and default branch live here.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { availableOrSkip } from '../../skip';

const run = promisify(execFile);

export type GitIdentity = { name: string; email: string; date?: string };

export type TreeEntry = {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
};

/** Where git keeps its http-backend, or undefined without git. */
export function gitHttpBackendPath(): string | undefined {
  const probe = spawnSync('git', ['--exec-path'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  return path.join(probe.stdout.trim(), 'git-http-backend');
}

/** `git` is on PATH (CI installs it); says why not otherwise. */
export function gitMissing(): string | undefined {
  const backend = gitHttpBackendPath();
  if (!backend) return 'git is not installed';
  if (!fs.existsSync(backend))
    return `git-http-backend is missing (${backend})`;
  return undefined;
}

/**
 * For a test file's top level: true when the local forge can run. Otherwise
 * prints a line starting with SKIPPING and, when CI=true, throws.
 */
export function gitAvailableOrSkip(what: string): boolean {
  return availableOrSkip(what, gitMissing(), 'git (with git http-backend)');
}

export class BareRepos {
  readonly root: string;

  constructor(root?: string) {
    this.root =
      root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-forge-'));
  }

  /** owner may be a nested group path (a/b); the repository is <name>.git. */
  dir(fullName: string): string {
    const safe = fullName.split('/').filter(Boolean);
    if (safe.some(part => part === '..' || part === '.')) {
      throw new Error(`unsafe repository path ${fullName}`);
    }
    return `${path.join(this.root, ...safe)}.git`;
  }

  exists(fullName: string): boolean {
    return fs.existsSync(path.join(this.dir(fullName), 'HEAD'));
  }

  /** An empty bare repository whose HEAD names `defaultBranch` (unborn). */
  async create(fullName: string, defaultBranch = 'main'): Promise<void> {
    const dir = this.dir(fullName);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await run('git', ['init', '--quiet', '--bare', dir]);
    await this.git(fullName, [
      'symbolic-ref',
      'HEAD',
      `refs/heads/${defaultBranch}`,
    ]);
    // Pushes arrive through git http-backend as an authenticated user.
    await this.git(fullName, ['config', 'http.receivepack', 'true']);
  }

  remove(fullName: string): void {
    fs.rmSync(this.dir(fullName), { recursive: true, force: true });
  }

  async git(
    fullName: string,
    args: string[],
    options: { env?: Record<string, string>; input?: string | Buffer } = {},
  ): Promise<string> {
    const child = execFile('git', ['--git-dir', this.dir(fullName), ...args], {
      env: { ...process.env, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'buffer',
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout!.on('data', c => chunks.push(c));
    child.stderr!.on('data', c => errors.push(c));
    const code = await new Promise<number | null>(resolve =>
      child.on('close', resolve),
    );
    if (code !== 0) {
      throw new Error(
        `git ${args.join(' ')} failed: ${Buffer.concat(errors).toString()}`,
      );
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** The branch HEAD names, whether or not it has commits yet. */
  async defaultBranch(fullName: string): Promise<string> {
    const ref = (await this.git(fullName, ['symbolic-ref', 'HEAD'])).trim();
    return ref.replace(/^refs\/heads\//, '');
  }

  async setDefaultBranch(fullName: string, branch: string): Promise<void> {
    await this.git(fullName, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
  }

  async branches(fullName: string): Promise<string[]> {
    const out = await this.git(fullName, [
      'for-each-ref',
      '--format=%(refname:short)',
      'refs/heads/',
    ]);
    return out.split('\n').filter(Boolean);
  }

  /** The commit a ref or sha points at, or undefined. */
  async resolve(fullName: string, ref: string): Promise<string | undefined> {
    try {
      const out = await this.git(fullName, [
        'rev-parse',
        '--verify',
        '--quiet',
        `${ref}^{commit}`,
      ]);
      return out.trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async treeOf(fullName: string, commit: string): Promise<string> {
    return (await this.git(fullName, ['rev-parse', `${commit}^{tree}`])).trim();
  }

  async isEmpty(fullName: string): Promise<boolean> {
    return (await this.branches(fullName)).length === 0;
  }

  /**
   * After a push: the first branch pushed to an empty repository becomes its
   * default branch, as on GitHub and GitLab.
   */
  async adoptFirstBranch(fullName: string): Promise<void> {
    const head = await this.defaultBranch(fullName);
    if (await this.resolve(fullName, `refs/heads/${head}`)) return;
    const [first] = await this.branches(fullName);
    if (first) await this.setDefaultBranch(fullName, first);
  }

  /** Every file of a commit (recursive), with blob ids and sizes. */
  async listTree(
    fullName: string,
    ref: string,
    sub = '',
  ): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-r', '-t', '-l', ref];
    if (sub) args.push('--', sub);
    const out = await this.git(fullName, args);
    return out
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [meta, filePath] = line.split('\t');
        const [mode, type, sha, size] = meta.split(/\s+/);
        return {
          path: filePath,
          mode,
          type: type as TreeEntry['type'],
          sha,
          size: size === '-' ? undefined : Number(size),
        };
      });
  }

  /** A file of a commit: the commit, its blob id and mode, its content. */
  async fileAt(
    fullName: string,
    ref: string,
    filePath: string,
  ): Promise<
    { commit: string; sha: string; mode: string; content: Buffer } | undefined
  > {
    const commit = await this.resolve(fullName, ref);
    if (!commit) return undefined;
    const entries = await this.listTree(fullName, commit, filePath);
    const entry = entries.find(e => e.path === filePath && e.type === 'blob');
    if (!entry) return undefined;
    const content = await this.readBlob(fullName, entry.sha);
    return { commit, sha: entry.sha, mode: entry.mode, content };
  }

  async readFile(
    fullName: string,
    ref: string,
    filePath: string,
  ): Promise<Buffer | undefined> {
    return (await this.fileAt(fullName, ref, filePath))?.content;
  }

  async readBlob(fullName: string, sha: string): Promise<Buffer> {
    const child = execFile(
      'git',
      ['--git-dir', this.dir(fullName), 'cat-file', 'blob', sha],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
    );
    const chunks: Buffer[] = [];
    child.stdout!.on('data', c => chunks.push(c));
    const code = await new Promise(resolve => child.on('close', resolve));
    if (code !== 0) throw new Error(`no blob ${sha}`);
    return Buffer.concat(chunks);
  }

  async writeBlob(fullName: string, content: Buffer): Promise<string> {
    return (
      await this.git(fullName, ['hash-object', '-w', '--stdin'], {
        input: content,
      })
    ).trim();
  }

  /**
   * A new tree: `base` (a tree or commit, optional) with the entries added,
   * replaced or (sha null) removed, paths given in full as GitHub's and
   * GitLab's APIs take them.
   */
  async writeTree(
    fullName: string,
    base: string | undefined,
    changes: Array<{ path: string; mode: string; sha: string | null }>,
  ): Promise<string> {
    const index = path.join(
      this.root,
      `.index-${process.pid}-${Date.now()}-${Math.random()}`,
    );
    const env = { GIT_INDEX_FILE: index };
    try {
      if (base) await this.git(fullName, ['read-tree', base], { env });
      else await this.git(fullName, ['read-tree', '--empty'], { env });
      for (const change of changes) {
        if (change.sha === null) {
          await this.git(
            fullName,
            ['update-index', '--force-remove', '--', change.path],
            { env },
          );
        } else {
          await this.git(
            fullName,
            [
              'update-index',
              '--add',
              '--cacheinfo',
              `${change.mode},${change.sha},${change.path}`,
            ],
            { env },
          );
        }
      }
      return (await this.git(fullName, ['write-tree'], { env })).trim();
    } finally {
      fs.rmSync(index, { force: true });
    }
  }

  async writeCommit(
    fullName: string,
    commit: {
      tree: string;
      parents: string[];
      message: string;
      author: GitIdentity;
      committer?: GitIdentity;
    },
  ): Promise<string> {
    const committer = commit.committer ?? commit.author;
    const env: Record<string, string> = {
      GIT_AUTHOR_NAME: commit.author.name,
      GIT_AUTHOR_EMAIL: commit.author.email,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
    };
    if (commit.author.date) env.GIT_AUTHOR_DATE = commit.author.date;
    if (committer.date) env.GIT_COMMITTER_DATE = committer.date;
    const args = ['commit-tree', commit.tree];
    for (const parent of commit.parents) args.push('-p', parent);
    return (
      await this.git(fullName, args, { env, input: commit.message })
    ).trim();
  }

  async updateRef(fullName: string, ref: string, sha: string): Promise<void> {
    await this.git(fullName, ['update-ref', ref, sha]);
  }

  async deleteRef(fullName: string, ref: string): Promise<void> {
    await this.git(fullName, ['update-ref', '-d', ref]);
  }

  /** Commits files onto a branch (created from scratch when missing). */
  async commitFiles(
    fullName: string,
    branch: string,
    files: Record<string, string | Buffer>,
    message: string,
    author: GitIdentity,
  ): Promise<string> {
    const parent = await this.resolve(fullName, `refs/heads/${branch}`);
    const changes = [];
    for (const [filePath, content] of Object.entries(files)) {
      const sha = await this.writeBlob(
        fullName,
        Buffer.isBuffer(content) ? content : Buffer.from(content),
      );
      changes.push({ path: filePath, mode: '100644', sha });
    }
    const tree = await this.writeTree(fullName, parent, changes);
    const sha = await this.writeCommit(fullName, {
      tree,
      parents: parent ? [parent] : [],
      message,
      author,
    });
    await this.updateRef(fullName, `refs/heads/${branch}`, sha);
    await this.adoptFirstBranch(fullName);
    return sha;
  }

  async commitInfo(
    fullName: string,
    sha: string,
  ): Promise<{
    sha: string;
    tree: string;
    parents: string[];
    author: GitIdentity;
    committer: GitIdentity;
    message: string;
  }> {
    const out = await this.git(fullName, [
      'show',
      '-s',
      '--format=%H%n%T%n%P%n%an%n%ae%n%aI%n%cn%n%ce%n%cI%n%B',
      sha,
    ]);
    const [h, t, p, an, ae, ad, cn, ce, cd, ...message] = out.split('\n');
    return {
      sha: h,
      tree: t,
      parents: p ? p.split(' ') : [],
      author: { name: an, email: ae, date: ad },
      committer: { name: cn, email: ce, date: cd },
      message: message.join('\n').trimEnd(),
    };
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
