/*
 * The local GitHub forge's answer to repository discovery's organisation
 * query (@backstage/plugin-catalog-backend-module-github's
 * GithubEntityProvider: repositoryOwner → repositories(first, after) with the
 * catalog file looked up by object(expression)), read from the forge's real
 * bare repositories. With it one forge is the whole code host of a system
 * test: discovery finds the repositories that are there, golden paths
 * publish new ones, and the catalog reads both through the same integration.
 *
 * The node and paging shapes are the discovery stand-in's
 * (../fixtures/githubRepositories.ts, which names GitHub's GraphQL reference
 * pages); this file only fills them from the forge's state.
 */
import {
  cursorAt,
  exceedsFirstLimit,
  FakeGithubRepository,
  indexAfterCursor,
  notFoundOwner,
  repositoryNode,
} from '../fixtures/githubRepositories';
import { BareRepos } from './bareRepos';
import { GithubRepoState } from './fixtures/github';

const REPOSITORIES_QUERY =
  /repositoryOwner\(login:\s*\$org\)[\s\S]*repositories\(first:\s*\$repositoriesPageSize,\s*after:\s*\$cursor\)/;

/** Whether a GraphQL body is discovery's organisation repositories query. */
export const isRepositoriesQuery = (body: any) =>
  typeof body?.query === 'string' && REPOSITORIES_QUERY.test(body.query);

/**
 * The GraphQL response to the organisation query: the owner's repositories
 * in creation order, each with its catalog file when the default branch has
 * one. An owner the forge does not have is GitHub's NOT_FOUND error.
 */
export async function answerRepositoriesQuery(
  body: any,
  forge: {
    owners: Set<string>;
    repositories: Map<string, GithubRepoState>;
    repos: BareRepos;
    webUrl: string;
  },
): Promise<unknown> {
  const { org, catalogPathRef, cursor, repositoriesPageSize } =
    body.variables ?? {};
  const first = Number(repositoriesPageSize);
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    return exceedsFirstLimit(first);
  }
  const owner = [...forge.owners].find(
    login => login.toLowerCase() === String(org).toLowerCase(),
  );
  if (!owner) return notFoundOwner(String(org));
  const start = indexAfterCursor(cursor);
  if (start === undefined) {
    return {
      errors: [
        { message: `\`${cursor}\` does not appear to be a valid cursor.` },
      ],
    };
  }
  const all = [...forge.repositories.values()].filter(
    repo => repo.owner.login === owner,
  );
  const page = all.slice(start, start + first);
  const expression = String(catalogPathRef ?? 'HEAD:catalog-info.yaml');
  const nodes = await Promise.all(
    page.map(async repo =>
      repositoryNode(await asListed(forge.repos, repo, expression), {
        htmlUrl: `${forge.webUrl}/${owner}/${repo.name}`,
        expression,
      }),
    ),
  );
  const end = start + page.length;
  return {
    data: {
      repositoryOwner: {
        login: owner,
        repositories: {
          nodes,
          pageInfo: {
            hasNextPage: end < all.length,
            endCursor: page.length ? cursorAt(end - 1) : null,
          },
        },
      },
    },
  };
}

/** A forge repository as the listing shows it: the looked-up file only. */
async function asListed(
  repos: BareRepos,
  repo: GithubRepoState,
  expression: string,
): Promise<FakeGithubRepository> {
  const fullName = `${repo.owner.login}/${repo.name}`;
  const defaultBranch = await repos.defaultBranch(fullName);
  const [rev, ...pathParts] = expression.split(':');
  const filePath = pathParts.join(':');
  const ref = rev === 'HEAD' ? defaultBranch : rev;
  const content = await repos.readFile(fullName, `refs/heads/${ref}`, filePath);
  return {
    name: repo.name,
    defaultBranch,
    files: content === undefined ? {} : { [filePath]: content.toString() },
    visibility:
      repo.visibility.toUpperCase() as FakeGithubRepository['visibility'],
  };
}
