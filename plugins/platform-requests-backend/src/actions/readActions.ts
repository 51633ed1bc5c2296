/*
 * get-request: one request with its comments, as GET /requests/:key and
 * GET /requests/:key/comments answer them, for anyone who may read requests.
 */
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { requestKeySchema } from '@internal/plugin-platform-requests-common';
import { z as v4 } from 'zod';
import { parseInput } from '@internal/plugin-platform-node';
import { auditingRefusals, readerOf, RequestActionsOptions } from './caller';
import { requestSummarySchema, summarise } from './summary';

const keyInput = v4.object({ key: requestKeySchema });

export function registerReadActions(
  registry: ActionsRegistryService,
  options: RequestActionsOptions,
) {
  registry.register({
    name: 'get-request',
    title: 'Read a platform request',
    description:
      'One platform request by key (e.g. REQ-42): its description, status, votes per team, impact, SLA clocks, assignee, and the comments on it.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          key: z.string().describe('The request key, e.g. REQ-42'),
        }),
      output: z =>
        z.object({
          request: requestSummarySchema(z).extend({
            description: z.string(),
            impact: z.object({
              peopleAffected: z.number(),
              hoursLostPerWeek: z.number(),
            }),
            relatedEntities: z.array(z.string()),
            tags: z.array(z.string()),
            assignee: z.string().nullable(),
            duplicateOf: z.string().nullable(),
            declineReason: z.string().nullable(),
            votesByTeam: z.array(
              z.object({ team: z.string(), count: z.number() }),
            ),
            sla: z.object({
              triage: z.object({
                dueAt: z.string(),
                breached: z.boolean(),
              }),
              resolve: z.object({
                dueAt: z.string(),
                breached: z.boolean(),
              }),
            }),
            updatedAt: z.string(),
            version: z.number(),
          }),
          comments: z.array(
            z.object({
              author: z.string(),
              body: z.string(),
              createdAt: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) =>
      auditingRefusals(
        options,
        { action: 'get-request', target: input.key, credentials },
        async () => {
          const viewer = await readerOf(options, credentials);
          const { key } = parseInput(keyInput, { key: input.key }, 'path');
          const request = await options.service.get(key, viewer);
          const comments = await options.service.comments(key);
          return {
            output: {
              request: {
                ...summarise(request, options.appBaseUrl),
                description: request.description,
                impact: request.impact,
                relatedEntities: request.relatedEntities,
                tags: request.tags,
                assignee: request.assignee,
                duplicateOf: request.duplicateOf,
                declineReason: request.declineReason,
                votesByTeam: request.votes.byTeam,
                sla: {
                  triage: {
                    dueAt: request.sla.triage.dueAt,
                    breached: request.sla.triage.breached,
                  },
                  resolve: {
                    dueAt: request.sla.resolve.dueAt,
                    breached: request.sla.resolve.breached,
                  },
                },
                updatedAt: request.updatedAt,
                version: request.version,
              },
              comments: comments.map(c => ({
                author: c.author,
                body: c.body,
                createdAt: c.createdAt,
              })),
            },
          };
        },
      ),
  });
}
