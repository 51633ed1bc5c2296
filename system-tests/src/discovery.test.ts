/*
 * Repository discovery with the production config on PostgreSQL: the real
 * backend, GitHub and GitLab discovery switched on by their variables and
 * pointed at local stand-ins (packages/testing/src/fakes/githubDiscovery.ts,
 * gitlabDiscovery.ts), with short schedules through the same variables.
 * Layered over the file: the integrations' URLs (the stand-ins speak http on
 * 127.0.0.1, the file says https), the GitHub provider's host and page size,
 * a static token, and one more location.
 *
 * Asserts outcomes, never timings: every catalog-info.yaml of the
 * organisation's repositories comes in over several pages, a repository with
 * several components brings them all, a removed file takes its entities away
 * on the next sync, a failing host (a 500 from GitLab, a 401 from GitHub)
 * leaves the catalog as it was and no token reaches the logs, and a location
 * on a host that is not an integration (registered through the API, in the
 * config, or named by a discovered file) is refused without the host ever
 * being contacted.
 */
import {
  engines,
  eventually,
  FakeGithubRepository,
  FakeGitlabProject,
  GithubDiscoveryFake,
  GitlabDiscoveryFake,
  HttpFake,
  PortalProcess,
  startGithubDiscoveryFake,
  startGitlabDiscoveryFake,
  startHttpFake,
  startProductionPortal,
  staticTokenConfig,
} from '@internal/testing';
import { portalFetch } from './__testUtils__/productionPortal';

jest.setTimeout(300_000);

const TOKEN = 'discovery-test-token-0123456789';
const GITHUB_TOKEN = 'gh-discovery-token';
const GITLAB_TOKEN = 'gl-discovery-token';

const describeOnPostgres = engines.includes('postgres')
  ? describe
  : describe.skip;

const component = (name: string) =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: platform-team',
    '',
  ].join('\n');

const pad = (n: number) => String(n).padStart(2, '0');

// GitHub: 12 services, a monorepo with three components (two documents in
// its root file and one more behind a Location in it), three repositories
// without the file, an archived one and one whose file also declares a
// Template and a Group. 18 repositories, 5 per page.
const githubRepositories = (): FakeGithubRepository[] => [
  ...Array.from({ length: 12 }, (_, i) => ({
    name: `svc-${pad(i + 1)}`,
    files: { 'catalog-info.yaml': component(`gh-svc-${pad(i + 1)}`) },
  })),
  {
    name: 'monorepo',
    files: {
      'catalog-info.yaml': [
        component('gh-mono-web'),
        component('gh-mono-worker'),
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Location',
          'metadata:',
          '  name: gh-mono-more',
          'spec:',
          '  targets:',
          '    - ./tools/catalog-info.yaml',
          '',
        ].join('\n'),
      ].join('---\n'),
      'tools/catalog-info.yaml': component('gh-mono-tools'),
    },
  },
  // A repository anyone in the organisation may push to, whose file also
  // declares a Template and a Group: discovery brings the Component only.
  {
    name: 'sneaky',
    files: {
      'catalog-info.yaml': [
        component('gh-sneaky'),
        [
          'apiVersion: scaffolder.backstage.io/v1beta3',
          'kind: Template',
          'metadata:',
          '  name: sneaky-template',
          'spec:',
          '  type: service',
          '  owner: platform-team',
          '  steps: []',
          '',
        ].join('\n'),
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Group',
          'metadata:',
          '  name: sneaky-admins',
          'spec:',
          '  type: team',
          '  children: []',
          '',
        ].join('\n'),
      ].join('---\n'),
    },
  },
  { name: 'docs-site', files: { 'README.md': '# Docs\n' } },
  { name: 'scratch', files: {} },
  { name: 'dotfiles', files: { '.bashrc': '' } },
  {
    name: 'old-svc',
    isArchived: true,
    files: { 'catalog-info.yaml': component('gh-old-svc') },
  },
];
const githubExpected = [
  ...Array.from({ length: 12 }, (_, i) => `gh-svc-${pad(i + 1)}`),
  'gh-mono-web',
  'gh-mono-worker',
  'gh-mono-tools',
  'gh-sneaky',
];

// GitLab: 55 projects of which every fifth has the file, one in a subgroup,
// one archived. 57 projects; discovery asks 50 per page.
const gitlabProjects = (): FakeGitlabProject[] => [
  ...Array.from(
    { length: 55 },
    (_, i): FakeGitlabProject => ({
      path: `app-${pad(i + 1)}`,
      files:
        (i + 1) % 5 === 0
          ? { 'catalog-info.yaml': component(`gl-app-${pad(i + 1)}`) }
          : { 'README.md': '# App\n' },
    }),
  ),
  {
    path: 'infra/dns',
    files: { 'catalog-info.yaml': component('gl-infra-dns') },
  },
  {
    path: 'legacy',
    archived: true,
    files: { 'catalog-info.yaml': component('gl-legacy') },
  },
];
const gitlabExpected = [
  ...Array.from({ length: 11 }, (_, i) => `gl-app-${pad((i + 1) * 5)}`),
  'gl-infra-dns',
];

describeOnPostgres(
  'repository discovery, production config on PostgreSQL',
  () => {
    let github: GithubDiscoveryFake;
    let gitlab: GitlabDiscoveryFake;
    let outside: HttpFake;
    let portal: PortalProcess;
    const outsideInConfig = () =>
      `${outside.url}/tidewater/from-config/blob/main/catalog-info.yaml`;
    const outsideInFile = () =>
      `${outside.url}/tidewater/from-file/blob/main/catalog-info.yaml`;

    beforeAll(async () => {
      // A host no integration names; it must never see a request.
      outside = await startHttpFake([]);
      github = await startGithubDiscoveryFake({
        organization: 'tidewater',
        token: GITHUB_TOKEN,
        repositories: [
          ...githubRepositories(),
          // A discovered file that points elsewhere.
          {
            name: 'points-out',
            files: {
              'catalog-info.yaml': [
                'apiVersion: backstage.io/v1alpha1',
                'kind: Location',
                'metadata:',
                '  name: points-out',
                'spec:',
                `  targets: [${outsideInFile()}]`,
                '',
              ].join('\n'),
            },
          },
        ],
      });
      gitlab = await startGitlabDiscoveryFake({
        group: 'tidewater',
        token: GITLAB_TOKEN,
        projects: gitlabProjects(),
      });
      portal = await startProductionPortal({
        env: {
          GITHUB_DISCOVERY_ORG: 'tidewater',
          GITHUB_DISCOVERY_FREQUENCY: '5 seconds',
          GITLAB_HOST: gitlab.host,
          GITLAB_DISCOVERY_GROUP: 'tidewater',
          GITLAB_DISCOVERY_FREQUENCY: '5 seconds',
          GITLAB_TOKEN,
        },
        config: {
          ...staticTokenConfig(TOKEN, 'discovery-test'),
          // The stand-ins speak http; the file builds https URLs. github.com
          // stays (publishing needs its token) and is never contacted here.
          integrations: {
            github: [
              { host: 'github.com', token: 'test-github-token' },
              github.integration,
            ],
            gitlab: [gitlab.integration],
          },
          catalog: {
            // The file's locations, and one on a host no integration names.
            locations: [
              { type: 'file', target: './catalog-info.yaml' },
              {
                type: 'file',
                target: './templates/all.yaml',
                rules: [{ allow: ['Location', 'Template'] }],
              },
              { type: 'url', target: outsideInConfig() },
            ],
            providers: {
              // A GitHub Enterprise-style host; 5 per page to page through.
              github: {
                repositories: {
                  host: github.host,
                  pageSizes: { repositories: 5 },
                },
              },
            },
          },
        },
      });
    });
    afterAll(async () => {
      await portal?.stop();
      await Promise.all([github?.stop(), gitlab?.stop(), outside?.stop()]);
    });

    const api = (path: string, init: RequestInit = {}) =>
      portalFetch(portal, TOKEN, path, {
        ...init,
        headers: {
          'Content-Type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
      });

    const components = async () => {
      const res = await api(
        '/api/catalog/entities?filter=kind=component&fields=metadata.name,metadata.annotations',
      );
      expect(res.status).toBe(200);
      const items: any[] = await res.json();
      return new Map(items.map(e => [e.metadata.name, e.metadata.annotations]));
    };

    const allPresent = (names: string[]) => async () => {
      const found = await components();
      return names.every(n => found.has(n)) ? found : undefined;
    };

    it('brings in every catalog-info.yaml of the GitHub organisation, over several pages', async () => {
      const found = await eventually(allPresent(githubExpected), 120_000);
      expect(found.has('gh-old-svc')).toBe(false);

      const queries = github.requests.filter(r => r.path === '/api/graphql');
      const cursors = new Set(
        queries.map(r => (r.body as any)?.variables?.cursor ?? null),
      );
      // 18 repositories at 5 per page: the first page and three cursors.
      expect(cursors.size).toBeGreaterThanOrEqual(4);
      expect(queries[0].headers.authorization).toMatch(GITHUB_TOKEN);
      // Files were read through the contents API of the integration.
      expect(
        github.requests.some(r =>
          r.path.startsWith('/api/v3/repos/tidewater/svc-01/contents/'),
        ),
      ).toBe(true);
    });

    it('refuses Templates, Users and Groups from discovered files (only the platform team brings those in)', async () => {
      await eventually(allPresent(['gh-sneaky']), 120_000);
      await eventually(
        async () =>
          portal.output().includes('found by repository discovery') ||
          undefined,
        120_000,
      );
      for (const ref of ['template/sneaky-template', 'group/sneaky-admins']) {
        const res = await api(
          `/api/catalog/entities/by-name/${ref.replace('/', '/default/')}`,
        );
        expect(res.status).toBe(404);
      }
      expect(portal.output()).toMatch(
        /Template sneaky-template comes from \S+\/sneaky\/blob\/main\/catalog-info\.yaml, a catalog file found by repository discovery/,
      );
    });

    it('brings in several components from one repository: documents of its file and a Location in it', async () => {
      const found = await eventually(
        allPresent(['gh-mono-web', 'gh-mono-worker', 'gh-mono-tools']),
        120_000,
      );
      const location = (name: string) =>
        found.get(name)['backstage.io/managed-by-location'];
      const origin = (name: string) =>
        found.get(name)['backstage.io/managed-by-origin-location'];
      // Two documents of the root file: one location, the discovered file.
      const root = location('gh-mono-web');
      expect(root).toMatch(
        /\/monorepo\/(blob|tree)\/main\/catalog-info\.yaml$/,
      );
      expect(location('gh-mono-worker')).toBe(root);
      // The Location in it: read through the same integration.
      expect(location('gh-mono-tools')).toMatch(
        /\/monorepo\/(blob|tree)\/main\/tools\/catalog-info\.yaml$/,
      );
      // All three trace back to the discovered file.
      for (const name of ['gh-mono-web', 'gh-mono-worker', 'gh-mono-tools']) {
        expect(origin(name)).toMatch(
          /\/monorepo\/(blob|tree)\/main\/catalog-info\.yaml$/,
        );
      }
      expect(
        github.requests.some(
          r =>
            r.path ===
            '/api/v3/repos/tidewater/monorepo/contents/tools/catalog-info.yaml',
        ),
      ).toBe(true);
    });

    it('brings in every catalog-info.yaml of the GitLab group and its subgroups, over several pages', async () => {
      const found = await eventually(allPresent(gitlabExpected), 120_000);
      expect(found.has('gl-legacy')).toBe(false);
      const listings = gitlab.requests.filter(
        r => r.path === '/api/v4/groups/tidewater/projects',
      );
      expect(listings.map(r => r.query.page)).toEqual(
        expect.arrayContaining(['1', '2']),
      );
      expect(listings[0].headers.authorization).toBe(`Bearer ${GITLAB_TOKEN}`);
      expect(
        gitlab.requests.some(
          r =>
            r.method === 'HEAD' &&
            /\/repository\/files\/catalog-info\.yaml$/.test(r.path),
        ),
      ).toBe(true);
      expect(
        found.get('gl-infra-dns')['backstage.io/managed-by-location'],
      ).toBe(
        `url:${gitlab.projectUrl('infra/dns')}/-/blob/main/catalog-info.yaml`,
      );
    });

    it('takes entities away when their catalog-info.yaml is removed, and adds new repositories, on the next sync', async () => {
      await eventually(
        allPresent([...githubExpected, ...gitlabExpected]),
        120_000,
      );
      github.deleteFile('svc-03', 'catalog-info.yaml');
      github.deleteFile('monorepo', 'catalog-info.yaml');
      gitlab.deleteFile('app-10', 'catalog-info.yaml');
      github.addRepository({
        name: 'svc-new',
        files: { 'catalog-info.yaml': component('gh-svc-new') },
      });
      gitlab.addProject({
        path: 'app-new',
        files: { 'catalog-info.yaml': component('gl-app-new') },
      });

      const gone = [
        'gh-svc-03',
        'gh-mono-web',
        'gh-mono-worker',
        'gh-mono-tools',
        'gl-app-10',
      ];
      const found = await eventually(async () => {
        const now = await components();
        return gone.every(n => !now.has(n)) &&
          now.has('gh-svc-new') &&
          now.has('gl-app-new')
          ? now
          : undefined;
      }, 120_000);
      // Nothing else went with them.
      const kept = [...githubExpected, ...gitlabExpected].filter(
        name => !gone.includes(name),
      );
      expect(kept.filter(name => !found.has(name))).toEqual([]);
    });

    it('keeps what it has when the code host fails, and says so in one line', async () => {
      const before = [...(await components()).keys()].sort();
      const seen = gitlab.requests.length;
      const listings = () =>
        gitlab.requests
          .slice(seen)
          .filter(r => r.path === '/api/v4/groups/tidewater/projects');
      // Three syncs in a row fail on the first page.
      gitlab.failNext({ path: '/api/v4/groups/', status: 500, times: 3 });
      await eventually(async () => listings().length >= 2, 120_000);
      // Two failed syncs later, nothing is gone.
      expect([...(await components()).keys()].sort()).toEqual(before);
      // And once GitLab answers again, a sync completes.
      await eventually(async () => listings().length >= 5, 120_000);
      expect([...(await components()).keys()].sort()).toEqual(before);
      expect(portal.output()).toMatch(
        /GitlabDiscoveryEntityProvider:repositories refresh failed.*500/,
      );
    });

    it('keeps what it has when GitHub refuses the token, and never logs a token', async () => {
      const before = [...(await components()).keys()].sort();
      const seen = github.requests.length;
      const queries = () =>
        github.requests.slice(seen).filter(r => r.path === '/api/graphql');
      // GitHub's answer to a revoked token; octokit does not retry a 401.
      github.failNext({
        path: '/api/graphql',
        status: 401,
        times: 2,
        body: {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/graphql',
        },
      });
      await eventually(async () => queries().length >= 2, 120_000);
      expect([...(await components()).keys()].sort()).toEqual(before);
      await eventually(async () => queries().length >= 3, 120_000);
      expect(portal.output()).toMatch(
        /github-provider:repositories refresh failed.*Bad credentials/,
      );
      expect(portal.output()).not.toContain(GITHUB_TOKEN);
      expect(portal.output()).not.toContain(GITLAB_TOKEN);
    });

    it('refuses a location on a host that is not an integration, and never contacts it', async () => {
      const target = `${outside.url}/tidewater/intruder/blob/main/catalog-info.yaml`;

      // What the "Register existing component" page does first.
      const dryRun = await api('/api/catalog/locations?dryRun=true', {
        method: 'POST',
        body: JSON.stringify({ type: 'url', target }),
      });
      expect(dryRun.status).toBe(400);
      expect(JSON.stringify(await dryRun.json())).toMatch(
        /Reading from '.*' is not allowed.*backend\.reading\.allow/,
      );

      // Registered anyway through the API: the catalog keeps the location
      // and reports, on the Catalog errors page, that it may not read it.
      const registered = await api('/api/catalog/locations', {
        method: 'POST',
        body: JSON.stringify({ type: 'url', target }),
      });
      expect(registered.status).toBe(201);
      const { location } = await registered.json();
      const refusal = await eventually(async () => {
        const res = await api('/api/catalog-errors/errors');
        const { items } = await res.json();
        return items.find((i: any) => i.message.includes(target));
      }, 120_000);
      expect(refusal.entity).toMatch(/^location:default\/generated-/);
      expect(refusal.message).toMatch(
        /Reading from '.*' is not allowed.*backend\.reading\.allow/,
      );
      expect(location.target).toBe(target);

      // The same for a location in the config, and for one a discovered
      // file points at (resolved against the file's URL, the path reads
      // .../tree/... by then).
      for (const url of [
        outsideInConfig(),
        `${outside.url}/tidewater/from-file/`,
      ]) {
        const error = await eventually(async () => {
          const res = await api('/api/catalog-errors/errors');
          const { items } = await res.json();
          return items.find((i: any) => i.message.includes(url));
        }, 120_000);
        expect(error.message).toMatch(/Reading from '.*' is not allowed/);
      }

      expect(outside.requests).toEqual([]);
    });
  },
);
