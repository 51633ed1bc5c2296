import { isImpactKpiId } from './impact';

describe('isImpactKpiId', () => {
  it('accepts the listed KPIs and survey scores', () => {
    expect(isImpactKpiId('leadTime')).toBe(true);
    expect(isImpactKpiId('hoursLost')).toBe(true);
    expect(isImpactKpiId('survey:dev-experience:q1')).toBe(true);
  });

  it('refuses other KPIs and malformed survey ids', () => {
    expect(isImpactKpiId('backlog')).toBe(false);
    expect(isImpactKpiId('survey:')).toBe(false);
    expect(isImpactKpiId('survey:a')).toBe(false);
    expect(isImpactKpiId('survey:a:b:c')).toBe(false);
  });
});
