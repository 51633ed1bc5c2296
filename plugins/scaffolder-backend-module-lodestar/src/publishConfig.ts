/*
 * Reads `lodestar.publish` and refuses, at start-up, a configuration that
 * could only fail later in the middle of someone's template run.
 */
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { readLocalGitConfig } from '@internal/plugin-local-git-node';

export type PublishConfig =
  | { target: 'local'; directory: string }
  | {
      target: 'gitlab';
      host: string;
      owner: string;
      repoVisibility: 'private' | 'internal' | 'public';
    }
  | {
      target: 'github';
      host: string;
      owner: string;
      repoVisibility: 'private' | 'internal' | 'public';
    };

export function readPublishConfig(config: Config): PublishConfig {
  // The local target's directory is the local-git plugin's to read.
  const local = readLocalGitConfig(config);
  if (local) return { target: 'local', ...local };
  const publish = config.getOptionalConfig('lodestar.publish');
  const target = publish?.getOptionalString('target') ?? 'local';
  if (target === 'github') {
    const host = publish!.getOptionalString('github.host') ?? 'github.com';
    const owner = publish!.getOptionalString('github.owner');
    if (!owner) {
      throw new Error(
        'lodestar.publish.github.owner is missing: the organisation or user that owns new repositories',
      );
    }
    const integration = ScmIntegrations.fromConfig(config).github.byHost(host);
    const { token, apps } = integration?.config ?? {};
    if (!integration || (!token && !apps?.length)) {
      throw new Error(
        `lodestar.publish.target is github, but integrations.github has no token or app for ${host}; set one (e.g. GITHUB_TOKEN in app-config.production.yaml)`,
      );
    }
    const repoVisibility = visibility(
      publish!.getOptionalString('github.repoVisibility'),
    );
    return { target, host, owner, repoVisibility };
  }
  if (target === 'gitlab') {
    const host = publish!.getOptionalString('gitlab.host') ?? 'gitlab.com';
    const owner = publish!.getOptionalString('gitlab.owner');
    if (!owner) {
      throw new Error(
        'lodestar.publish.gitlab.owner is missing: the GitLab group that owns new projects',
      );
    }
    const integration = ScmIntegrations.fromConfig(config).gitlab.byHost(host);
    if (!integration?.config.token) {
      throw new Error(
        `lodestar.publish.target is gitlab, but integrations.gitlab has no token for ${host}; set one (e.g. GITLAB_TOKEN)`,
      );
    }
    return {
      target,
      host,
      owner,
      repoVisibility: visibility(
        publish!.getOptionalString('gitlab.repoVisibility'),
      ),
    };
  }
  throw new Error(
    `lodestar.publish.target must be "local", "github" or "gitlab", not "${target}"`,
  );
}

function visibility(value = 'private'): 'private' | 'internal' | 'public' {
  if (value === 'private' || value === 'internal' || value === 'public') {
    return value;
  }
  throw new Error(
    `lodestar.publish.*.repoVisibility must be private, internal or public, not "${value}"`,
  );
}
