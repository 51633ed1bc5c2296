/*
 * kpi-summary: the KPIs of a team, a service or the whole organisation in
 * one answer for an AI assistant — DORA's four keys with their tiers, and
 * for a team or the organisation the intake flow, golden-path adoption and
 * catalog health. The same permission (platform-kpis.read), validation
 * (the common query schemas) and queries as the read routes.
 */
import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  doraQuerySchema,
  flowQuerySchema,
  platformKpisReadPermission,
  WINDOWS,
} from '@internal/plugin-platform-kpis-common';
import {
  auditRefusal,
  parseInput,
  permissionRefused,
  principalOf,
} from '@internal/plugin-platform-node';
import { KpiQueries } from '../queries/KpiQueries';
import {
  adoptionWithRatings,
  GoldenPathRatingsReader,
} from '../service/GoldenPathRatings';

export type KpiActionsOptions = {
  queries: KpiQueries;
  readRatings: GoldenPathRatingsReader;
  permissions: PermissionsService;
  auditor: AuditorService;
};

export function registerKpiActions(
  registry: ActionsRegistryService,
  options: KpiActionsOptions,
) {
  const { queries, readRatings, permissions, auditor } = options;

  /** As the routes' reader(): refused without platform-kpis.read, audited. */
  async function requireRead(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: platformKpisReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return;
    const error = permissionRefused(
      credentials,
      platformKpisReadPermission,
      'read KPIs',
    );
    await auditRefusal(auditor, error, {
      action: 'action kpi-summary',
      target: 'platform-kpis',
      actor: principalOf(credentials),
    });
    throw error;
  }

  registry.register({
    name: 'kpi-summary',
    title: 'KPI summary for a team or a service',
    description: `The platform KPIs of one team (group:default/…), one service (component:default/…) or, with neither, the whole organisation, over a window (${WINDOWS.join(
      ', ',
    )}; default 90d): DORA's four keys (deployment frequency, lead time, change failure rate, time to restore) with their tiers; for a team or the organisation also the requests it filed with the platform team, its golden-path adoption and its catalog health. Durations are seconds, rates 0 to 1, null where the window holds nothing to measure.`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          team: z
            .string()
            .optional()
            .describe('A Group ref, e.g. group:default/checkout-team'),
          service: z
            .string()
            .optional()
            .describe('A Component ref, e.g. component:default/checkout-api'),
          window: z.enum(WINDOWS).optional(),
          until: z
            .string()
            .optional()
            .describe('End of the window, ISO 8601 with a zone; default now'),
        }),
      output: z =>
        z.object({
          scope: z.object({
            kind: z.enum(['organisation', 'team', 'service']),
            ref: z.string().optional(),
          }),
          window: z.object({
            name: z.string(),
            from: z.string(),
            to: z.string(),
          }),
          dora: z
            .object({})
            .passthrough()
            .describe('The four keys and the overall tier'),
          requests: z
            .object({})
            .passthrough()
            .nullable()
            .describe('Requests filed, closed, still open; null for a service'),
          adoption: z
            .object({})
            .passthrough()
            .nullable()
            .describe(
              'Template runs, components from templates and the ratings after runs (per template, all time, only at or above the anonymity floor; a message instead when the caller may not read them); null for a service',
            ),
          catalogHealth: z
            .object({})
            .passthrough()
            .nullable()
            .describe(
              'Shares of components with owner, system, lifecycle, API; null for a service',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireRead(credentials);
      const query = {
        window: input.window,
        until: input.until,
        team: input.team,
        service: input.service,
      };
      const dora = await queries.dora(
        parseInput(doraQuerySchema, query, 'query'),
      );
      let requests = null;
      let adoption = null;
      let catalogHealth = null;
      if (!input.service) {
        const teamQuery = parseInput(
          flowQuerySchema,
          { window: input.window, until: input.until, team: input.team },
          'query',
        );
        const [flow, adopted, health] = await Promise.all([
          queries.flow(teamQuery),
          adoptionWithRatings(queries, readRatings, teamQuery, credentials),
          queries.catalogHealth(teamQuery),
        ]);
        requests = {
          ...flow.metrics,
          open: flow.backlog.open,
          collectedAt: flow.collectedAt,
        };
        adoption = {
          ...adopted.metrics,
          components: adopted.components,
          ratings: adopted.ratings,
          collectedAt: adopted.collectedAt,
        };
        catalogHealth = {
          counts: health.counts,
          shares: health.shares,
          takenAt: health.takenAt,
        };
      }
      return {
        output: {
          scope: dora.scope,
          window: {
            name: dora.window.name,
            from: dora.window.from,
            to: dora.window.to,
          },
          dora: { ...dora.metrics, demoData: dora.demoData },
          requests,
          adoption,
          catalogHealth,
        },
      };
    },
  });
}
