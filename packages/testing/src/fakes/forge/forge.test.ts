/*
 * The local forge itself: repositories created through its REST API are
 * real git repositories that the git command line clones and pushes to
 * through git http-backend, with the token as the basic-auth password, and
 * the Git Data / commits APIs write commits a clone sees.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gitAvailableOrSkip } from './bareRepos';
import { GithubForge, startGithubForge } from './githubForge';
import { GitlabForge, startGitlabForge } from './gitlabForge';

const run = promisify(execFile);
const TOKEN = 'forge-test-token';

const describeWithGit = gitAvailableOrSkip('the local forge tests')
  ? describe
  : describe.skip;

function withAuth(url: string, user: string, token: string) {
  const u = new URL(url);
  u.username = user;
  u.password = token;
  return u.toString();
}

async function git(args: string[], cwd?: string) {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'Tess Tester',
      GIT_AUTHOR_EMAIL: 'tess@example.com',
      GIT_COMMITTER_NAME: 'Tess Tester',
      GIT_COMMITTER_EMAIL: 'tess@example.com',
    },
  });
  return stdout.trim();
}

describeWithGit('local GitHub-style forge', () => {
  let forge: GithubForge;
  let work: string;
  const api = (p: string, init: RequestInit = {}, token = TOKEN) =>
    fetch(`${forge.apiBaseUrl}${p}`, {
      ...init,
      headers: {
        Authorization: `token ${token}`,
        'Content-Type': 'application/json',
      },
    });

  beforeAll(async () => {
    forge = await startGithubForge({ token: TOKEN });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-test-'));
  });
  afterAll(async () => {
    await forge?.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('creates a repository that git pushes to and clones from, with the token only', async () => {
    const created = await api('/orgs/tidewater/repos', {
      method: 'POST',
      body: JSON.stringify({ name: 'dock', visibility: 'internal' }),
    });
    expect(created.status).toBe(201);
    const repo = await created.json();
    expect(repo.clone_url).toBe(`${forge.url}/tidewater/dock.git`);
    expect(repo.visibility).toBe('internal');

    const again = await api('/orgs/tidewater/repos', {
      method: 'POST',
      body: JSON.stringify({ name: 'dock' }),
    });
    expect(again.status).toBe(422);
    expect((await again.json()).errors[0].message).toBe(
      'name already exists on this account',
    );

    const src = path.join(work, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'README.md'), '# dock\n');
    await git(['init', '-q', '-b', 'trunk'], src);
    await git(['add', '.'], src);
    await git(['commit', '-q', '-m', 'first'], src);
    await expect(
      git(
        [
          'push',
          '-q',
          withAuth(repo.clone_url, 'x-access-token', 'wrong'),
          'trunk',
        ],
        src,
      ),
    ).rejects.toThrow(/Authentication failed|401/);
    await git(
      [
        'push',
        '-q',
        withAuth(repo.clone_url, 'x-access-token', TOKEN),
        'trunk',
      ],
      src,
    );

    const clone = path.join(work, 'clone');
    await git(['clone', '-q', withAuth(repo.clone_url, 'x', TOKEN), clone]);
    expect(fs.readFileSync(path.join(clone, 'README.md'), 'utf8')).toBe(
      '# dock\n',
    );
    // The first pushed branch became the default branch.
    expect(await git(['symbolic-ref', '--short', 'HEAD'], clone)).toBe('trunk');
    const got = await (await api('/repos/tidewater/dock')).json();
    expect(got.default_branch).toBe('trunk');
  });

  it('writes blobs, trees, commits, refs and pull requests into the repository', async () => {
    await forge.seedRepository('tidewater', 'quay', { 'a.txt': 'a\n' });
    const [latest] = await (
      await api('/repos/tidewater/quay/commits?sha=main&per_page=1')
    ).json();
    const blob = await (
      await api('/repos/tidewater/quay/git/blobs', {
        method: 'POST',
        body: JSON.stringify({
          content: Buffer.from('b\n').toString('base64'),
          encoding: 'base64',
        }),
      })
    ).json();
    const tree = await (
      await api('/repos/tidewater/quay/git/trees', {
        method: 'POST',
        body: JSON.stringify({
          base_tree: latest.commit.tree.sha,
          tree: [{ path: 'dir/b.txt', mode: '100644', sha: blob.sha }],
        }),
      })
    ).json();
    const commit = await (
      await api('/repos/tidewater/quay/git/commits', {
        method: 'POST',
        body: JSON.stringify({
          message: 'add b',
          tree: tree.sha,
          parents: [latest.sha],
          author: { name: 'Sam Rivera', email: 'sam@example.com' },
        }),
      })
    ).json();
    expect(
      (
        await api('/repos/tidewater/quay/git/refs', {
          method: 'POST',
          body: JSON.stringify({ ref: 'refs/heads/add-b', sha: commit.sha }),
        })
      ).status,
    ).toBe(201);
    const pull = await api('/repos/tidewater/quay/pulls', {
      method: 'POST',
      body: JSON.stringify({
        head: 'tidewater:add-b',
        base: 'main',
        title: 'Add b',
      }),
    });
    expect(pull.status).toBe(201);
    expect((await pull.json()).html_url).toBe(
      `${forge.url}/tidewater/quay/pull/1`,
    );

    const clone = path.join(work, 'quay');
    await git([
      'clone',
      '-q',
      '-b',
      'add-b',
      withAuth(`${forge.url}/tidewater/quay.git`, 'x', TOKEN),
      clone,
    ]);
    expect(fs.readFileSync(path.join(clone, 'dir/b.txt'), 'utf8')).toBe('b\n');
    expect(fs.readFileSync(path.join(clone, 'a.txt'), 'utf8')).toBe('a\n');
    expect(await git(['log', '-1', '--format=%an|%s'], clone)).toBe(
      'Sam Rivera|add b',
    );

    const raw = await fetch(
      `${forge.apiBaseUrl}/repos/tidewater/quay/contents/dir/b.txt?ref=add-b`,
      {
        headers: {
          Authorization: `token ${TOKEN}`,
          Accept: 'application/vnd.github.v3.raw',
        },
      },
    );
    expect(await raw.text()).toBe('b\n');
    expect((await api('/repos/tidewater/quay', {}, 'nope')).status).toBe(401);
  });
});

describeWithGit('local GitLab-style forge', () => {
  let forge: GitlabForge;
  let work: string;
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${forge.apiBaseUrl}${p}`, {
      ...init,
      headers: { 'PRIVATE-TOKEN': TOKEN, 'Content-Type': 'application/json' },
    });

  beforeAll(async () => {
    forge = await startGitlabForge({
      token: TOKEN,
      groups: ['tidewater/services'],
    });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-test-'));
  });
  afterAll(async () => {
    await forge?.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('creates a project in a nested group, commits through the API and clones it', async () => {
    const ns = await (
      await api(`/namespaces/${encodeURIComponent('tidewater/services')}`)
    ).json();
    const created = await api('/projects', {
      method: 'POST',
      body: JSON.stringify({
        name: 'berth',
        path: 'berth',
        namespace_id: ns.id,
        visibility: 'internal',
      }),
    });
    expect(created.status).toBe(201);
    const project = await created.json();
    expect(project.http_url_to_repo).toBe(
      `${forge.url}/tidewater/services/berth.git`,
    );
    const taken = await api('/projects', {
      method: 'POST',
      body: JSON.stringify({
        name: 'berth',
        path: 'berth',
        namespace_id: ns.id,
      }),
    });
    expect(taken.status).toBe(400);

    const commit = await api(`/projects/${project.id}/repository/commits`, {
      method: 'POST',
      body: JSON.stringify({
        branch: 'main',
        commit_message: 'first',
        actions: [{ action: 'create', file_path: 'x/y.txt', content: 'y\n' }],
      }),
    });
    expect(commit.status).toBe(201);
    const raw = await api(
      `/projects/${encodeURIComponent(
        'tidewater/services/berth',
      )}/repository/files/${encodeURIComponent('x/y.txt')}/raw?ref=main`,
    );
    expect(await raw.text()).toBe('y\n');

    const clone = path.join(work, 'berth');
    await git([
      'clone',
      '-q',
      withAuth(project.http_url_to_repo, 'oauth2', TOKEN),
      clone,
    ]);
    expect(fs.readFileSync(path.join(clone, 'x/y.txt'), 'utf8')).toBe('y\n');
    expect(await git(['log', '-1', '--format=%an'], clone)).toBe(
      'Lodestar Bot',
    );

    expect(
      (await api(`/projects/${project.id}`, { method: 'DELETE' })).status,
    ).toBe(202);
    expect(forge.repos.exists('tidewater/services/berth')).toBe(false);
  });
});
