/*
 * The ratings after golden-path runs ("How was it?", 1–5) live in the
 * surveys plugin, which cuts them at its anonymity floor and lets only the
 * platform team read them. The KPI backend asks it on behalf of the person
 * reading the KPIs (a plugin token carrying their identity), so the surveys
 * plugin's own permission decides; it never widens who sees them. Whatever
 * goes wrong (refused, absent, failing, an answer of another shape) becomes
 * one message in place of the ratings: the rest of adoption does not depend
 * on them.
 */
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AdoptionQuery,
  AdoptionSummary,
  GoldenPathRatings,
} from '@internal/plugin-platform-kpis-common';
import { z } from 'zod';
import { KpiQueries } from '../queries/KpiQueries';
import { SurveysClient } from './SurveysClient';

const TIMEOUT_MS = 5_000;

export const RATINGS_REFUSED =
  'Golden-path ratings are shown to the platform team only.';
export const RATINGS_UNAVAILABLE =
  'Golden-path ratings could not be read from the surveys plugin; the other adoption numbers are complete.';

const score = z.number().int().min(1).max(5);
const ratingsSchema = z.object({
  floor: z.number().int().min(1),
  templates: z.array(
    z.union([
      z.object({
        template: z.string(),
        enough: z.literal(true),
        n: z.number().int().min(0),
        mean: z.number(),
        distribution: z.array(
          z.object({ value: score, count: z.number().int().min(0) }),
        ),
      }),
      z.object({ template: z.string(), enough: z.literal(false) }),
    ]),
  ),
});

/** Reads the ratings as `credentials` (the person asking for the KPIs). */
export type GoldenPathRatingsReader = (
  credentials: BackstageCredentials,
) => Promise<GoldenPathRatings>;

export function createGoldenPathRatingsReader(deps: {
  surveys: Pick<SurveysClient, 'goldenPathRatings'>;
  logger: LoggerService;
}): GoldenPathRatingsReader {
  const { surveys, logger } = deps;
  return async credentials => {
    try {
      let answer: unknown;
      try {
        answer = await surveys.goldenPathRatings(
          credentials,
          AbortSignal.timeout(TIMEOUT_MS),
        );
      } catch (error) {
        if (error instanceof ResponseError && error.response.status === 403) {
          return { available: false, message: RATINGS_REFUSED };
        }
        throw error;
      }
      const parsed = ratingsSchema.safeParse(answer);
      if (!parsed.success) {
        throw new Error(`unexpected answer: ${parsed.error.message}`);
      }
      return {
        available: true,
        floor: parsed.data.floor,
        templates: parsed.data.templates.map(t => ({
          ...t,
          template: t.template.toLocaleLowerCase('en-US'),
        })),
      };
    } catch (error) {
      logger.warn(`golden-path ratings not read: ${error}`);
      return { available: false, message: RATINGS_UNAVAILABLE };
    }
  };
}

/** The adoption summary with the ratings, for the route and the MCP action. */
export async function adoptionWithRatings(
  queries: KpiQueries,
  readRatings: GoldenPathRatingsReader,
  query: AdoptionQuery,
  credentials: BackstageCredentials,
): Promise<AdoptionSummary> {
  const [adoption, ratings] = await Promise.all([
    queries.adoption(query),
    readRatings(credentials),
  ]);
  return { ...adoption, ratings };
}
