/*
 * Publishing to GitLab without @backstage/plugin-scaffolder-backend-module-gitlab:
 * its newest release is built against an older scaffolder-node than this
 * Backstage release, so this does what its publish:gitlab does for our case
 * with the GitLab REST API (v4) and scaffolder-node's initRepoAndPush:
 * create the project in a group, push the workspace, and delete the project
 * again if the push fails, so that a failed run leaves no empty repository.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { GitLabIntegrationConfig } from '@backstage/integration';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { DEFAULT_BRANCH, GitPerson } from '../localGit/LocalGitStore';

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
  const { apiBaseUrl, token } = target.integration;
  const headers = {
    'PRIVATE-TOKEN': token ?? '',
    'Content-Type': 'application/json',
  };
  const namespace = await fetch(
    `${apiBaseUrl}/namespaces/${encodeURIComponent(target.owner)}`,
    { headers },
  );
  if (!namespace.ok) {
    throw new InputError(
      `GitLab group ${target.owner} was not found or the token cannot see it (${namespace.status})`,
    );
  }
  const { id: namespaceId } = await namespace.json();
  const created = await fetch(`${apiBaseUrl}/projects`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: request.name,
      path: request.name,
      namespace_id: namespaceId,
      description: request.description ?? '',
      visibility: target.visibility,
    }),
  });
  if (!created.ok) {
    const text = await created.text();
    if (created.status === 400 && /already been taken/.test(text)) {
      throw new ConflictError(
        `repoName: a GitLab project ${target.owner}/${request.name} already exists; choose another name`,
      );
    }
    throw new Error(
      `GitLab refused to create the project: ${created.status} ${text}`,
    );
  }
  const project = await created.json();
  try {
    const { commitHash } = await initRepoAndPush({
      dir: request.workspacePath,
      remoteUrl: project.http_url_to_repo,
      auth: { username: 'oauth2', password: token ?? '' },
      logger: request.logger,
      defaultBranch: DEFAULT_BRANCH,
      commitMessage: request.commitMessage,
      gitAuthorInfo: request.author,
    });
    const contents = `${project.web_url}/-/blob/${DEFAULT_BRANCH}`;
    return {
      remoteUrl: project.http_url_to_repo as string,
      repoContentsUrl: contents,
      catalogInfoUrl: `${contents}/catalog-info.yaml`,
      commitHash,
    };
  } catch (error) {
    await fetch(`${apiBaseUrl}/projects/${project.id}`, {
      method: 'DELETE',
      headers,
    }).catch(() => undefined);
    throw error;
  }
}
