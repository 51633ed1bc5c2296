/*
 * DORA performance tiers. The bands are those of the 2023 Accelerate State of
 * DevOps report, which Apache DevLake's DORA dashboard also uses; Four Keys
 * uses the same four labels. A team's overall tier is its weakest key
 * (docs/kpis.md says why).
 */

export const TIERS = ['elite', 'high', 'medium', 'low'] as const;
export type Tier = (typeof TIERS)[number];

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;

/** Deployments per day → tier: daily or more, weekly, monthly, less. */
export function deploymentFrequencyTier(perDay: number): Tier {
  if (perDay >= 1) return 'elite';
  if (perDay >= 1 / 7) return 'high';
  if (perDay >= 1 / 30) return 'medium';
  return 'low';
}

/** Median lead time in seconds → tier: under a day, a week, a month, more. */
export function leadTimeTier(seconds: number | null): Tier | null {
  if (seconds === null) return null;
  if (seconds < DAY) return 'elite';
  if (seconds < WEEK) return 'high';
  if (seconds < MONTH) return 'medium';
  return 'low';
}

/** Change failure rate (0–1) → tier: ≤ 5 %, ≤ 10 %, ≤ 15 %, more. */
export function changeFailureRateTier(rate: number | null): Tier | null {
  if (rate === null) return null;
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

/** Median time to restore in seconds → tier: under an hour, a day, a week, more. */
export function timeToRestoreTier(seconds: number | null): Tier | null {
  if (seconds === null) return null;
  if (seconds < HOUR) return 'elite';
  if (seconds < DAY) return 'high';
  if (seconds < WEEK) return 'medium';
  return 'low';
}

/**
 * The overall tier: the weakest of the metric tiers that have data. With no
 * production deployment in the window (successful or not) there is nothing
 * to rate: null.
 */
export function overallTier(
  deployments: number,
  tiers: Array<Tier | null>,
): Tier | null {
  if (deployments === 0) return null;
  let worst = 0;
  for (const tier of tiers) {
    if (tier !== null) worst = Math.max(worst, TIERS.indexOf(tier));
  }
  return TIERS[worst];
}

/** Human words for the bands, shown in tooltips and docs. */
export const TIER_BANDS = {
  deploymentFrequency: {
    elite: 'at least once a day',
    high: 'between once a day and once a week',
    medium: 'between once a week and once a month',
    low: 'less than once a month',
  },
  leadTime: {
    elite: 'under a day',
    high: 'a day to a week',
    medium: 'a week to a month',
    low: 'more than a month',
  },
  changeFailureRate: {
    elite: '5 % or less',
    high: '10 % or less',
    medium: '15 % or less',
    low: 'more than 15 %',
  },
  timeToRestore: {
    elite: 'under an hour',
    high: 'under a day',
    medium: 'under a week',
    low: 'a week or more',
  },
} as const;
