import {
  impactQuerySchema,
  impactWindowDaysFor,
  isImpactKpiId,
} from './impact';

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

describe('impactQuerySchema', () => {
  const parse = (query: object) => impactQuerySchema.safeParse(query);
  const fields = (query: object) => {
    const r = parse(query);
    return r.success ? [] : r.error.issues.map(i => i.path.join('.'));
  };

  it('reads a date or an instant, repeated or single parameters', () => {
    const r = parse({
      shippedAt: '2026-06-01',
      windowDays: '60',
      kpi: ['leadTime', 'leadTime', 'survey:pulse:q1'],
      team: 'group:default/Checkout-Team',
    });
    expect(r.success && r.data).toEqual({
      shippedAt: Date.UTC(2026, 5, 1),
      windowDays: 60,
      kpi: ['leadTime', 'survey:pulse:q1'],
      team: ['group:default/checkout-team'],
      entity: [],
    });
    const instant = parse({
      shippedAt: '2026-06-01T12:00:00+02:00',
      kpi: 'hoursLost',
    });
    expect(instant.success && instant.data.shippedAt).toBe(
      Date.UTC(2026, 5, 1, 10),
    );
    expect(instant.success && instant.data.windowDays).toBe(30);
  });

  it('names the field of each mistake', () => {
    expect(fields({ shippedAt: '2026-02-30', kpi: 'leadTime' })).toEqual([
      'shippedAt',
    ]);
    expect(fields({ kpi: 'leadTime' })).toEqual(['shippedAt']);
    expect(
      fields({ shippedAt: '2026-06-01', windowDays: '45', kpi: 'leadTime' }),
    ).toEqual(['windowDays']);
    expect(fields({ shippedAt: '2026-06-01', kpi: 'backlog' })).toEqual([
      'kpi',
    ]);
    expect(fields({ shippedAt: '2026-06-01' })).toEqual(['kpi']);
    expect(
      fields({ shippedAt: '2026-06-01', kpi: 'leadTime', team: 'checkout' }),
    ).toEqual(['team']);
    expect(
      fields({
        shippedAt: '2026-06-01',
        kpi: 'leadTime',
        entity: ['component:default/a', 'not a ref'],
      }),
    ).toEqual(['entity.1']);
    expect(
      fields({ shippedAt: '2026-06-01', kpi: 'leadTime', other: '1' }),
    ).toEqual(['']);
  });
});

describe('impactWindowDaysFor', () => {
  it('asks survey scores over 90 days, the rest over the standard window', () => {
    expect(impactWindowDaysFor('survey:s-1:q1')).toBe(90);
    expect(impactWindowDaysFor('leadTime')).toBe(30);
    expect(impactWindowDaysFor('leadTime', 60)).toBe(60);
  });
});
