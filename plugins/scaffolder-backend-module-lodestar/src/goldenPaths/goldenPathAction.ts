/*
 * find-golden-path: the golden-path Templates in the catalog that the caller
 * may see (read with the caller's credentials, so the catalog's permissions
 * apply), ranked by how well they fit a need described in words.
 */
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { rankTemplates } from './rankTemplates';

export function registerGoldenPathAction(
  registry: ActionsRegistryService,
  options: { catalog: CatalogService; appBaseUrl: string },
) {
  registry.register({
    name: 'find-golden-path',
    title: 'Find the golden path that fits a need',
    description:
      'Ranks the golden-path software templates by how well they fit what the person wants to build, described in words (e.g. "a nightly job that expires stale quotes"). Each result names the words that matched and links to the page where the person runs the template.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          need: z.string().describe('What the person wants to build, in words'),
          limit: z.number().int().min(1).max(20).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              ref: z.string().describe('The Template entity ref'),
              title: z.string(),
              description: z.string(),
              tags: z.array(z.string()),
              type: z.string(),
              score: z.number().describe('0 means no word matched'),
              matched: z.array(z.string()),
              url: z.string().describe('Where the person runs it'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const need = input.need.trim();
      if (need.length < 3 || need.length > 500) {
        throw new InputError('need: must be 3 to 500 characters');
      }
      const { items } = await options.catalog.getEntities(
        {
          filter: { kind: 'Template' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'metadata.description',
            'metadata.tags',
            'spec.type',
          ],
        },
        { credentials },
      );
      const ranked = rankTemplates(
        need,
        items.map(entity => ({
          ref: stringifyEntityRef(entity),
          name: entity.metadata.name,
          title: entity.metadata.title ?? entity.metadata.name,
          description: entity.metadata.description ?? '',
          tags: entity.metadata.tags ?? [],
          type: String(entity.spec?.type ?? ''),
        })),
      );
      return {
        output: {
          items: ranked.slice(0, input.limit ?? 5).map(t => {
            const [, namespace] = t.ref.match(/^[^:]+:([^/]+)\//) ?? [];
            return {
              ref: t.ref,
              title: t.title,
              description: t.description,
              tags: t.tags,
              type: t.type,
              score: t.score,
              matched: t.matched,
              url: `${options.appBaseUrl}/create/templates/${namespace}/${t.name}`,
            };
          }),
        },
      };
    },
  });
}
