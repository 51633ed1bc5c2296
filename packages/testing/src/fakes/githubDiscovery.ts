/*
 * A local stand-in for a GitHub Enterprise-style host, for repository
 * discovery (@backstage/plugin-catalog-backend-module-github's
 * GithubEntityProvider) and the catalog's GitHub URL reader. It answers only
 * what those call (read from their dist code):
 *
 *   POST /api/graphql    the organisation's repositories query
 *                        (repositoryOwner → repositories(first, after), with
 *                        the catalog file looked up by object(expression)),
 *                        paged by pageInfo { hasNextPage endCursor }. Octokit
 *                        sends GraphQL for an apiBaseUrl ending in /api/v3 to
 *                        /api/graphql, as on GitHub Enterprise Server.
 *   GET /api/v3/repos/:owner/:repo/contents/:path?ref=
 *                        the file, raw with Accept vnd.github(.v3).raw (what
 *                        GithubUrlReader sends when it has a token), JSON
 *                        with base64 content otherwise; ETag/If-None-Match.
 *   GET /raw/:owner/:repo/:ref/:path
 *                        the raw file (GithubUrlReader without a token uses
 *                        rawBaseUrl, https://<host>/raw on GHES).
 *
 * The organisation is an in-memory set of repositories with files that a
 * test changes while the portal runs. Response shapes: fixtures/githubRepositories.ts.
 */
import { Request, Response, Router } from 'express';
import { HttpFake, startHttpFake } from './httpFake';
import {
  badCredentials,
  contentFile,
  contentNotFound,
  cursorAt,
  exceedsFirstLimit,
  FakeGithubRepository,
  gitObjectId,
  indexAfterCursor,
  notFoundOwner,
  repositoryNode,
} from './fixtures/githubRepositories';

export type { FakeGithubRepository } from './fixtures/githubRepositories';

export type GithubDiscoveryFake = HttpFake & {
  organization: string;
  /** `host:port`, as integrations.github[].host and the provider's host. */
  host: string;
  /** An integrations.github entry for this host. */
  integration: {
    host: string;
    apiBaseUrl: string;
    rawBaseUrl: string;
    token?: string;
  };
  /** The organisation's repositories by name, in listing order. */
  repositories: Map<string, FakeGithubRepository>;
  addRepository(repo: FakeGithubRepository): void;
  removeRepository(name: string): void;
  writeFile(repo: string, path: string, content: string): void;
  deleteFile(repo: string, path: string): void;
  /** The web URL of a repository, as the GraphQL `url` field gives it. */
  repositoryUrl(name: string): string;
};

const REPOSITORIES_QUERY =
  /repositoryOwner\(login:\s*\$org\)[\s\S]*repositories\(first:\s*\$repositoriesPageSize,\s*after:\s*\$cursor\)/;

export async function startGithubDiscoveryFake(options: {
  organization: string;
  /** When set, every request must carry it (token or Bearer scheme). */
  token?: string;
  repositories?: FakeGithubRepository[];
}): Promise<GithubDiscoveryFake> {
  const { organization, token } = options;
  const repositories = new Map<string, FakeGithubRepository>();
  for (const repo of options.repositories ?? []) {
    repositories.set(repo.name, repo);
  }
  let baseUrl = '';
  const repositoryUrl = (name: string) => `${baseUrl}/${organization}/${name}`;

  const authorized = (req: Request, res: Response) => {
    if (!token) return true;
    const header = req.header('authorization') ?? '';
    if (header === `token ${token}` || header === `Bearer ${token}`) {
      return true;
    }
    res.status(401).json(badCredentials);
    return false;
  };

  const fileOf = (owner: string, repo: string, ref: string, path: string) => {
    if (owner.toLowerCase() !== organization.toLowerCase()) return undefined;
    const repository = repositories.get(repo);
    if (!repository) return undefined;
    const branch = repository.defaultBranch ?? 'main';
    if (ref !== branch && ref !== 'HEAD') return undefined;
    return repository.files[path.replace(/^\/+/, '')];
  };

  const sendRaw = (req: Request, res: Response, text: string) => {
    const etag = `"${gitObjectId(text)}"`;
    res.setHeader('ETag', etag);
    if (req.header('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    res.type('text/plain; charset=utf-8').send(text);
  };

  const router = Router();
  // The frame parses JSON bodies.
  router.post('/api/graphql', (req, res) => {
    if (!authorized(req, res)) return;
    const { query, variables = {} } = req.body ?? {};
    if (typeof query !== 'string' || !REPOSITORIES_QUERY.test(query)) {
      res.json({
        errors: [
          {
            message:
              'This stand-in answers only the organisation repositories query of repository discovery.',
          },
        ],
      });
      return;
    }
    const { org, catalogPathRef, cursor, repositoriesPageSize } = variables;
    const first = Number(repositoriesPageSize);
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      res.json(exceedsFirstLimit(first));
      return;
    }
    if (String(org).toLowerCase() !== organization.toLowerCase()) {
      res.json(notFoundOwner(String(org)));
      return;
    }
    const start = indexAfterCursor(cursor);
    if (start === undefined) {
      res.json({
        errors: [
          { message: `\`${cursor}\` does not appear to be a valid cursor.` },
        ],
      });
      return;
    }
    const all = [...repositories.values()];
    const page = all.slice(start, start + first);
    const end = start + page.length;
    res.json({
      data: {
        repositoryOwner: {
          login: organization,
          repositories: {
            nodes: page.map(repo =>
              repositoryNode(repo, {
                htmlUrl: repositoryUrl(repo.name),
                expression: String(catalogPathRef),
              }),
            ),
            pageInfo: {
              hasNextPage: end < all.length,
              endCursor: page.length ? cursorAt(end - 1) : null,
            },
          },
        },
      },
    });
  });

  router.get('/api/v3/repos/:owner/:repo/contents/*', (req, res) => {
    if (!authorized(req, res)) return;
    const { owner, repo } = req.params;
    const path = (req.params as Record<string, string>)[0];
    const repository = repositories.get(repo);
    const ref =
      typeof req.query.ref === 'string'
        ? req.query.ref
        : repository?.defaultBranch ?? 'main';
    const text = fileOf(owner, repo, ref, path);
    if (text === undefined) {
      res.status(404).json(contentNotFound);
      return;
    }
    const accept = req.header('accept') ?? '';
    if (/application\/vnd\.github(\.v3)?\.raw/.test(accept)) {
      sendRaw(req, res, text);
      return;
    }
    res.json(
      contentFile({
        owner,
        repo,
        path,
        ref,
        text,
        apiBaseUrl: `${baseUrl}/api/v3`,
        htmlUrl: repositoryUrl(repo),
      }),
    );
  });

  router.get('/raw/:owner/:repo/:ref/*', (req, res) => {
    if (!authorized(req, res)) return;
    const { owner, repo, ref } = req.params;
    const text = fileOf(owner, repo, ref, (req.params as any)[0]);
    if (text === undefined) {
      res.status(404).type('text/plain').send('404: Not Found');
      return;
    }
    sendRaw(req, res, text);
  });

  const fake = await startHttpFake([router]);
  baseUrl = fake.url;
  const host = `127.0.0.1:${fake.port}`;
  const repository = (name: string) => {
    const repo = repositories.get(name);
    if (!repo) throw new Error(`no repository ${name} in the fake`);
    return repo;
  };
  return {
    ...fake,
    organization,
    host,
    integration: {
      host,
      apiBaseUrl: `${fake.url}/api/v3`,
      rawBaseUrl: `${fake.url}/raw`,
      ...(token ? { token } : {}),
    },
    repositories,
    addRepository: repo => {
      repositories.set(repo.name, repo);
    },
    removeRepository: name => {
      repositories.delete(name);
    },
    writeFile: (name, path, content) => {
      repository(name).files[path] = content;
    },
    deleteFile: (name, path) => {
      delete repository(name).files[path];
    },
    repositoryUrl,
  };
}
