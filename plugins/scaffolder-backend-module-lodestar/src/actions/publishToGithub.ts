/*
 * Publishing a golden path's workspace to GitHub (or GitHub Enterprise
 * Server) for publish:lodestar: what the stock publish:github does for our
 * case — create the repository in the organisation (or for the token's
 * user), push the workspace with scaffolder-node's initRepoAndPush, protect
 * the default branch — with two differences the stock action lacks: a
 * failure names the host and the HTTP status, and a repository this run
 * created is deleted again when a later step of the publish fails (or the
 * message says exactly what is left, when deleting fails too).
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  GithubIntegrationConfig,
  ScmIntegrations,
} from '@backstage/integration';
import { DEFAULT_BRANCH } from '@internal/plugin-local-git-node';
import {
  beforeCreation,
  failedResponse,
  ForgeError,
  forgeFetch,
  NOTHING_CREATED,
  ForgePublishRequest,
  pushToNewRepository,
} from './forgeCalls';

export type GithubTarget = {
  integrations: ScmIntegrations;
  integration: GithubIntegrationConfig;
  /** Organisation (or the token's user) that owns new repositories. */
  owner: string;
  visibility: 'private' | 'internal' | 'public';
};

export async function publishToGithub(
  target: GithubTarget,
  request: ForgePublishRequest,
) {
  const { host, apiBaseUrl } = target.integration;
  const fullName = `${target.owner}/${request.name}`;
  const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
    target.integrations,
  ).getCredentials({
    url: `https://${host}/${encodeURIComponent(
      target.owner,
    )}/${encodeURIComponent(request.name)}`,
  });
  if (!token || !apiBaseUrl) {
    throw new ForgeError(
      `No token (or app installation) for ${target.owner} on GitHub at ${host}; set integrations.github for ${host}`,
    );
  }
  const headers = {
    Accept: 'application/vnd.github+json',
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
    'X-GitHub-Api-Version': '2022-11-28',
  };
  const call = async (step: string, path: string, init: RequestInit = {}) =>
    forgeFetch('GitHub', host, step, `${apiBaseUrl}${path}`, {
      ...init,
      headers,
    });

  const ownerStep = `looking up the owner ${target.owner}`;
  const owner = await beforeCreation(
    call(ownerStep, `/users/${encodeURIComponent(target.owner)}`),
  );
  if (!owner.ok) {
    throw await failedResponse(
      'GitHub',
      host,
      ownerStep,
      owner,
      NOTHING_CREATED,
    );
  }
  const { type } = (await owner.json()) as { type: string };

  const createStep = `creating the repository ${fullName}`;
  const body = {
    name: request.name,
    description: request.description,
    // As the stock publish:github sends it: `visibility` decides, `private`
    // for servers that only know the older field.
    private: target.visibility === 'private',
    visibility: target.visibility,
    has_issues: true,
    delete_branch_on_merge: false,
  };
  const created = await beforeCreation(
    call(
      createStep,
      type === 'Organization'
        ? `/orgs/${encodeURIComponent(target.owner)}/repos`
        : '/user/repos',
      { method: 'POST', body: JSON.stringify(body) },
    ),
  );
  if (!created.ok) {
    throw await failedResponse(
      'GitHub',
      host,
      createStep,
      created,
      created.status === 422
        ? `choose another name (${NOTHING_CREATED})`
        : NOTHING_CREATED,
    );
  }
  const repo = (await created.json()) as {
    full_name: string;
    clone_url: string;
    html_url: string;
  };
  request.logger.info(
    `Created the ${target.visibility} repository ${repo.html_url} on GitHub at ${host}`,
  );

  const { commitHash } = await pushToNewRepository({
    forge: 'GitHub',
    host,
    kind: 'repository',
    webUrl: repo.html_url,
    remoteUrl: repo.clone_url,
    auth: { username: 'x-access-token', password: token },
    request,
    // What GitHub created: for a user owner, /user/repos creates it for the
    // token's user, whoever `owner` names.
    after: () => protectDefaultBranch(call, repo.full_name, request.logger),
    remove: () =>
      call(`deleting ${repo.full_name}`, `/repos/${repo.full_name}`, {
        method: 'DELETE',
      }),
    deleteRights:
      'the token needs the delete_repo scope or Administration: write',
  });
  const contents = `${repo.html_url}/blob/${DEFAULT_BRANCH}`;
  return {
    remoteUrl: repo.clone_url,
    repoContentsUrl: contents,
    catalogInfoUrl: `${contents}/catalog-info.yaml`,
    commitHash,
  };
}

/**
 * The stock publish:github's default protection: a pull request with one
 * approving review, admins included. A plan without branch protection
 * (GitHub Free, private) only logs a warning, as the stock action does.
 */
async function protectDefaultBranch(
  call: (step: string, path: string, init?: RequestInit) => Promise<Response>,
  fullName: string,
  logger: LoggerService,
) {
  const step = `protecting ${DEFAULT_BRANCH} of ${fullName}`;
  const res = await call(
    step,
    `/repos/${fullName}/branches/${DEFAULT_BRANCH}/protection`,
    {
      method: 'PUT',
      body: JSON.stringify({
        required_status_checks: { strict: true, contexts: [] },
        enforce_admins: true,
        required_pull_request_reviews: {
          required_approving_review_count: 1,
          require_code_owner_reviews: false,
          dismiss_stale_reviews: false,
          require_last_push_approval: false,
        },
        restrictions: null,
        required_conversation_resolution: false,
        required_linear_history: false,
      }),
    },
  ).catch((e: Error) => e);
  if (res instanceof Response && res.ok) return;
  const reason =
    res instanceof Response ? `answered ${res.status}` : res.message;
  logger.warn(
    `Skipping branch protection of ${DEFAULT_BRANCH} on ${fullName} (${reason})`,
  );
}
