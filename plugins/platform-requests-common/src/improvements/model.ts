/*
 * An improvement: what the platform team does about one or more requests,
 * as the API returns it. Its roll-up (votes, requesting teams, hours lost
 * per week) is summed from the requests it answers, so it always says how
 * much demand it meets.
 */
import type { RequestStatus } from '../model';

export const IMPROVEMENT_STATUSES = [
  'proposed',
  'planned',
  'in_progress',
  'shipped',
  'dropped',
] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** Teams and catalog entities an improvement is for; both empty = everyone. */
export type ImprovementScope = { teams: string[]; entities: string[] };

/** A request an improvement answers, as the improvement shows it. */
export type LinkedRequest = {
  key: string;
  title: string;
  status: RequestStatus;
  requestingTeam: string;
  votes: number;
  hoursLostPerWeek: number;
};

export type ImprovementRollup = {
  /** Votes on the linked requests, summed. */
  votes: number;
  /** The distinct requesting teams of the linked requests. */
  teams: string[];
  /** Hours lost per week reported in the linked requests, summed. */
  hoursLostPerWeek: number;
};

export type Improvement = {
  /** Short key, e.g. IMP-3. */
  id: string;
  title: string;
  /** Markdown. */
  problem: string;
  requests: LinkedRequest[];
  rollup: ImprovementRollup;
  scope: ImprovementScope;
  /** KPI ids from @internal/plugin-platform-kpis-common (isImpactKpiId). */
  targetKpis: string[];
  status: ImprovementStatus;
  dropReason: string | null;
  /** A day (YYYY-MM-DD) the platform team plans to ship it by. */
  plannedFor: string | null;
  shippedAt: string | null;
  /** User entity ref of the platform engineer who owns it. */
  owner: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Incremented on every change; send it back in If-Match. */
  version: number;
};

export type ImprovementList = { items: Improvement[] };

/** What a request's detail says about the improvements answering it. */
export type AddressedBy = {
  id: string;
  title: string;
  status: ImprovementStatus;
};
