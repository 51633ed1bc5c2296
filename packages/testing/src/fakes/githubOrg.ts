/*
 * A local stand-in for a GitHub Enterprise-style host, for the GitHub org
 * entity provider (GithubMultiOrgEntityProvider of
 * @backstage/plugin-catalog-backend-module-github, added by -github-org).
 * It answers only what that provider sends (read from its dist code), all
 * on POST /api/graphql (where Octokit sends GraphQL for an apiBaseUrl ending
 * in /api/v3, as on GitHub Enterprise Server):
 *
 *   query users    organization.membersWithRole(first, after): the members
 *                  with email (when the caller asks, i.e. with a token),
 *                  name, bio, avatar and verified-domain emails;
 *   query teams    organization.teams(first, after), each with its parent
 *                  and members(first, membership: IMMEDIATE);
 *   query members  organization.team(slug).members(first, after), asked
 *                  for a team with more members than the first page.
 *
 * Each connection is paged by pageInfo { hasNextPage endCursor }. Shapes are
 * in fixtures/githubOrg.ts with their sources.
 */
import { Request, Response, Router } from 'express';
import { HttpFake, startHttpFake } from './httpFake';
import {
  badCredentials,
  cursorAt,
  indexAfterCursor,
} from './fixtures/githubRepositories';
import {
  FakeGithubOrganisation,
  githubUserNode,
  tidewaterGithubOrganisation,
} from './fixtures/githubOrg';

export type GithubOrgFake = HttpFake & {
  /** `127.0.0.1:<port>`, as integrations.github[].host. */
  host: string;
  /** The organisation; change it and the next sync sees the change. */
  organisation: FakeGithubOrganisation;
  /** An integrations.github entry for this host. */
  integration: { host: string; apiBaseUrl: string; token: string };
  /** Operation names of the GraphQL queries answered, in order. */
  operations: Array<{ name: string; variables: Record<string, unknown> }>;
};

const OPERATION = /^\s*query\s+(\w+)\s*\(/;

function connection<T>(all: T[], first: unknown, after: unknown) {
  const size = Number(first);
  const start = indexAfterCursor(after as string | undefined);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    return {
      error: `Requesting ${first} records on the connection exceeds the \`first\` limit of 100 records.`,
    };
  }
  if (start === undefined) {
    return { error: `\`${after}\` does not appear to be a valid cursor.` };
  }
  const nodes = all.slice(start, start + size);
  const end = start + nodes.length;
  return {
    nodes,
    pageInfo: {
      hasNextPage: end < all.length,
      endCursor: nodes.length ? cursorAt(end - 1) : null,
    },
  };
}

export async function startGithubOrgFake(options: {
  token: string;
  organisation?: FakeGithubOrganisation;
}): Promise<GithubOrgFake> {
  const organisation = options.organisation ?? tidewaterGithubOrganisation();
  const operations: GithubOrgFake['operations'] = [];
  let baseUrl = '';

  const memberNode = (login: string, includeEmail: boolean) => {
    const member = organisation.members.find(m => m.login === login);
    return member
      ? githubUserNode(member, { baseUrl, includeEmail })
      : undefined;
  };

  function answer(name: string, variables: Record<string, any>) {
    if (
      String(variables.org).toLowerCase() !== organisation.login.toLowerCase()
    ) {
      return {
        data: { organization: null },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['organization'],
            message: `Could not resolve to an Organization with the login of '${variables.org}'.`,
          },
        ],
      };
    }
    const fail = (message: string) => ({ errors: [{ message }] });
    if (name === 'users') {
      const page = connection(
        organisation.members.map(m =>
          githubUserNode(m, { baseUrl, includeEmail: !!variables.email }),
        ),
        variables.organizationMembersPageSize,
        variables.cursor,
      );
      if ('error' in page) return fail(page.error!);
      return { data: { organization: { membersWithRole: page } } };
    }
    if (name === 'teams') {
      const teams = organisation.teams.map(team => {
        const members = connection(
          team.members.map(login => memberNode(login, true)).filter(Boolean),
          variables.membersPageSize,
          undefined,
        );
        return {
          slug: team.slug,
          combinedSlug: `${organisation.login}/${team.slug}`,
          name: team.name,
          description: team.description,
          avatarUrl: `${baseUrl}/avatars/t/${team.slug}`,
          editTeamUrl: `${baseUrl}/orgs/${organisation.login}/teams/${team.slug}/edit`,
          parentTeam: team.parentSlug ? { slug: team.parentSlug } : null,
          // The teams query selects only hasNextPage here.
          members:
            'error' in members
              ? members
              : {
                  pageInfo: { hasNextPage: members.pageInfo.hasNextPage },
                  nodes: members.nodes,
                },
        };
      });
      if (teams.some(t => 'error' in t.members)) {
        return fail('members: invalid page size');
      }
      const page = connection(teams, variables.teamsPageSize, variables.cursor);
      if ('error' in page) return fail(page.error!);
      return { data: { organization: { teams: page } } };
    }
    if (name === 'members') {
      const team = organisation.teams.find(t => t.slug === variables.teamSlug);
      if (!team) return { data: { organization: { team: null } } };
      const page = connection(
        team.members.map(login => ({ login })),
        variables.membersPageSize,
        variables.cursor,
      );
      if ('error' in page) return fail(page.error!);
      return { data: { organization: { team: { members: page } } } };
    }
    return fail(
      `This stand-in answers only the org provider's users, teams and members queries, not ${name}.`,
    );
  }

  const router = Router();
  router.post('/api/graphql', (req: Request, res: Response) => {
    const header = req.header('authorization') ?? '';
    if (
      header !== `token ${options.token}` &&
      header !== `bearer ${options.token}` &&
      header !== `Bearer ${options.token}`
    ) {
      res.status(401).json(badCredentials);
      return;
    }
    const { query, variables = {} } = req.body ?? {};
    const name = OPERATION.exec(String(query ?? ''))?.[1] ?? '';
    operations.push({ name, variables });
    res.json(answer(name, variables));
  });

  const fake = await startHttpFake([router]);
  baseUrl = fake.url;
  const host = `127.0.0.1:${fake.port}`;
  return {
    ...fake,
    host,
    organisation,
    operations,
    integration: {
      host,
      apiBaseUrl: `${fake.url}/api/v3`,
      token: options.token,
    },
  };
}
