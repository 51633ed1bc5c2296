/*
 * "Where the platform team's effort goes" (GET /effort): demand on the
 * platform team grouped three ways, how long resolving takes, the worst
 * pains, and how much of the demand shipped improvements answered. The
 * definitions live here so the backend, the page and the docs agree:
 *
 * - Demand is the open requests now (new, triaged, planned, in progress):
 *   their count, their votes and their reported hours lost per week.
 * - Time to resolve is from a request's last opening to its resolution,
 *   for requests resolved as done within the window; median and 90th
 *   percentile by nearest rank.
 * - Share answered: of the hours lost per week (and the votes) of requests
 *   filed within the window, neither declined nor a duplicate, the part on
 *   requests linked to an improvement that has shipped.
 */
import { z } from 'zod';
import type { ImprovementStatus } from './model';

export const EFFORT_WINDOWS = [30, 90, 180, 365] as const;
export type EffortWindow = (typeof EFFORT_WINDOWS)[number];
export const DEFAULT_EFFORT_WINDOW: EffortWindow = 90;
/** How many requests "top pains" lists. */
export const EFFORT_TOP_PAINS = 10;

export const effortQuerySchema = z.strictObject({
  days: z
    .enum(['30', '90', '180', '365'], {
      error: `must be one of ${EFFORT_WINDOWS.join(', ')}`,
    })
    .default(String(DEFAULT_EFFORT_WINDOW) as '90')
    .transform(d => Number(d) as EffortWindow),
});
export type EffortQuery = { days: EffortWindow };

/** Open requests, their votes and hours lost per week. */
export type Demand = {
  openRequests: number;
  votes: number;
  hoursLostPerWeek: number;
};

export type ImprovementDemand = Demand & {
  id: string;
  title: string;
  status: ImprovementStatus;
  /** All linked requests, open or not. */
  linkedRequests: number;
};

export type ResolutionTime = {
  category: string;
  resolved: number;
  medianHours: number;
  p90Hours: number;
};

export type Pain = {
  key: string;
  title: string;
  category: string;
  requestingTeam: string;
  votes: number;
  hoursLostPerWeek: number;
};

export type ShareAnswered = {
  /** Hours lost per week of the window's requests (see above). */
  hoursLostPerWeek: number;
  /** The part of it on requests a shipped improvement answers. */
  answeredHoursLostPerWeek: number;
  votes: number;
  answeredVotes: number;
};

export type Effort = {
  days: EffortWindow;
  /** When the window ends (the request clock). */
  until: string;
  total: Demand;
  byCategory: Array<Demand & { category: string }>;
  byTeam: Array<Demand & { team: string }>;
  /** Improvements not dropped, most hours lost first. */
  byImprovement: ImprovementDemand[];
  resolutionByCategory: ResolutionTime[];
  topPains: Pain[];
  shareAnswered: ShareAnswered;
};
