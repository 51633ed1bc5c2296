/*
 * GET /platform-team: whether the Group named in lodestar.platformTeam is in
 * the catalog. `pending` until the org sync has had its chance to bring it.
 */
/** The platform team's Group when `lodestar.platformTeam` is not set. */
export const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';

export type PlatformTeamState = 'pending' | 'found' | 'missing';

export type PlatformTeamStatus = {
  /** Entity ref of the platform team's Group, as configured. */
  ref: string;
  status: PlatformTeamState;
};
