/*
 * where-effort-goes: GET /effort as a tool — open demand on the platform
 * team by category, requesting team and improvement, time to resolve, the
 * top pains and the share shipped improvements answered (definitions in
 * the common package's improvements/effort.ts), for anyone who may read
 * requests and improvements.
 */
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  effortQuerySchema,
  improvementReadPermission,
} from '@internal/plugin-platform-requests-common';
import { parseInput } from '@internal/plugin-platform-node';
import { auditingRefusals, readerOf, RequestActionsOptions } from './caller';

export function registerEffortActions(
  registry: ActionsRegistryService,
  options: RequestActionsOptions,
) {
  const improvements = options.improvements;
  if (!improvements) return;
  registry.register({
    name: 'where-effort-goes',
    title: 'Where the platform team’s effort goes',
    description:
      'Open requests, votes and hours lost per week by category, requesting team and improvement; median and 90th-percentile time to resolve by category; the ten open requests losing the most hours; and the share of hours lost and votes (of requests filed in the window) that shipped improvements answered. Window: 30, 90, 180 or 365 days (default 90).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          days: z
            .number()
            .optional()
            .describe('The window in days: 30, 90, 180 or 365 (default 90)'),
        }),
      output: z => {
        const demand = {
          openRequests: z.number(),
          votes: z.number(),
          hoursLostPerWeek: z.number(),
        };
        return z.object({
          effort: z.object({
            days: z.number(),
            until: z.string(),
            total: z.object(demand),
            byCategory: z.array(z.object({ category: z.string(), ...demand })),
            byTeam: z.array(z.object({ team: z.string(), ...demand })),
            byImprovement: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                status: z.string(),
                linkedRequests: z.number(),
                ...demand,
              }),
            ),
            resolutionByCategory: z.array(
              z.object({
                category: z.string(),
                resolved: z.number(),
                medianHours: z.number(),
                p90Hours: z.number(),
              }),
            ),
            topPains: z.array(
              z.object({
                key: z.string(),
                title: z.string(),
                category: z.string(),
                requestingTeam: z.string(),
                votes: z.number(),
                hoursLostPerWeek: z.number(),
              }),
            ),
            shareAnswered: z.object({
              hoursLostPerWeek: z.number(),
              answeredHoursLostPerWeek: z.number(),
              votes: z.number(),
              answeredVotes: z.number(),
            }),
          }),
        });
      },
    },
    action: async ({ input, credentials }) =>
      auditingRefusals(
        options,
        { action: 'where-effort-goes', credentials },
        async () => {
          await readerOf(options, credentials);
          await options.authorizer.require(
            credentials,
            improvementReadPermission,
            'read improvements',
          );
          const query = parseInput(
            effortQuerySchema,
            input.days === undefined ? {} : { days: String(input.days) },
            'query',
          );
          return {
            output: { effort: await improvements.effort(query, new Date()) },
          };
        },
      ),
  });
}
