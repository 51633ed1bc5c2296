/*
 * Publishing a golden path's workspace to GitLab for publish:lodestar: what
 * the stock publish:gitlab does for our case, with the GitLab REST API (v4)
 * and scaffolder-node's initRepoAndPush — create the project in a group,
 * push the workspace — plus what the stock action lacks: a failure names the
 * host and the HTTP status, and a project this run created is deleted again
 * when the push fails (or the message says exactly what is left, when
 * deleting fails too), so that a failed run leaves no empty repository.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { GitLabIntegrationConfig } from '@backstage/integration';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { DEFAULT_BRANCH, GitPerson } from '../localGit/LocalGitStore';
import {
  failedResponse,
  ForgeError,
  forgeFetch,
  pushFailure,
} from './forgeCalls';

export type GitlabTarget = {
  integration: GitLabIntegrationConfig;
  /** Group (or user) path that owns new projects, e.g. tidewater/services. */
  owner: string;
  visibility: 'private' | 'internal' | 'public';
};

export async function publishToGitlab(
  target: GitlabTarget,
  request: {
    name: string;
    description?: string;
    workspacePath: string;
    author: GitPerson;
    commitMessage: string;
    logger: LoggerService;
  },
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
  const nothingCreated = 'nothing was created';
  const unreachable = (e: ForgeError) => {
    throw new ForgeError(`${e.message}; ${nothingCreated}`);
  };

  const groupStep = `looking up the group ${target.owner}`;
  const namespace = await call(
    groupStep,
    `/namespaces/${encodeURIComponent(target.owner)}`,
  ).catch(unreachable);
  if (!namespace.ok) {
    throw await failedResponse(
      'GitLab',
      host,
      groupStep,
      namespace,
      nothingCreated,
    );
  }
  const { id: namespaceId } = await namespace.json();

  const createStep = `creating the project ${fullName}`;
  const created = await call(createStep, '/projects', {
    method: 'POST',
    body: JSON.stringify({
      name: request.name,
      path: request.name,
      namespace_id: namespaceId,
      description: request.description ?? '',
      visibility: target.visibility,
    }),
  }).catch(unreachable);
  if (!created.ok) {
    const error = await failedResponse(
      'GitLab',
      host,
      createStep,
      created,
      nothingCreated,
    );
    if (/already been taken/.test(error.message)) {
      throw new ForgeError(
        error.message.replace(
          nothingCreated,
          `choose another name (${nothingCreated})`,
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
  try {
    let commitHash: string;
    try {
      ({ commitHash } = await initRepoAndPush({
        dir: request.workspacePath,
        remoteUrl: project.http_url_to_repo,
        auth: { username: 'oauth2', password: token ?? '' },
        logger: request.logger,
        defaultBranch: DEFAULT_BRANCH,
        commitMessage: request.commitMessage,
        gitAuthorInfo: request.author,
      }));
    } catch (error) {
      throw pushFailure('GitLab', host, project.http_url_to_repo, error);
    }
    const contents = `${project.web_url}/-/blob/${DEFAULT_BRANCH}`;
    return {
      remoteUrl: project.http_url_to_repo as string,
      repoContentsUrl: contents,
      catalogInfoUrl: `${contents}/catalog-info.yaml`,
      commitHash,
    };
  } catch (error) {
    const message = (error as Error).message;
    const status = (error as ForgeError).status;
    const deleted = await call(
      `deleting ${fullName}`,
      `/projects/${project.id}`,
      {
        method: 'DELETE',
      },
    ).catch((e: Error) => e);
    if (deleted instanceof Response && deleted.ok) {
      throw new ForgeError(
        `${message}; the project ${project.web_url} this run created was deleted again`,
        { status },
      );
    }
    const why =
      deleted instanceof Response
        ? `GitLab answered ${deleted.status} to the delete; the token's user needs the Owner role (or Maintainer where owners allow it) to delete projects`
        : deleted.message;
    throw new ForgeError(
      `${message}; the project ${project.web_url} this run created is still there (${why}): delete it by hand before running the template again`,
      { status },
    );
  }
}
