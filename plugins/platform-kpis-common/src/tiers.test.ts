import {
  changeFailureRateTier,
  deploymentFrequencyTier,
  leadTimeTier,
  overallTier,
  timeToRestoreTier,
} from './tiers';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('DORA tier bands', () => {
  it('rates deployment frequency: daily, weekly, monthly, less', () => {
    expect(deploymentFrequencyTier(1)).toBe('elite');
    expect(deploymentFrequencyTier(0.99)).toBe('high');
    expect(deploymentFrequencyTier(1 / 7)).toBe('high');
    expect(deploymentFrequencyTier(1 / 7 - 0.001)).toBe('medium');
    expect(deploymentFrequencyTier(1 / 30)).toBe('medium');
    expect(deploymentFrequencyTier(1 / 31)).toBe('low');
    expect(deploymentFrequencyTier(0)).toBe('low');
  });

  it('rates lead time: under a day, a week, a month, more', () => {
    expect(leadTimeTier(DAY - 1)).toBe('elite');
    expect(leadTimeTier(DAY)).toBe('high');
    expect(leadTimeTier(7 * DAY)).toBe('medium');
    expect(leadTimeTier(30 * DAY)).toBe('low');
    expect(leadTimeTier(null)).toBeNull();
  });

  it('rates change failure rate at 5, 10 and 15 per cent', () => {
    expect(changeFailureRateTier(0)).toBe('elite');
    expect(changeFailureRateTier(0.05)).toBe('elite');
    expect(changeFailureRateTier(0.0501)).toBe('high');
    expect(changeFailureRateTier(0.15)).toBe('medium');
    expect(changeFailureRateTier(0.16)).toBe('low');
    expect(changeFailureRateTier(null)).toBeNull();
  });

  it('rates time to restore: an hour, a day, a week', () => {
    expect(timeToRestoreTier(HOUR - 1)).toBe('elite');
    expect(timeToRestoreTier(HOUR)).toBe('high');
    expect(timeToRestoreTier(DAY)).toBe('medium');
    expect(timeToRestoreTier(7 * DAY)).toBe('low');
  });

  it('takes the weakest key as the overall tier, ignoring keys without data', () => {
    expect(overallTier(10, ['elite', 'high', null, 'elite'])).toBe('high');
    expect(overallTier(10, ['elite', null, null, null])).toBe('elite');
    expect(overallTier(10, ['elite', 'low', 'elite', 'elite'])).toBe('low');
    expect(overallTier(0, ['low', null, null, null])).toBeNull();
  });
});
