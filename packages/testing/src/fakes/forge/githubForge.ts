/*
 * A local GitHub Enterprise-style forge for publishing tests: the REST
 * endpoints (under /api/v3, GraphQL at /api/graphql) that
 * @backstage/plugin-scaffolder-backend-module-github's publish:github and
 * publish:github:pull-request call (read from its dist code and from
 * octokit-plugin-create-pull-request, which the pull-request action uses),
 * plus what the catalog's GithubUrlReader reads and what Lodestar's own
 * clean-up calls, over real bare repositories served by git http-backend at
 * /<owner>/<repo>.git. Creating a repository creates the bare repository
 * the returned clone_url points at.
 *
 *   GET    /users/:login                         owner lookup (User/Organization)
 *   POST   /orgs/:org/repos, /user/repos         create (422 when the name is taken)
 *   GET    /repos/:o/:r, DELETE /repos/:o/:r     read, delete
 *   PUT    /repos/:o/:r/branches/:b/protection   branch protection (recorded)
 *   PUT    /repos/:o/:r/topics, /collaborators/:u, /orgs/:org/teams/:t/repos/:o/:r
 *   GET    /repos/:o/:r/commits?sha&per_page     newest commit of a branch
 *   POST   /repos/:o/:r/git/blobs|trees|commits|refs, PATCH git/refs/heads/:b,
 *   GET    /repos/:o/:r/git/ref/heads/:b         Git Data API, on the bare repository
 *   POST   /repos/:o/:r/pulls, GET /repos/:o/:r/pulls
 *   GET    /repos/:o/:r/contents/:path?ref=      raw (Accept …raw) or JSON
 *   POST   /api/graphql                          the "ref(qualifiedName) →
 *                                                associatedPullRequests" query, and
 *                                                discovery's organisation repositories
 *                                                query (githubRepositoriesQuery.ts)
 *
 * Every API call wants `Authorization: token|Bearer <token>` (401 "Bad
 * credentials" otherwise). Shapes: fixtures/github.ts.
 */
import { NextFunction, Request, Response, Router } from 'express';
import { HttpFake, startHttpFake } from '../httpFake';
import { BareRepos, gitMissing } from './bareRepos';
import { gitHttpRouter } from './gitHttpBackend';
import {
  answerRepositoriesQuery,
  isRepositoriesQuery,
} from './githubRepositoriesQuery';
import {
  accountJson,
  contentFileJson,
  GithubAccount,
  githubErrors,
  GithubPullState,
  GithubRepoState,
  gitCommitJson,
  listedCommitJson,
  pullJson,
  refJson,
  repositoryJson,
  Urls,
} from './fixtures/github';

export type { GithubRepoState, GithubPullState } from './fixtures/github';

export type GithubForgeOptions = {
  /** The one token the forge accepts (API and git). */
  token: string;
  /** Organisations that exist; default ['tidewater']. */
  organizations?: string[];
  /** Login of the token's user; default 'lodestar-bot'. */
  user?: string;
  /** Listen on this port (to come back on the same URL after `stop`). */
  port?: number;
  /** Keep repositories here (to survive a stop/start); default a temp dir. */
  repos?: BareRepos;
};

export type GithubForge = HttpFake & {
  /** host:port — integrations.github[].host */
  host: string;
  /** http://host:port/api/v3 — integrations.github[].apiBaseUrl */
  apiBaseUrl: string;
  repos: BareRepos;
  repositories: Map<string, GithubRepoState>;
  pulls: GithubPullState[];
  /** Creates a repository with files on its default branch (test set-up). */
  seedRepository(
    owner: string,
    name: string,
    files: Record<string, string>,
    branch?: string,
  ): Promise<void>;
  /** Stops listening (the forge becomes unreachable); keeps the repositories. */
  stop(): Promise<void>;
  /** Stops and removes the repositories. */
  cleanup(): Promise<void>;
};

export async function startGithubForge(
  options: GithubForgeOptions,
): Promise<GithubForge> {
  const missing = gitMissing();
  if (missing) throw new Error(`The local forge needs git: ${missing}`);
  const repos = options.repos ?? new BareRepos();
  const state = {
    repositories: new Map<string, GithubRepoState>(),
    pulls: [] as GithubPullState[],
    nextId: 1000,
  };
  const botLogin = options.user ?? 'lodestar-bot';
  const accounts = new Map<string, GithubAccount>();
  accounts.set(botLogin, { login: botLogin, id: 1, type: 'User' });
  for (const org of options.organizations ?? ['tidewater']) {
    accounts.set(org, { login: org, id: state.nextId++, type: 'Organization' });
  }
  let urls: Urls = { web: '', api: '' };

  const router = Router();
  const api = Router();
  router.use('/api/v3', requireToken, api);
  router.post('/api/graphql', requireToken, graphql);
  router.use(gitHttpRouter({ repos, acceptsToken: t => t === options.token }));

  function requireToken(req: Request, res: Response, next: NextFunction) {
    const header = req.headers.authorization ?? '';
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(header)?.[1];
    if (token !== options.token) {
      res.status(401).json(githubErrors.badCredentials);
      return;
    }
    // A classic token says which scopes it has.
    res.setHeader('X-OAuth-Scopes', 'repo, workflow, delete_repo');
    next();
  }

  const fullName = (req: Request) => `${req.params.owner}/${req.params.repo}`;
  const repoOr404 = (req: Request, res: Response) => {
    const repo = state.repositories.get(fullName(req));
    if (!repo) res.status(404).json(githubErrors.notFound);
    return repo;
  };
  const wrap =
    (fn: (req: Request, res: Response) => Promise<void> | void) =>
    (req: Request, res: Response, next: NextFunction) => {
      Promise.resolve(fn(req, res)).catch(next);
    };

  async function repoJson(repo: GithubRepoState) {
    const name = `${repo.owner.login}/${repo.name}`;
    const defaultBranch = await repos.defaultBranch(name);
    const empty = await repos.isEmpty(name);
    return repositoryJson(repo, urls, {
      defaultBranch,
      empty,
      pushedAt: empty ? null : repo.createdAt,
    });
  }

  api.get(
    '/users/:login',
    wrap((req, res) => {
      const account = accounts.get(req.params.login);
      if (!account) {
        res.status(404).json(githubErrors.notFound);
        return;
      }
      res.json(accountJson(account, urls));
    }),
  );
  api.get('/user', (_req, res) => {
    res.json(accountJson(accounts.get(botLogin)!, urls));
  });

  async function createRepository(
    req: Request,
    res: Response,
    owner: GithubAccount,
  ) {
    const body = (req.body ?? {}) as Record<string, any>;
    const name = String(body.name ?? '');
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
      res
        .status(422)
        .json(
          githubErrors.validationFailed('name is not a valid repository name'),
        );
      return;
    }
    const key = `${owner.login}/${name}`;
    if (state.repositories.has(key)) {
      res.status(422).json(githubErrors.repositoryExists);
      return;
    }
    const visibility =
      body.visibility ?? (body.private === false ? 'public' : 'private');
    const repo: GithubRepoState = {
      id: state.nextId++,
      owner,
      name,
      private: visibility !== 'public',
      visibility,
      description: body.description ?? null,
      homepage: body.homepage ?? null,
      topics: [],
      createdAt: new Date().toISOString(),
      createdWith: body,
      protection: {},
    };
    await repos.create(key, 'main');
    state.repositories.set(key, repo);
    res.status(201).json(await repoJson(repo));
  }

  api.post(
    '/orgs/:org/repos',
    wrap(async (req, res) => {
      const org = accounts.get(req.params.org);
      if (!org || org.type !== 'Organization') {
        res.status(404).json(githubErrors.notFound);
        return;
      }
      await createRepository(req, res, org);
    }),
  );
  api.post(
    '/user/repos',
    wrap(async (req, res) => {
      await createRepository(req, res, accounts.get(botLogin)!);
    }),
  );

  api.get(
    '/repos/:owner/:repo',
    wrap(async (req, res) => {
      const repo = repoOr404(req, res);
      if (repo) res.json(await repoJson(repo));
    }),
  );
  api.delete(
    '/repos/:owner/:repo',
    wrap((req, res) => {
      const repo = repoOr404(req, res);
      if (!repo) return;
      state.repositories.delete(fullName(req));
      repos.remove(fullName(req));
      res.status(204).end();
    }),
  );

  api.put(
    '/repos/:owner/:repo/branches/:branch/protection',
    wrap(async (req, res) => {
      const repo = repoOr404(req, res);
      if (!repo) return;
      const branch = req.params.branch;
      if (!(await repos.resolve(fullName(req), `refs/heads/${branch}`))) {
        res.status(404).json(githubErrors.branchNotFound);
        return;
      }
      repo.protection[branch] = req.body;
      const url = `${urls.api}/repos/${fullName(
        req,
      )}/branches/${branch}/protection`;
      res.json({
        url,
        required_status_checks: req.body?.required_status_checks
          ? {
              url: `${url}/required_status_checks`,
              ...req.body.required_status_checks,
            }
          : undefined,
        enforce_admins: {
          url: `${url}/enforce_admins`,
          enabled: Boolean(req.body?.enforce_admins),
        },
        required_pull_request_reviews: req.body?.required_pull_request_reviews
          ? {
              url: `${url}/required_pull_request_reviews`,
              ...req.body.required_pull_request_reviews,
            }
          : undefined,
        required_linear_history: {
          enabled: Boolean(req.body?.required_linear_history),
        },
        allow_force_pushes: { enabled: false },
        allow_deletions: { enabled: false },
      });
    }),
  );
  api.put(
    '/repos/:owner/:repo/topics',
    wrap((req, res) => {
      const repo = repoOr404(req, res);
      if (!repo) return;
      repo.topics = (req.body?.names ?? []).map(String);
      res.json({ names: repo.topics });
    }),
  );
  api.put(
    '/repos/:owner/:repo/collaborators/:username',
    wrap((req, res) => {
      if (repoOr404(req, res)) res.status(204).end();
    }),
  );
  api.put(
    '/orgs/:org/teams/:team/repos/:owner/:repo',
    wrap((req, res) => {
      if (repoOr404(req, res)) res.status(204).end();
    }),
  );

  api.get(
    '/repos/:owner/:repo/commits',
    wrap(async (req, res) => {
      const repo = repoOr404(req, res);
      if (!repo) return;
      const name = fullName(req);
      if (await repos.isEmpty(name)) {
        res.status(409).json(githubErrors.emptyRepository);
        return;
      }
      const ref = String(req.query.sha ?? (await repos.defaultBranch(name)));
      const sha = await repos.resolve(name, ref);
      if (!sha) {
        res.status(404).json(githubErrors.notFound);
        return;
      }
      const perPage = Math.min(Number(req.query.per_page ?? 30), 100);
      const out = await repos.git(name, [
        'rev-list',
        `--max-count=${perPage}`,
        sha,
      ]);
      const list = [];
      for (const commit of out.split('\n').filter(Boolean)) {
        list.push(
          listedCommitJson(name, urls, await repos.commitInfo(name, commit)),
        );
      }
      res.json(list);
    }),
  );

  api.post(
    '/repos/:owner/:repo/git/blobs',
    wrap(async (req, res) => {
      if (!repoOr404(req, res)) return;
      const { content = '', encoding = 'utf-8' } = req.body ?? {};
      const data = Buffer.from(
        String(content),
        encoding === 'base64' ? 'base64' : 'utf8',
      );
      const sha = await repos.writeBlob(fullName(req), data);
      res.status(201).json({
        url: `${urls.api}/repos/${fullName(req)}/git/blobs/${sha}`,
        sha,
      });
    }),
  );
  api.post(
    '/repos/:owner/:repo/git/trees',
    wrap(async (req, res) => {
      if (!repoOr404(req, res)) return;
      const name = fullName(req);
      const entries: Array<Record<string, any>> = req.body?.tree ?? [];
      const changes = [];
      for (const entry of entries) {
        let sha: string | null = entry.sha ?? null;
        if (entry.content !== undefined) {
          sha = await repos.writeBlob(name, Buffer.from(String(entry.content)));
        } else if (entry.sha === undefined) {
          res
            .status(422)
            .json(
              githubErrors.validationFailed('tree entry needs sha or content'),
            );
          return;
        }
        changes.push({ path: entry.path, mode: entry.mode ?? '100644', sha });
      }
      const sha = await repos.writeTree(name, req.body?.base_tree, changes);
      const listed = await repos.listTree(name, sha);
      res.status(201).json({
        sha,
        url: `${urls.api}/repos/${name}/git/trees/${sha}`,
        tree: listed
          .filter(e => !e.path.includes('/'))
          .map(e => ({
            path: e.path,
            mode: e.mode,
            type: e.type,
            size: e.size,
            sha: e.sha,
            url: `${urls.api}/repos/${name}/git/${e.type}s/${e.sha}`,
          })),
        truncated: false,
      });
    }),
  );
  api.post(
    '/repos/:owner/:repo/git/commits',
    wrap(async (req, res) => {
      if (!repoOr404(req, res)) return;
      const name = fullName(req);
      const bot = {
        name: botLogin,
        email: `${botLogin}@users.noreply.${new URL(urls.web).hostname}`,
      };
      const author = req.body?.author ?? bot;
      const sha = await repos.writeCommit(name, {
        tree: req.body?.tree,
        parents: req.body?.parents ?? [],
        message: String(req.body?.message ?? ''),
        author,
        committer: req.body?.committer ?? bot,
      });
      res
        .status(201)
        .json(gitCommitJson(name, urls, await repos.commitInfo(name, sha)));
    }),
  );
  api.get(
    '/repos/:owner/:repo/git/ref/heads/:branch',
    wrap(async (req, res) => {
      if (!repoOr404(req, res)) return;
      const ref = `refs/heads/${req.params.branch}`;
      const sha = await repos.resolve(fullName(req), ref);
      if (!sha) {
        res.status(404).json(githubErrors.notFound);
        return;
      }
      res.json(refJson(fullName(req), urls, ref, sha));
    }),
  );
  api.post(
    '/repos/:owner/:repo/git/refs',
    wrap(async (req, res) => {
      if (!repoOr404(req, res)) return;
      const name = fullName(req);
      const ref = String(req.body?.ref ?? '');
      if (!ref.startsWith('refs/')) {
        res
          .status(422)
          .json(
            githubErrors.validationFailed(
              'Reference name must start with refs/',
            ),
          );
        return;
      }
      if (await repos.resolve(name, ref)) {
        res.status(422).json(githubErrors.referenceExists);
        return;
      }
      await repos.updateRef(name, ref, req.body.sha);
      await repos.adoptFirstBranch(name);
      res.status(201).json(refJson(name, urls, ref, req.body.sha));
    }),
  );
  api.patch(
    '/repos/:owner/:repo/git/refs/heads/:branch',
    wrap(async (req, res) => {
      if (!repoOr404(req, res)) return;
      const ref = `refs/heads/${req.params.branch}`;
      await repos.updateRef(fullName(req), ref, req.body.sha);
      res.json(refJson(fullName(req), urls, ref, req.body.sha));
    }),
  );

  api.post(
    '/repos/:owner/:repo/pulls',
    wrap(async (req, res) => {
      const repo = repoOr404(req, res);
      if (!repo) return;
      const name = fullName(req);
      const head = String(req.body?.head ?? '').replace(/^[^:]+:/, '');
      const base = String(req.body?.base ?? '');
      const headSha = await repos.resolve(name, `refs/heads/${head}`);
      const baseSha = await repos.resolve(name, `refs/heads/${base}`);
      if (!req.body?.title || !headSha || !baseSha) {
        res
          .status(422)
          .json(
            githubErrors.validationFailed(
              !req.body?.title
                ? 'title is missing'
                : `head ${head} or base ${base} does not exist`,
            ),
          );
        return;
      }
      const pull: GithubPullState = {
        id: state.nextId++,
        number:
          state.pulls.filter(
            p => p.owner === repo.owner.login && p.repo === repo.name,
          ).length + 1,
        owner: repo.owner.login,
        repo: repo.name,
        title: String(req.body.title),
        body: req.body.body ?? null,
        head,
        headSha,
        base,
        baseSha,
        draft: Boolean(req.body.draft),
        createdAt: new Date().toISOString(),
      };
      state.pulls.push(pull);
      res
        .status(201)
        .json(
          pullJson(
            pull,
            await repoJson(repo),
            accountJson(accounts.get(botLogin)!, urls),
            urls,
          ),
        );
    }),
  );
  api.get(
    '/repos/:owner/:repo/pulls',
    wrap(async (req, res) => {
      const repo = repoOr404(req, res);
      if (!repo) return;
      const json = await repoJson(repo);
      const user = accountJson(accounts.get(botLogin)!, urls);
      res.json(
        state.pulls
          .filter(p => p.owner === repo.owner.login && p.repo === repo.name)
          .map(p => pullJson(p, json, user, urls)),
      );
    }),
  );

  api.get(
    '/repos/:owner/:repo/contents/*',
    wrap(async (req, res) => {
      if (!repoOr404(req, res)) return;
      const name = fullName(req);
      const filePath = (req.params as any)[0] as string;
      const ref = String(req.query.ref ?? (await repos.defaultBranch(name)));
      const file = await repos.fileAt(name, ref, filePath);
      if (!file) {
        res.status(404).json(githubErrors.notFound);
        return;
      }
      res.setHeader('ETag', `"${file.sha}"`);
      if (req.headers['if-none-match'] === `"${file.sha}"`) {
        res.status(304).end();
        return;
      }
      if (/vnd\.github(\.v3)?\.raw/.test(String(req.headers.accept ?? ''))) {
        res.type('application/octet-stream').send(file.content);
        return;
      }
      res.json(
        contentFileJson(name, urls, {
          path: filePath,
          sha: file.sha,
          content: file.content,
          ref,
        }),
      );
    }),
  );

  async function graphql(req: Request, res: Response) {
    if (isRepositoriesQuery(req.body)) {
      res.json(
        await answerRepositoriesQuery(req.body, {
          owners: new Set(
            [...accounts.values()]
              .filter(a => a.type === 'Organization')
              .map(a => a.login),
          ),
          repositories: state.repositories,
          repos,
          webUrl: urls.web,
        }),
      );
      return;
    }
    const query = String(req.body?.query ?? '');
    const variables = req.body?.variables ?? {};
    if (!/ref\(qualifiedName:\s*\$head\)/.test(query)) {
      res.json({
        errors: [
          {
            message:
              'The local forge answers only the associatedPullRequests query',
          },
        ],
      });
      return;
    }
    const name = `${variables.owner}/${variables.repo}`;
    if (!state.repositories.has(name)) {
      res.json({
        data: { repository: null },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['repository'],
            message: `Could not resolve to a Repository with the name '${name}'.`,
          },
        ],
      });
      return;
    }
    const head = String(variables.head);
    const exists = await repos.resolve(name, `refs/heads/${head}`);
    const open = state.pulls.filter(
      p => `${p.owner}/${p.repo}` === name && p.head === head,
    );
    res.json({
      data: {
        repository: {
          ref: exists
            ? {
                associatedPullRequests: {
                  edges: open.slice(0, 1).map(p => ({
                    node: {
                      id: Buffer.from(`011:PullRequest${p.id}`).toString(
                        'base64',
                      ),
                      number: p.number,
                      url: `${urls.web}/${name}/pull/${p.number}`,
                    },
                  })),
                },
              }
            : null,
        },
      },
    });
  }

  router.use(
    (error: Error, _req: Request, res: Response, _next: NextFunction) => {
      res.status(500).json({ message: `local forge error: ${error.message}` });
    },
  );

  const fake = await startHttpFake([router], { port: options.port });
  urls = { web: fake.url, api: `${fake.url}/api/v3` };
  const host = `127.0.0.1:${fake.port}`;

  return {
    ...fake,
    host,
    apiBaseUrl: urls.api,
    repos,
    repositories: state.repositories,
    pulls: state.pulls,
    async seedRepository(owner, name, files, branch = 'main') {
      const account = accounts.get(owner);
      if (!account) throw new Error(`no account ${owner} on the forge`);
      const key = `${owner}/${name}`;
      await repos.create(key, branch);
      state.repositories.set(key, {
        id: state.nextId++,
        owner: account,
        name,
        private: true,
        visibility: 'private',
        description: null,
        homepage: null,
        topics: [],
        createdAt: new Date().toISOString(),
        createdWith: {},
        protection: {},
      });
      await repos.commitFiles(key, branch, files, 'Initial commit', {
        name: 'Forge Seed',
        email: 'seed@forge.invalid',
      });
    },
    stop: fake.stop,
    async cleanup() {
      await fake.stop().catch(() => undefined);
      repos.cleanup();
    },
  };
}
