/*
 * search-requests (the list's text search and filters) and
 * find-similar-requests (the duplicate suggestions the form shows while a
 * title is typed): the same service calls, validation and permission as
 * GET /requests and GET /suggestions.
 */
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  LIMITS,
  listQuerySchema,
  REQUEST_STATUSES,
  SORTS,
  suggestionQuerySchema,
} from '@internal/plugin-platform-requests-common';
import { InputError } from '@backstage/errors';
import { parseInput } from '@internal/plugin-platform-node';
import { auditingRefusals, readerOf, RequestActionsOptions } from './caller';
import { requestSummarySchema, summarise } from './summary';

export function registerSearchActions(
  registry: ActionsRegistryService,
  options: RequestActionsOptions,
) {
  registry.register({
    name: 'search-requests',
    title: 'Search platform requests',
    description: `Searches the requests teams filed with the platform team (pain points, access, new capabilities, bugs in platform tooling). Text search over title and description with \`q\`; filters by status, requesting team, or the caller's own requests. Highest priority first by default.`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          q: z
            .string()
            .max(LIMITS.qMax)
            .optional()
            .describe('Words to look for in titles and descriptions'),
          status: z
            .array(z.enum(REQUEST_STATUSES))
            .optional()
            .describe('Only requests in these statuses'),
          team: z
            .string()
            .optional()
            .describe(
              'Only requests of this requesting Group, e.g. group:default/checkout-team',
            ),
          mine: z
            .boolean()
            .optional()
            .describe('Only requests the caller filed'),
          sort: z.enum(SORTS).optional(),
          limit: z.number().int().min(1).max(LIMITS.limitMax).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(requestSummarySchema(z)),
          more: z.boolean().describe('Whether more requests match'),
        }),
    },
    action: async ({ input, credentials }) =>
      auditingRefusals(
        options,
        { action: 'search-requests', credentials },
        async () => {
          const viewer = await readerOf(options, credentials);
          const query = parseInput(
            listQuerySchema,
            { ...input, team: input.team ? [input.team] : undefined },
            'query',
          );
          if (query.mine && !viewer) {
            throw new InputError('mine: needs a signed-in user');
          }
          const page = await options.service.list(query, viewer);
          return {
            output: {
              items: page.items.map(r => summarise(r, options.appBaseUrl)),
              more: page.nextCursor !== null,
            },
          };
        },
      ),
  });

  registry.register({
    name: 'find-similar-requests',
    title: 'Find requests similar to a new one',
    description: `Open requests whose title is similar to the given one. Call it before file-request: when one of them is the same need, vote on it (vote-on-request) instead of filing a duplicate.`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          title: z
            .string()
            .describe('The title of the request the person means to file'),
          limit: z.number().int().min(1).max(10).optional(),
        }),
      output: z => z.object({ items: z.array(requestSummarySchema(z)) }),
    },
    action: async ({ input, credentials }) =>
      auditingRefusals(
        options,
        { action: 'find-similar-requests', credentials },
        async () => {
          const viewer = await readerOf(options, credentials);
          const query = parseInput(suggestionQuerySchema, input, 'query');
          const similar = await options.service.suggestions(
            query.title,
            query.limit,
            viewer,
          );
          return {
            output: {
              items: similar.map(r => summarise(r, options.appBaseUrl)),
            },
          };
        },
      ),
  });
}
