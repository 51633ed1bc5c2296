/*
 * Publishing a golden path's workspace to GitLab for publish:lodestar: what
 * the stock publish:gitlab does for our case, with the GitLab REST API (v4)
 * and scaffolder-node's initRepoAndPush — create the project in a group,
 * push the workspace — plus what the stock action lacks: a failure names the
 * host and the HTTP status, and a project this run created is deleted again
 * when the push fails (or the message says exactly what is left, when
 * deleting fails too), so that a failed run leaves no empty repository.
 */
import { GitLabIntegrationConfig } from '@backstage/integration';
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

export type GitlabTarget = {
  integration: GitLabIntegrationConfig;
  /** Group (or user) path that owns new projects, e.g. tidewater/services. */
  owner: string;
  visibility: 'private' | 'internal' | 'public';
};

export async function publishToGitlab(
  target: GitlabTarget,
  request: ForgePublishRequest,
) {
  const { apiBaseUrl, token, host } = target.integration;
  const fullName = `${target.owner}/${request.name}`;
  const headers = {
    'PRIVATE-TOKEN': token ?? '',
    'Content-Type': 'application/json',
  };
  const call = (step: string, path: string, init: RequestInit = {}) =>
    forgeFetch('GitLab', host, step, `${apiBaseUrl}${path}`, {
      ...init,
      headers,
    });

  const groupStep = `looking up the group ${target.owner}`;
  const namespace = await beforeCreation(
    call(groupStep, `/namespaces/${encodeURIComponent(target.owner)}`),
  );
  if (!namespace.ok) {
    throw await failedResponse(
      'GitLab',
      host,
      groupStep,
      namespace,
      NOTHING_CREATED,
    );
  }
  const { id: namespaceId } = await namespace.json();

  const createStep = `creating the project ${fullName}`;
  const created = await beforeCreation(
    call(createStep, '/projects', {
      method: 'POST',
      body: JSON.stringify({
        name: request.name,
        path: request.name,
        namespace_id: namespaceId,
        description: request.description ?? '',
        visibility: target.visibility,
      }),
    }),
  );
  if (!created.ok) {
    const error = await failedResponse(
      'GitLab',
      host,
      createStep,
      created,
      NOTHING_CREATED,
    );
    if (/already been taken/.test(error.message)) {
      throw new ForgeError(
        error.message.replace(
          NOTHING_CREATED,
          `choose another name (${NOTHING_CREATED})`,
        ),
        { status: error.status, name: 'ConflictError' },
      );
    }
    throw error;
  }
  const project = await created.json();
  request.logger.info(
    `Created the ${target.visibility} project ${project.web_url} on GitLab at ${host}`,
  );
  const { commitHash } = await pushToNewRepository({
    forge: 'GitLab',
    host,
    kind: 'project',
    webUrl: project.web_url,
    remoteUrl: project.http_url_to_repo,
    auth: { username: 'oauth2', password: token ?? '' },
    request,
    remove: () =>
      call(`deleting ${fullName}`, `/projects/${project.id}`, {
        method: 'DELETE',
      }),
    deleteRights:
      "the token's user needs the Owner role (or Maintainer where owners allow it) to delete projects",
  });
  const contents = `${project.web_url}/-/blob/${DEFAULT_BRANCH}`;
  return {
    remoteUrl: project.http_url_to_repo as string,
    repoContentsUrl: contents,
    catalogInfoUrl: `${contents}/catalog-info.yaml`,
    commitHash,
  };
}
