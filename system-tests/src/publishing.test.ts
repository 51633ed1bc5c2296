/*
 * Golden paths published to a code host, end to end: the real backend with
 * integrations for a GitHub Enterprise-style host and a GitLab host (both
 * the local forge: documented REST endpoints + a real git http-backend),
 * real template runs through the scaffolder's task API, real pushes, and
 * the catalog reading the new component back from the forge through the
 * integration's URL reader. Then the failures: an unreachable forge, 401,
 * 403, a taken name, a push that fails after the repository was created —
 * each fails the task naming the host and the status and leaves nothing
 * half-created — and the tokens, which come from the environment, never
 * show in the backend's output or in a task's events.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import {
  eventually,
  gitAvailableOrSkip,
  GithubForge,
  GitlabForge,
  guestToken,
  PortalProcess,
  repoRoot,
  startGithubForge,
  startGitlabForge,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import {
  createTask,
  dryRun,
  runTemplate,
  TaskResult,
} from './__testUtils__/scaffolder';

jest.setTimeout(300_000);

const run = promisify(execFile);

// Recognisable, so that a leak anywhere is found by a plain search.
const GITHUB_TOKEN = 'ghp_LODESTARTESTTOKEN0publishing0github00000';
const GITLAB_TOKEN = 'glpat-LODESTARTESTTOKEN0publishing0gitlab';
// Everything runs as Priya Nair (platform team: she may also dry-run).
const PRIYA = 'Priya Nair <priya.nair@tidewater.example>';

const describeWithGit = gitAvailableOrSkip('the publishing tests')
  ? describe
  : describe.skip;

const fixtures = path.join(__dirname, '__fixtures__/publishing');

/** The demo catalog's locations plus the publishing fixture templates. */
function catalogLocations() {
  const config = YAML.parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  return [
    ...config.catalog.locations,
    {
      type: 'file',
      target: path.join(fixtures, 'all.yaml'),
      rules: [{ allow: ['Location', 'Template'] }],
    },
  ];
}

/**
 * Integrations as production sets them: a GitHub Enterprise-style host with
 * its apiBaseUrl, a GitLab host with its baseUrl and apiBaseUrl, tokens
 * from the environment only.
 */
function forgeConfig(
  github: GithubForge,
  gitlab: GitlabForge,
  target: 'github' | 'gitlab',
) {
  return {
    auth: {
      providers: {
        guest: {
          userEntityRef: 'user:default/priya.nair',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    catalog: { locations: catalogLocations() },
    integrations: {
      github: [
        {
          host: github.host,
          apiBaseUrl: github.apiBaseUrl,
          token: '${LODESTAR_TEST_GITHUB_TOKEN}',
        },
      ],
      gitlab: [
        {
          host: gitlab.host,
          baseUrl: gitlab.baseUrl,
          apiBaseUrl: gitlab.apiBaseUrl,
          token: '${LODESTAR_TEST_GITLAB_TOKEN}',
        },
      ],
    },
    lodestar: {
      publish: {
        target,
        github: {
          host: github.host,
          owner: 'tidewater',
          repoVisibility: 'internal',
        },
        gitlab: {
          host: gitlab.host,
          owner: 'tidewater/services',
          repoVisibility: 'internal',
        },
      },
    },
  };
}

const serviceValues = (name: string) => ({
  name,
  description: 'Publishes tide tables for the harbour.',
  owner: 'group:default/checkout-team',
  system: 'system:default/storefront',
  lifecycle: 'experimental',
  database: false,
  port: 8080,
});

async function git(args: string[], cwd?: string): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  return stdout.trim();
}

/** Clones a branch of a forge repository and lists what a clone sees. */
async function cloneOf(remote: string, token: string, branch?: string) {
  const url = new URL(remote);
  url.username = 'test';
  url.password = token;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-published-'));
  try {
    await git([
      'clone',
      '--quiet',
      ...(branch ? ['--branch', branch] : []),
      url.toString(),
      dir,
    ]);
    const files = (await git(['ls-files'], dir)).split('\n').sort();
    const head = await git(['symbolic-ref', '--short', 'HEAD'], dir);
    const remoteHead = await git(
      ['ls-remote', '--symref', 'origin', 'HEAD'],
      dir,
    );
    const log = (await git(['log', '--format=%an <%ae>|%s'], dir)).split('\n');
    // Every file's content, read before the clone is removed.
    const contents = new Map(
      files.map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
    );
    return {
      files,
      head,
      defaultBranch: /ref: refs\/heads\/(\S+)\s+HEAD/.exec(remoteHead)?.[1],
      log,
      read: (file: string) => contents.get(file),
      catalogInfo: (file = 'catalog-info.yaml') =>
        YAML.parse(contents.get(file) ?? ''),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Everything a person (or a log collector) sees of a task. */
async function taskTranscript(
  portal: PortalProcess,
  token: string,
  id: string,
): Promise<string> {
  const headers = { Authorization: `Bearer ${token}` };
  const task = await fetch(`${portal.baseUrl}/api/scaffolder/v2/tasks/${id}`, {
    headers,
  });
  const events = await fetch(
    `${portal.baseUrl}/api/scaffolder/v2/tasks/${id}/events`,
    { headers },
  );
  expect(task.status).toBe(200);
  expect(events.status).toBe(200);
  return `${await task.text()}\n${await events.text()}`;
}

function expectFailure(result: TaskResult, ...fragments: string[]) {
  expect(result.status).toBe('failed');
  for (const fragment of fragments) {
    expect(result.error?.message).toContain(fragment);
    expect(result.log.join('\n')).toContain(fragment);
  }
}

/**
 * Both forges and a portal publishing to `target`, for one describe block:
 * started before its tests (once the template `ready` is in the catalog),
 * stopped after them. Every task run through `runAndKeep` is kept for the
 * token check at the end.
 */
function usePublishingPortal(target: 'github' | 'gitlab', ready: string) {
  const ctx = {
    taskIds: [] as string[],
  } as {
    github: GithubForge;
    gitlab: GitlabForge;
    portal: PortalProcess;
    token: string;
    taskIds: string[];
  };
  const entity = async (ref: string) => {
    const [kind, rest] = ref.split(':');
    const res = await fetch(
      `${ctx.portal.baseUrl}/api/catalog/entities/by-name/${kind}/${rest}`,
      { headers: { Authorization: `Bearer ${ctx.token}` } },
    );
    return res.ok ? res.json() : undefined;
  };
  const runAndKeep = async (
    template: string,
    values: Record<string, unknown>,
  ) => {
    const result = await runTemplate(
      ctx.portal.baseUrl,
      ctx.token,
      template,
      values,
    );
    ctx.taskIds.push(result.id);
    return result;
  };

  beforeAll(async () => {
    ctx.github = await startGithubForge({ token: GITHUB_TOKEN });
    ctx.gitlab = await startGitlabForge({
      token: GITLAB_TOKEN,
      groups: ['tidewater/services'],
    });
    ctx.portal = await startPortal({
      config: forgeConfig(ctx.github, ctx.gitlab, target),
      env: {
        LODESTAR_TEST_GITHUB_TOKEN: GITHUB_TOKEN,
        LODESTAR_TEST_GITLAB_TOKEN: GITLAB_TOKEN,
        LOG_LEVEL: 'debug',
      },
    });
    await waitForDemoCatalog(ctx.portal.baseUrl);
    ctx.token = await guestToken(ctx.portal.baseUrl);
    await eventually(() => entity(ready).then(Boolean));
  });
  afterAll(async () => {
    await ctx.portal?.stop();
    await ctx.github?.cleanup();
    await ctx.gitlab?.cleanup();
  });
  return { ctx, entity, runAndKeep };
}

describeWithGit('publishing to GitHub (Enterprise-style host)', () => {
  const { ctx, entity, runAndKeep } = usePublishingPortal(
    'github',
    'template:default/publishing-github-pull-request',
  );
  const { taskIds } = ctx;
  let github: GithubForge;
  let portal: PortalProcess;
  let token: string;
  beforeAll(() => {
    ({ github, portal, token } = ctx);
  });

  it('publish:github creates the repository, pushes the tree as the signed-in person, and the catalog reads it from the forge', async () => {
    const result = await runAndKeep('template:default/publishing-github', {
      name: 'harbour-lights',
      owner: 'group:default/checkout-team',
      repoUrl: `${github.host}?owner=tidewater&repo=harbour-lights`,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');

    const repo = github.repositories.get('tidewater/harbour-lights')!;
    // As the stock action sends it: visibility decides, private is false.
    expect(repo.createdWith).toMatchObject({
      name: 'harbour-lights',
      visibility: 'internal',
      private: false,
    });
    expect(repo.topics).toEqual(['golden-path']);
    expect(Object.keys(repo.protection)).toEqual(['main']);
    expect(result.output.links[0].url).toBe(
      `${github.url}/tidewater/harbour-lights.git`,
    );

    const clone = await cloneOf(result.output.links[0].url, GITHUB_TOKEN);
    expect(clone.files).toEqual([
      'README.md',
      'catalog-info.yaml',
      'src/index.ts',
    ]);
    expect(clone.defaultBranch).toBe('main');
    expect(clone.log).toEqual([`${PRIYA}|Initial commit of harbour-lights`]);
    expect(clone.catalogInfo().metadata.name).toBe('harbour-lights');

    const component = await eventually(
      () => entity('component:default/harbour-lights'),
      30_000,
    );
    expect(
      component.metadata.annotations['backstage.io/managed-by-location'],
    ).toBe(
      // catalog:register builds it from repoContentsUrl with the GitHub
      // integration's resolveUrl, which says tree/; the reader takes both.
      `url:${github.url}/tidewater/harbour-lights/tree/main/catalog-info.yaml`,
    );
    // Read through the GitHub integration: the contents API, with the token.
    expect(
      github.requests.some(
        r =>
          r.path ===
            '/api/v3/repos/tidewater/harbour-lights/contents/catalog-info.yaml' &&
          r.headers.authorization?.includes(GITHUB_TOKEN),
      ),
    ).toBe(true);
  });

  it('publish:github:pull-request proposes the files on a new branch and the catalog reads them from that branch', async () => {
    await github.seedRepository('tidewater', 'fleet-monorepo', {
      'README.md': '# Fleet monorepo\n',
    });
    const result = await runAndKeep(
      'template:default/publishing-github-pull-request',
      {
        name: 'tide-tables',
        owner: 'group:default/checkout-team',
        repoUrl: `${github.host}?owner=tidewater&repo=fleet-monorepo`,
        branchUrlBase: `${github.url}/tidewater/fleet-monorepo/blob`,
      },
    );
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');

    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({
      repo: 'fleet-monorepo',
      head: 'add-tide-tables',
      base: 'main',
      title: 'Add tide-tables',
      body: 'Adds tide-tables, from a template.',
    });
    expect(result.output.links[0].url).toBe(
      `${github.url}/tidewater/fleet-monorepo/pull/1`,
    );

    const remote = `${github.url}/tidewater/fleet-monorepo.git`;
    const branch = await cloneOf(remote, GITHUB_TOKEN, 'add-tide-tables');
    expect(branch.files).toEqual([
      'README.md',
      'services/tide-tables/README.md',
      'services/tide-tables/catalog-info.yaml',
      'services/tide-tables/src/index.ts',
    ]);
    expect(branch.log).toEqual([
      `${PRIYA}|Add tide-tables`,
      'Forge Seed <seed@forge.invalid>|Initial commit',
    ]);
    // The default branch is untouched until someone merges.
    const main = await cloneOf(remote, GITHUB_TOKEN);
    expect(main.defaultBranch).toBe('main');
    expect(main.files).toEqual(['README.md']);

    await eventually(() => entity('component:default/tide-tables'), 30_000);
  });

  it('publish:lodestar (the golden path) publishes to GitHub and registers the component and its API', async () => {
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('parcel-tracker'),
    );
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');
    expect(result.log.join('\n')).toContain(
      `Created the internal repository ${github.url}/tidewater/parcel-tracker on GitHub at ${github.host}`,
    );

    const repo = github.repositories.get('tidewater/parcel-tracker')!;
    expect(repo.createdWith).toMatchObject({
      visibility: 'internal',
      private: false,
      description: 'Publishes tide tables for the harbour.',
    });
    expect(Object.keys(repo.protection)).toEqual(['main']);
    const clone = await cloneOf(
      `${github.url}/tidewater/parcel-tracker.git`,
      GITHUB_TOKEN,
    );
    expect(clone.defaultBranch).toBe('main');
    expect(clone.files).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'openapi.yaml',
        'package.json',
      ]),
    );
    expect(clone.log).toEqual([
      `${PRIYA}|Initial commit from template template:default/typescript-service`,
    ]);

    const component = await eventually(
      () => entity('component:default/parcel-tracker'),
      30_000,
    );
    expect(component.spec.owner).toBe('group:default/checkout-team');
    // The template's KPI claim: GitHub webhooks for this repository land here.
    expect(component.metadata.annotations['github.com/project-slug']).toBe(
      'tidewater/parcel-tracker',
    );
    // $text: ./openapi.yaml, read from the forge too.
    const api = await eventually(
      () => entity('api:default/parcel-tracker-api'),
      30_000,
    );
    expect(api.spec.definition).toContain('openapi:');
  });

  it('a 401 fails the task naming the host and the status, and creates nothing', async () => {
    github.failNext({
      path: '/api/v3/users/tidewater',
      status: 401,
      body: {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      },
    });
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('pier-gauge'),
    );
    expectFailure(
      result,
      `GitHub at ${github.host} answered 401 Unauthorized when looking up the owner tidewater: Bad credentials`,
      'nothing was created',
    );
    expect(github.repositories.has('tidewater/pier-gauge')).toBe(false);
  });

  it('a 403 fails the task naming the host and the status, and creates nothing', async () => {
    github.failNext({
      path: '/api/v3/orgs/tidewater/repos',
      status: 403,
      body: {
        message: 'Resource not accessible by personal access token',
        documentation_url:
          'https://docs.github.com/rest/repos/repos#create-an-organization-repository',
        status: '403',
      },
    });
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('pier-gauge'),
    );
    expectFailure(
      result,
      `GitHub at ${github.host} answered 403 Forbidden when creating the repository tidewater/pier-gauge: Resource not accessible by personal access token`,
      'nothing was created',
    );
    expect(github.repositories.has('tidewater/pier-gauge')).toBe(false);
  });

  it('a taken name (422) fails the task naming the host and the status, and leaves the existing repository as it was', async () => {
    await github.seedRepository('tidewater', 'crane-log', {
      'README.md': '# someone else\n',
    });
    const before = await github.repos.resolve('tidewater/crane-log', 'main');
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('crane-log'),
    );
    expectFailure(
      result,
      `GitHub at ${github.host} answered 422 Unprocessable Entity when creating the repository tidewater/crane-log: Repository creation failed.: name already exists on this account`,
      'choose another name',
    );
    expect(await github.repos.resolve('tidewater/crane-log', 'main')).toBe(
      before,
    );
    expect(await entity('component:default/crane-log')).toBeUndefined();
  });

  it('a push that fails after the repository was created deletes the repository again', async () => {
    github.failNext({
      path: /^\/tidewater\/berth-planner\.git\//,
      status: 403,
      times: 10,
    });
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('berth-planner'),
    );
    expectFailure(
      result,
      `GitHub at ${github.host} answered 403 Forbidden when pushing to ${github.url}/tidewater/berth-planner.git`,
      `the repository ${github.url}/tidewater/berth-planner this run created was deleted again`,
    );
    expect(github.repositories.has('tidewater/berth-planner')).toBe(false);
    expect(github.repos.exists('tidewater/berth-planner')).toBe(false);
  });

  it('says exactly what is left when the clean-up fails too', async () => {
    github.failNext({
      path: /^\/tidewater\/ferry-board\.git\//,
      status: 403,
      times: 10,
    });
    github.failNext({
      path: '/api/v3/repos/tidewater/ferry-board',
      status: 403,
    });
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('ferry-board'),
    );
    expectFailure(
      result,
      `GitHub at ${github.host} answered 403 Forbidden when pushing to ${github.url}/tidewater/ferry-board.git`,
      `the repository ${github.url}/tidewater/ferry-board this run created is still there (GitHub answered 403 to the delete`,
      'delete it by hand',
    );
    expect(github.repositories.has('tidewater/ferry-board')).toBe(true);
  });

  it('the stock publish:github fails its task on a 401 without a 500 from the task API', async () => {
    github.failNext({
      path: '/api/v3/users/tidewater',
      status: 401,
      body: {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      },
    });
    const result = await runAndKeep('template:default/publishing-github', {
      name: 'stock-denied',
      owner: 'group:default/checkout-team',
      repoUrl: `${github.host}?owner=tidewater&repo=stock-denied`,
    });
    expectFailure(
      result,
      `GitHub at ${github.host} answered 401 Unauthorized during publish:github: Bad credentials`,
    );
    expect(github.repositories.has('tidewater/stock-denied')).toBe(false);
    await taskTranscript(portal, token, result.id);
  });

  it('the stock publish:github deletes the repository it created when its push fails, and names host and status', async () => {
    github.failNext({
      path: /^\/tidewater\/stock-pushfail\.git\//,
      status: 403,
      times: 10,
    });
    const result = await runAndKeep('template:default/publishing-github', {
      name: 'stock-pushfail',
      owner: 'group:default/checkout-team',
      repoUrl: `${github.host}?owner=tidewater&repo=stock-pushfail`,
    });
    expectFailure(
      result,
      `GitHub at ${github.host} answered 403 Forbidden during publish:github`,
      `the repository ${github.url}/tidewater/stock-pushfail this run created was deleted again`,
    );
    expect(github.repositories.has('tidewater/stock-pushfail')).toBe(false);
  });

  it('the stock publish:github on a taken name names the host (upstream drops the status) and leaves the repository alone', async () => {
    await github.seedRepository('tidewater', 'stock-taken', {
      'README.md': '# taken\n',
    });
    const result = await runAndKeep('template:default/publishing-github', {
      name: 'stock-taken',
      owner: 'group:default/checkout-team',
      repoUrl: `${github.host}?owner=tidewater&repo=stock-taken`,
    });
    expectFailure(
      result,
      `GitHub at ${github.host} refused during publish:github`,
      'Failed to create the Organization repository tidewater/stock-taken',
      'name already exists on this account',
    );
    expect(github.repositories.has('tidewater/stock-taken')).toBe(true);
  });

  it('an unreachable forge fails the task naming the host; the task and dry-run APIs still answer', async () => {
    await github.stop();
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('signal-tower'),
    );
    expectFailure(
      result,
      `GitHub at ${github.host} could not be reached when looking up the owner tidewater (ECONNREFUSED); nothing was created`,
    );
    await taskTranscript(portal, token, result.id);

    const stock = await runAndKeep('template:default/publishing-github', {
      name: 'stock-unreachable',
      owner: 'group:default/checkout-team',
      repoUrl: `${github.host}?owner=tidewater&repo=stock-unreachable`,
    });
    expectFailure(
      stock,
      `GitHub at ${github.host} could not be reached during publish:github (ECONNREFUSED)`,
    );
    await taskTranscript(portal, token, stock.id);

    // A dry run creates nothing remotely, so an unreachable forge does not matter.
    const dry = await dryRun(
      portal.baseUrl,
      token,
      'typescript-service',
      serviceValues('signal-tower'),
    );
    expect(dry.status).toBe(200);
    expect(dry.body.steps.map((s: any) => s.id)).toContain('publish');
    // Creating a task answers 201 whatever the forge does.
    const created = await createTask(
      portal.baseUrl,
      token,
      'template:default/typescript-service',
      serviceValues('signal-tower-two'),
    );
    expect(created.status).toBe(201);
    taskIds.push((await created.json()).id);
  });

  it('never shows the token in the backend output or in any task', async () => {
    // It was used: the forge saw it on the API and on git.
    expect(
      github.requests.some(r =>
        JSON.stringify(r.headers).includes(GITHUB_TOKEN),
      ),
    ).toBe(true);
    expect(
      github.requests.some(r =>
        Buffer.from(
          String(r.headers.authorization ?? '').replace(/^Basic /, ''),
          'base64',
        )
          .toString()
          .endsWith(`:${GITHUB_TOKEN}`),
      ),
    ).toBe(true);
    for (const id of taskIds) {
      const transcript = await taskTranscript(portal, token, id);
      expect(transcript).not.toContain(GITHUB_TOKEN);
      expect(transcript).not.toContain('LODESTARTESTTOKEN');
    }
    expect(portal.output().length).toBeGreaterThan(0);
    expect(portal.output()).not.toContain('LODESTARTESTTOKEN');
  });
});

describeWithGit('publishing to GitLab', () => {
  const { ctx, entity, runAndKeep } = usePublishingPortal(
    'gitlab',
    'template:default/publishing-gitlab-merge-request',
  );
  const { taskIds } = ctx;
  const group = 'tidewater/services';
  let gitlab: GitlabForge;
  let portal: PortalProcess;
  let token: string;
  beforeAll(() => {
    ({ gitlab, portal, token } = ctx);
  });

  it('publish:lodestar (the golden path) creates the project in the group, pushes as the signed-in person, and registers it', async () => {
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('quay-weather'),
    );
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');
    const web = `${gitlab.url}/${group}/quay-weather`;
    expect(result.log.join('\n')).toContain(
      `Created the internal project ${web} on GitLab at ${gitlab.host}`,
    );
    expect(result.output.links[0].url).toBe(`${web}.git`);

    const project = gitlab.project(`${group}/quay-weather`)!;
    expect(project.createdWith).toMatchObject({
      name: 'quay-weather',
      path: 'quay-weather',
      visibility: 'internal',
      description: 'Publishes tide tables for the harbour.',
    });
    const clone = await cloneOf(`${web}.git`, GITLAB_TOKEN);
    expect(clone.defaultBranch).toBe('main');
    expect(clone.files).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'openapi.yaml',
        'package.json',
      ]),
    );
    expect(clone.log).toEqual([
      `${PRIYA}|Initial commit from template template:default/typescript-service`,
    ]);

    const component = await eventually(
      () => entity('component:default/quay-weather'),
      30_000,
    );
    expect(
      component.metadata.annotations['backstage.io/managed-by-location'],
    ).toBe(`url:${web}/-/blob/main/catalog-info.yaml`);
    // The template's KPI claim: GitLab webhooks for this project land here.
    expect(component.metadata.annotations['gitlab.com/project-slug']).toBe(
      `${group}/quay-weather`,
    );
    const api = await eventually(
      () => entity('api:default/quay-weather-api'),
      30_000,
    );
    expect(api.spec.definition).toContain('openapi:');
    // Read through the GitLab integration: the raw-file API, with the token.
    expect(
      gitlab.requests.some(
        r =>
          r.path ===
            `/api/v4/projects/${encodeURIComponent(
              `${group}/quay-weather`,
            )}/repository/files/catalog-info.yaml/raw` &&
          r.headers.authorization === `Bearer ${GITLAB_TOKEN}`,
      ),
    ).toBe(true);
  });

  it('publish:gitlab creates the project, pushes the tree as the signed-in person, and the catalog reads it from the forge', async () => {
    const result = await runAndKeep('template:default/publishing-gitlab', {
      name: 'harbour-lights',
      owner: 'group:default/checkout-team',
      repoUrl: `${gitlab.host}?owner=${group}&repo=harbour-lights`,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');
    const web = `${gitlab.url}/${group}/harbour-lights`;
    expect(result.output.links[0].url).toBe(web);

    const project = gitlab.project(`${group}/harbour-lights`)!;
    expect(project.createdWith).toMatchObject({
      name: 'harbour-lights',
      path: 'harbour-lights',
      visibility: 'internal',
      topics: ['golden-path'],
    });
    const clone = await cloneOf(`${web}.git`, GITLAB_TOKEN);
    expect(clone.files).toEqual([
      'README.md',
      'catalog-info.yaml',
      'src/index.ts',
    ]);
    expect(clone.defaultBranch).toBe('main');
    expect(clone.log).toEqual([`${PRIYA}|Initial commit of harbour-lights`]);

    const component = await eventually(
      () => entity('component:default/harbour-lights'),
      30_000,
    );
    expect(
      component.metadata.annotations['backstage.io/managed-by-location'],
    ).toBe(`url:${web}/-/blob/main/catalog-info.yaml`);
  });

  it('publish:gitlab:merge-request commits the files to a new branch, opens the merge request, and the catalog reads the branch', async () => {
    await gitlab.seedProject(group, 'fleet-platform', {
      'README.md': '# Fleet platform\n',
    });
    const web = `${gitlab.url}/${group}/fleet-platform`;
    const result = await runAndKeep(
      'template:default/publishing-gitlab-merge-request',
      {
        name: 'tide-tables',
        owner: 'group:default/checkout-team',
        repoUrl: `${gitlab.host}?owner=${group}&repo=fleet-platform`,
        branchUrlBase: `${web}/-/blob`,
      },
    );
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');

    expect(gitlab.mergeRequests).toHaveLength(1);
    expect(gitlab.mergeRequests[0]).toMatchObject({
      sourceBranch: 'add-tide-tables',
      targetBranch: 'main',
      title: 'Add tide-tables',
      description: 'Adds tide-tables, from a template.',
      removeSourceBranch: true,
    });
    expect(result.output.links[0].url).toBe(`${web}/-/merge_requests/1`);

    const branch = await cloneOf(`${web}.git`, GITLAB_TOKEN, 'add-tide-tables');
    expect(branch.files).toEqual([
      'README.md',
      'services/tide-tables/README.md',
      'services/tide-tables/catalog-info.yaml',
      'services/tide-tables/src/index.ts',
    ]);
    // The action commits through the API: GitLab records the token's user.
    expect(branch.log).toEqual([
      'Lodestar Bot <lodestar-bot@forge.invalid>|Add tide-tables',
      'Forge Seed <seed@forge.invalid>|Initial commit',
    ]);
    const main = await cloneOf(`${web}.git`, GITLAB_TOKEN);
    expect(main.files).toEqual(['README.md']);

    await eventually(() => entity('component:default/tide-tables'), 30_000);
  });

  it('GitLab: a 401 fails the task naming the host and the status, and creates nothing', async () => {
    gitlab.failNext({
      path: '/api/v4/namespaces/',
      status: 401,
      body: { message: '401 Unauthorized' },
    });
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('pier-gauge'),
    );
    expectFailure(
      result,
      `GitLab at ${gitlab.host} answered 401 Unauthorized when looking up the group ${group}: 401 Unauthorized`,
      'nothing was created',
    );
    expect(gitlab.project(`${group}/pier-gauge`)).toBeUndefined();
  });

  it('GitLab: a 403 fails the task naming the host and the status, and creates nothing', async () => {
    gitlab.failNext({
      path: '/api/v4/projects',
      status: 403,
      body: { message: '403 Forbidden' },
    });
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('pier-gauge'),
    );
    expectFailure(
      result,
      `GitLab at ${gitlab.host} answered 403 Forbidden when creating the project ${group}/pier-gauge: 403 Forbidden`,
      'nothing was created',
    );
    expect(gitlab.project(`${group}/pier-gauge`)).toBeUndefined();
  });

  it('a taken name fails the task naming the host and the status, and leaves the existing project as it was', async () => {
    await gitlab.seedProject(group, 'crane-log', {
      'README.md': '# someone else\n',
    });
    const before = await gitlab.repos.resolve(`${group}/crane-log`, 'main');
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('crane-log'),
    );
    expectFailure(
      result,
      `GitLab at ${gitlab.host} answered 400 Bad Request when creating the project ${group}/crane-log: `,
      'path has already been taken',
      'choose another name',
    );
    expect(await gitlab.repos.resolve(`${group}/crane-log`, 'main')).toBe(
      before,
    );
    expect(await entity('component:default/crane-log')).toBeUndefined();
  });

  it('a push that fails after the project was created deletes the project again', async () => {
    gitlab.failNext({
      path: new RegExp(`^/${group}/berth-planner\\.git/`),
      status: 403,
      times: 10,
    });
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('berth-planner'),
    );
    const web = `${gitlab.url}/${group}/berth-planner`;
    expectFailure(
      result,
      `GitLab at ${gitlab.host} answered 403 Forbidden when pushing to ${web}.git`,
      `the project ${web} this run created was deleted again`,
    );
    expect(gitlab.project(`${group}/berth-planner`)).toBeUndefined();
    expect(gitlab.repos.exists(`${group}/berth-planner`)).toBe(false);
  });

  it('GitLab: says exactly what is left when the clean-up fails too', async () => {
    gitlab.failNext({
      path: new RegExp(`^/${group}/ferry-board\\.git/`),
      status: 403,
      times: 10,
    });
    gitlab.failNext({
      path: /^\/api\/v4\/projects\/\d+$/,
      status: 403,
      body: { message: '403 Forbidden' },
    });
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('ferry-board'),
    );
    const web = `${gitlab.url}/${group}/ferry-board`;
    expectFailure(
      result,
      `GitLab at ${gitlab.host} answered 403 Forbidden when pushing to ${web}.git`,
      `the project ${web} this run created is still there (GitLab answered 403 to the delete`,
      'delete it by hand',
    );
    expect(gitlab.project(`${group}/ferry-board`)).toBeDefined();
  });

  it('the stock publish:gitlab:merge-request fails its task on a 401 without a 500 from the task API', async () => {
    gitlab.failNext({ path: '/api/v4/', status: 401, times: 20 });
    const result = await runAndKeep(
      'template:default/publishing-gitlab-merge-request',
      {
        name: 'stock-denied',
        owner: 'group:default/checkout-team',
        repoUrl: `${gitlab.host}?owner=${group}&repo=fleet-platform`,
        branchUrlBase: `${gitlab.url}/${group}/fleet-platform/-/blob`,
      },
    );
    expectFailure(
      result,
      `GitLab at ${gitlab.host} answered 401 Unauthorized during publish:gitlab:merge-request`,
    );
    expect(gitlab.mergeRequests).toHaveLength(1);
    await taskTranscript(portal, token, result.id);
  });

  it('GitLab: an unreachable forge fails the task naming the host; the task and dry-run APIs still answer', async () => {
    await gitlab.stop();
    const result = await runAndKeep(
      'template:default/typescript-service',
      serviceValues('signal-tower'),
    );
    expectFailure(
      result,
      `GitLab at ${gitlab.host} could not be reached when looking up the group ${group} (ECONNREFUSED); nothing was created`,
    );
    await taskTranscript(portal, token, result.id);

    const stock = await runAndKeep(
      'template:default/publishing-gitlab-merge-request',
      {
        name: 'stock-unreachable',
        owner: 'group:default/checkout-team',
        repoUrl: `${gitlab.host}?owner=${group}&repo=fleet-platform`,
        branchUrlBase: `${gitlab.url}/${group}/fleet-platform/-/blob`,
      },
    );
    expectFailure(
      stock,
      `GitLab at ${gitlab.host} could not be reached during publish:gitlab:merge-request (ECONNREFUSED)`,
    );
    await taskTranscript(portal, token, stock.id);

    const dry = await dryRun(
      portal.baseUrl,
      token,
      'typescript-service',
      serviceValues('signal-tower'),
    );
    expect(dry.status).toBe(200);
  });

  it('GitLab: never shows the token in the backend output or in any task', async () => {
    expect(
      gitlab.requests.some(r => r.headers['private-token'] === GITLAB_TOKEN),
    ).toBe(true);
    for (const id of taskIds) {
      const transcript = await taskTranscript(portal, token, id);
      expect(transcript).not.toContain('LODESTARTESTTOKEN');
    }
    expect(portal.output()).not.toContain('LODESTARTESTTOKEN');
  });
});
