/*
 * Which groups' results may be shown. The rules (docs/operations.md, "Pulse
 * surveys"):
 *
 * - A group is shown only with at least `floor` respondents.
 * - Differencing: everyone's results minus the shown teams' results would
 *   give the hidden teams' results. So the hidden teams together must reach
 *   the floor too (or be none): while they do not, the smallest shown team
 *   is hidden as well (ties by name, so the answer is the same every time).
 * - A team filter answers with exactly what the by-team view shows for that
 *   team, so no filter narrows a group below what is shown anyway.
 */
import { TeamCount } from '../database/SurveyStore';

export type Visibility = {
  /** Everyone who answered the round, together. */
  overall: boolean;
  overallRespondents: number;
  /** The teams that may be shown, with their respondents. */
  teams: TeamCount[];
  /** Teams that answered but may not be shown. */
  hidden: Array<string | null>;
};

function byTeamName(a: TeamCount, b: TeamCount): number {
  return compareText(a.team ?? '', b.team ?? '');
}

/** By code unit, the same on every machine (no locale). */
export function compareText(x: string, y: string): number {
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

export function visibleGroups(counts: TeamCount[], floor: number): Visibility {
  const answered = counts.filter(c => c.n > 0);
  const total = answered.reduce((sum, c) => sum + c.n, 0);
  if (total < floor) {
    return {
      overall: false,
      overallRespondents: total,
      teams: [],
      hidden: answered.map(c => c.team),
    };
  }
  // Smallest first, so the complementary suppression hides the least.
  const shown = answered
    .filter(c => c.n >= floor)
    .sort((a, b) => a.n - b.n || byTeamName(a, b));
  let hiddenTotal = total - shown.reduce((sum, c) => sum + c.n, 0);
  while (hiddenTotal > 0 && hiddenTotal < floor && shown.length > 0) {
    hiddenTotal += shown.shift()!.n;
  }
  const shownTeams = new Set(shown.map(c => c.team));
  return {
    overall: true,
    overallRespondents: total,
    teams: [...shown].sort(byTeamName),
    hidden: answered
      .filter(c => !shownTeams.has(c.team))
      .sort(byTeamName)
      .map(c => c.team),
  };
}
