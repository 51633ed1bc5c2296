/*
 * publish:lodestar — the one publish step every golden path uses. Where the
 * repository goes is the portal's decision (lodestar.publish), not the
 * template's: a local bare repository in the embedded default, GitHub in
 * production. Either way the name and the rendered catalog-info.yaml are
 * checked first, so that a run which cannot be registered publishes nothing.
 */
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createPublishGithubAction } from '@backstage/plugin-scaffolder-backend-module-github';
import {
  ActionContext,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { UserEntity } from '@backstage/catalog-model';
import {
  DEFAULT_BRANCH,
  GitPerson,
  LocalGitStore,
} from '../localGit/LocalGitStore';
import { scaffolderTaskStatus, sweepOrphans } from '../localGit/orphanSweeper';
import { blobUrl, cloneUrl, treeUrl } from '../localGit/urls';
import { PublishConfig } from '../publishConfig';
import { publishToGitlab } from './publishToGitlab';
import { assertRepoName } from '../repoName';
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
  const github =
    publish.target === 'github'
      ? createPublishGithubAction({
          integrations: ScmIntegrations.fromConfig(config),
          config,
        })
      : undefined;
  const store =
    publish.target === 'local'
      ? new LocalGitStore(publish.directory)
      : undefined;
  const taskStatus = scaffolderTaskStatus(discovery, auth);

  return createTemplateAction({
    id: 'publish:lodestar',
    description:
      'Publishes the workspace to a new git repository where this portal keeps them (a local repository or GitHub), after checking that its catalog-info.yaml is valid and its names are free.',
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

      if (publish.target === 'github') {
        if (ctx.isDryRun) return;
        // The stock action does the work; only where it publishes is ours.
        const repoUrl = `${publish.host}?owner=${encodeURIComponent(
          publish.owner,
        )}&repo=${name}`;
        await github!.handler({
          ...ctx,
          input: {
            repoUrl,
            description: ctx.input.description,
            repoVisibility: publish.repoVisibility,
            defaultBranch: DEFAULT_BRANCH,
          },
        } as any);
        const contents = `https://${publish.host}/${publish.owner}/${name}/blob/${DEFAULT_BRANCH}`;
        ctx.output('catalogInfoUrl', `${contents}/catalog-info.yaml`);
        return;
      }

      if (publish.target === 'gitlab') {
        // Dry runs stop after the checks: nothing is created remotely.
        if (ctx.isDryRun) return;
        const result = await publishToGitlab(
          {
            integration: ScmIntegrations.fromConfig(config).gitlab.byHost(
              publish.host,
            )!.config,
            owner: publish.owner,
            visibility: publish.repoVisibility,
          },
          {
            name,
            description: ctx.input.description,
            workspacePath: ctx.workspacePath,
            author: authorOf(ctx.user?.entity, ctx.user?.ref),
            commitMessage: initialCommitMessage(ctx.templateInfo?.entityRef),
            logger: ctx.logger,
          },
        );
        for (const [key, value] of Object.entries(result)) {
          ctx.output(key as keyof typeof result, value);
        }
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
