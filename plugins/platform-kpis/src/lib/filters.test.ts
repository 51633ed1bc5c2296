import { doraQuery, filtersToParams, kpiHref, parseFilters } from './filters';

const TEAM = 'group:default/checkout-team';
const SERVICE = 'component:default/checkout-api';

describe('KPI filters', () => {
  it('reads the window, team and service from the URL', () => {
    expect(
      parseFilters(
        new URLSearchParams(`window=30d&team=${TEAM}&service=${SERVICE}`),
      ),
    ).toEqual({ window: '30d', team: TEAM, service: SERVICE });
  });

  it('falls back to 90 days for a missing or unknown window', () => {
    expect(parseFilters(new URLSearchParams('window=2y')).window).toBe('90d');
    expect(parseFilters(new URLSearchParams('')).window).toBe('90d');
  });

  it('writes only what differs from the defaults', () => {
    expect(filtersToParams({ window: '90d', team: TEAM })).toEqual({
      team: TEAM,
    });
    expect(kpiHref('/kpis', { window: '90d' })).toBe('/kpis');
    expect(kpiHref('/kpis', { window: '7d', team: TEAM })).toBe(
      '/kpis?window=7d&team=group%3Adefault%2Fcheckout-team',
    );
  });

  it('asks DORA for the service rather than its team', () => {
    expect(doraQuery({ window: '30d', team: TEAM, service: SERVICE })).toEqual({
      window: '30d',
      service: SERVICE,
    });
    expect(doraQuery({ window: '30d', team: TEAM })).toEqual({
      window: '30d',
      team: TEAM,
    });
  });
});
