import {
  createImprovementSchema,
  improvementListQuerySchema,
  updateImprovementSchema,
} from './schemas';

function problems(result: { success: boolean; error?: any }) {
  return result.success
    ? []
    : result.error.issues.map((i: any) => `${i.path.join('.')}: ${i.message}`);
}

describe('improvement schemas', () => {
  it('fills in the defaults: everyone in scope, nothing linked', () => {
    expect(
      createImprovementSchema.parse({ title: 'Faster CI runners' }),
    ).toEqual({
      title: 'Faster CI runners',
      problem: '',
      requests: [],
      scope: { teams: [], entities: [] },
      targetKpis: [],
      plannedFor: null,
      owner: null,
    });
  });

  it('takes group refs as teams, any entity ref as entities, and merges repeats', () => {
    const parsed = createImprovementSchema.parse({
      title: 'Faster CI runners',
      requests: ['REQ-1', 'REQ-1', 'REQ-2'],
      scope: {
        teams: ['group:default/checkout-team'],
        entities: ['component:default/checkout-api'],
      },
      targetKpis: ['leadTime', 'leadTime'],
      plannedFor: '2027-02-28',
      owner: 'user:default/priya.nair',
    });
    expect(parsed.requests).toEqual(['REQ-1', 'REQ-2']);
    expect(parsed.targetKpis).toEqual(['leadTime']);
  });

  it('names the field of every bad input', () => {
    const result = createImprovementSchema.safeParse({
      title: 'ab',
      requests: ['42'],
      scope: { teams: ['user:default/sam'], entities: ['nope'] },
      targetKpis: ['lead time'],
      plannedFor: '2027-02-30',
      owner: 'group:default/platform-team',
    });
    expect(problems(result)).toEqual([
      'title: must be at least 3 characters',
      'requests.0: must be a request key like REQ-42',
      'scope.teams.0: must be a group reference like group:default/checkout-team',
      'scope.entities.0: must be an entity reference like group:default/checkout-team',
      'targetKpis.0: must be a KPI id like leadTime',
      'plannedFor: must be a day that exists',
      'owner: must be a user reference like user:default/priya.nair',
    ]);
  });

  it('refuses an empty PATCH and a status in it', () => {
    expect(problems(updateImprovementSchema.safeParse({}))).toEqual([
      ': nothing to change',
    ]);
    expect(
      updateImprovementSchema.safeParse({ status: 'shipped' }).success,
    ).toBe(false);
  });

  it('filters the list by statuses, a team and a request', () => {
    expect(
      improvementListQuerySchema.parse({
        status: 'planned,shipped',
        team: 'group:default/checkout-team',
        request: 'REQ-3',
      }),
    ).toEqual({
      status: ['planned', 'shipped'],
      team: 'group:default/checkout-team',
      request: 'REQ-3',
    });
    expect(
      improvementListQuerySchema.safeParse({ status: 'done' }).success,
    ).toBe(false);
  });
});
