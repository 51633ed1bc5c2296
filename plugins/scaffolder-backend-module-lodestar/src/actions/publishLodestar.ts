/*
 * publish:lodestar — the one publish step every golden path uses. Where the
 * repository goes is the portal's decision (lodestar.publish), not the
 * template's: a local bare repository in the embedded default, GitHub or
 * GitLab in production (publishToGithub.ts, publishToGitlab.ts). Either way
 * the name and the rendered catalog-info.yaml are checked first, so that a
 * run which cannot be registered publishes nothing.
 */
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { UserEntity } from '@backstage/catalog-model';
import {
  blobUrl,
  cloneUrl,
  DEFAULT_BRANCH,
  GitPerson,
  LocalGitStore,
  scaffolderTaskStatus,
  sweepOrphans,
  treeUrl,
} from '@internal/plugin-local-git-node';
import { PublishConfig } from '../publishConfig';
import { publishToGithub } from './publishToGithub';
import { publishToGitlab } from './publishToGitlab';
import { assertRepoName } from '@internal/plugin-scaffolder-lodestar-common';
import {
  assertEntitiesAreNew,
  assertReferencesExist,
  readWorkspaceEntities,
} from './workspaceEntities';

export function createPublishLodestarAction(options: {
  config: Config;
  publish: PublishConfig;
  catalog: CatalogService;
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { config, publish, catalog, discovery, auth } = options;
  const store =
    publish.target === 'local'
      ? new LocalGitStore(publish.directory)
      : undefined;
  const taskStatus = scaffolderTaskStatus(discovery, auth);

  return createTemplateAction({
    id: 'publish:lodestar',
    description:
      'Publishes the workspace to a new git repository where this portal keeps them (a local repository, GitHub or GitLab), after checking that its catalog-info.yaml is valid and its names are free.',
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              'Name of the new repository: a lowercase DNS label, 3 to 40 characters',
            ),
        description: z =>
          z.string().max(300).optional().describe('Repository description'),
      },
      output: {
        remoteUrl: z => z.string().describe('URL to clone the repository'),
        repoContentsUrl: z =>
          z.string().describe('URL of the files on the default branch'),
        catalogInfoUrl: z =>
          z.string().describe('URL of catalog-info.yaml, for catalog:register'),
        commitHash: z => z.string().optional().describe('The initial commit'),
      },
    },
    async handler(ctx) {
      const name = assertRepoName(ctx.input.repoName);
      const credentials = await ctx.getInitiatorCredentials();
      const entities = await readWorkspaceEntities(ctx.workspacePath);
      await assertEntitiesAreNew(entities, catalog, credentials);
      await assertReferencesExist(entities, catalog, credentials);

      if (publish.target === 'github' || publish.target === 'gitlab') {
        // Dry runs stop after the checks: nothing is created remotely.
        if (ctx.isDryRun) return;
        const request = {
          name,
          description: ctx.input.description,
          workspacePath: ctx.workspacePath,
          author: authorOf(ctx.user?.entity, ctx.user?.ref),
          commitMessage: initialCommitMessage(ctx.templateInfo?.entityRef),
          logger: ctx.logger,
        };
        const integrations = ScmIntegrations.fromConfig(config);
        const result =
          publish.target === 'github'
            ? await publishToGithub(
                {
                  integrations,
                  integration: integrations.github.byHost(publish.host)!.config,
                  owner: publish.owner,
                  visibility: publish.repoVisibility,
                },
                request,
              )
            : await publishToGitlab(
                {
                  integration: integrations.gitlab.byHost(publish.host)!.config,
                  owner: publish.owner,
                  visibility: publish.repoVisibility,
                },
                request,
              );
        for (const [key, value] of Object.entries(result)) {
          ctx.output(key as keyof typeof result, value);
        }
        ctx.logger.info(
          `Published ${name} with commit ${result.commitHash} by ${request.author.name} <${request.author.email}>; clone it with: git clone ${result.remoteUrl}`,
        );
        return;
      }

      const base = await discovery.getExternalBaseUrl('local-git');
      ctx.output('remoteUrl', cloneUrl(base, name));
      ctx.output('repoContentsUrl', treeUrl(base, name, DEFAULT_BRANCH));
      ctx.output(
        'catalogInfoUrl',
        blobUrl(base, name, DEFAULT_BRANCH, 'catalog-info.yaml'),
      );
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would create repository ${name}`);
        return;
      }

      await clearLeftoverOfFailedRun(store!, name, taskStatus, ctx);
      const author = authorOf(ctx.user?.entity, ctx.user?.ref);
      const { commitHash } = await ctx.checkpoint({
        key: `publish.lodestar.${name}`,
        fn: () =>
          store!.publish({
            name,
            sourceDir: ctx.workspacePath,
            author,
            message: initialCommitMessage(ctx.templateInfo?.entityRef),
            description: ctx.input.description,
            taskId: ctx.task.id,
          }),
      });
      ctx.output('commitHash', commitHash);
      ctx.logger.info(
        `Created repository ${name} with commit ${commitHash} by ${
          author.name
        } <${author.email}>; clone it with: git clone ${cloneUrl(base, name)}`,
      );
    },
  });

  async function clearLeftoverOfFailedRun(
    localStore: LocalGitStore,
    name: string,
    lookup: typeof taskStatus,
    ctx: ActionContext<any, any>,
  ) {
    if (!(await localStore.exists(name))) return;
    // A repository from a run that failed later is removed by the sweeper
    // within seconds; a retry straight away should not have to wait for it.
    const removed = await sweepOrphans(localStore, lookup, ctx.logger, {
      names: [name],
    });
    if (removed.length === 0) {
      throw new ConflictError(
        `repoName: a repository named ${name} already exists; choose another name`,
      );
    }
  }
}

function initialCommitMessage(templateRef: string | undefined): string {
  return `Initial commit from template ${templateRef ?? 'unknown'}`;
}

function authorOf(
  user: UserEntity | undefined,
  ref: string | undefined,
): GitPerson {
  const login = user?.metadata.name ?? ref?.split('/').pop() ?? 'unknown';
  return {
    name: user?.spec.profile?.displayName ?? user?.metadata.title ?? login,
    email: user?.spec.profile?.email ?? `${login}@users.lodestar.invalid`,
  };
}
