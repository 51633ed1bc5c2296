/*
 * publish:lodestar:target — where publish:lodestar will put a repository of
 * a given name, for the steps before it. Golden paths run it first so that
 * their catalog-info.yaml carries the code host's annotation
 * (github.com/project-slug or gitlab.com/project-slug), through which the
 * KPI webhooks find the component. The target is the portal's setting
 * (lodestar.publish), which a template cannot read itself.
 */
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { PublishConfig } from '../publishConfig';
import { assertRepoName } from '@internal/plugin-scaffolder-lodestar-common';

export type RepositoryLocation = {
  /** local, github or gitlab. */
  target: PublishConfig['target'];
  /** `owner/name` on GitHub, `group/sub/name` on GitLab; empty for local. */
  slug: string;
  /** The catalog annotation that names the slug; empty for local. */
  slugAnnotation: string;
};

/** Where publish:lodestar puts `name` (publishToGithub / publishToGitlab). */
export function repositoryLocation(
  publish: PublishConfig,
  name: string,
): RepositoryLocation {
  switch (publish.target) {
    case 'github':
      return {
        target: 'github',
        slug: `${publish.owner}/${name}`,
        slugAnnotation: 'github.com/project-slug',
      };
    case 'gitlab':
      // The project's path is its name, under the owning group's full path.
      return {
        target: 'gitlab',
        slug: `${publish.owner.replace(/^\/+|\/+$/g, '')}/${name}`,
        slugAnnotation: 'gitlab.com/project-slug',
      };
    default:
      // A local repository: no code host sends webhooks for it.
      return { target: 'local', slug: '', slugAnnotation: '' };
  }
}

export function createPublishTargetAction(options: { publish: PublishConfig }) {
  return createTemplateAction({
    id: 'publish:lodestar:target',
    description:
      'Says where publish:lodestar will put a repository of this name: the target, the repository slug and the catalog annotation for it (github.com/project-slug or gitlab.com/project-slug; empty for local repositories).',
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe('Name of the repository publish:lodestar creates'),
      },
      output: {
        target: z => z.string().describe('local, github or gitlab'),
        slug: z =>
          z.string().describe('owner/name or group/name; empty for local'),
        slugAnnotation: z =>
          z
            .string()
            .describe('The annotation that holds the slug; empty for local'),
      },
    },
    async handler(ctx) {
      const name = assertRepoName(ctx.input.repoName);
      const location = repositoryLocation(options.publish, name);
      ctx.output('target', location.target);
      ctx.output('slug', location.slug);
      ctx.output('slugAnnotation', location.slugAnnotation);
    },
  });
}
