/*
 * A survey's rounds: the first window, and for a quarterly survey the same
 * window shifted by 3, 6, 9 … months (the day clamped to the month's end,
 * so a survey opening on 31 January repeats on 30 April). A window may be
 * at most MAX_WINDOW_DAYS long, so rounds never overlap.
 */
import { RoundState, SurveyRepeat, SurveyRound } from './model';

export const MAX_WINDOW_DAYS = 60;

export function addMonthsUtc(date: Date, months: number): Date {
  const day = date.getUTCDate();
  const shifted = new Date(date.getTime());
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0),
  ).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return shifted;
}

export function roundState(
  window: { opensAt: string; closesAt: string },
  now: Date,
): RoundState {
  const t = now.getTime();
  if (t < Date.parse(window.opensAt)) return 'upcoming';
  if (t < Date.parse(window.closesAt)) return 'open';
  return 'closed';
}

export function roundsOf(
  survey: { opensAt: string; closesAt: string; repeat: SurveyRepeat | null },
  now: Date,
): SurveyRound[] {
  const count = survey.repeat?.rounds ?? 1;
  const opens = new Date(survey.opensAt);
  const closes = new Date(survey.closesAt);
  return Array.from({ length: count }, (_, i) => {
    const window = {
      opensAt: addMonthsUtc(opens, 3 * i).toISOString(),
      closesAt: addMonthsUtc(closes, 3 * i).toISOString(),
    };
    return { round: i + 1, ...window, state: roundState(window, now) };
  });
}
