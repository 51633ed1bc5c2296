import { filtersToParams, parseFilters, toListQuery } from './listFilters';

describe('list filters in the URL', () => {
  it('round-trips through the query string', () => {
    const params = new URLSearchParams(
      'status=new,triaged,bogus&team=group:default/checkout-team&mine=true&q=ci&sort=-votes',
    );
    const filters = parseFilters(params);
    expect(filters).toEqual({
      status: ['new', 'triaged'],
      category: undefined,
      team: 'group:default/checkout-team',
      assignee: undefined,
      entity: undefined,
      mine: true,
      watching: false,
      q: 'ci',
      sort: '-votes',
    });
    expect(filtersToParams(filters)).toEqual({
      status: 'new,triaged',
      team: 'group:default/checkout-team',
      mine: 'true',
      q: 'ci',
      sort: '-votes',
    });
  });

  it('defaults to priority order and leaves defaults out of the URL', () => {
    const filters = parseFilters(new URLSearchParams('sort=sideways'));
    expect(filters.sort).toBe('-priority');
    expect(filtersToParams(filters)).toEqual({});
  });

  it('becomes the API query, lists split on commas', () => {
    const filters = parseFilters(
      new URLSearchParams('category=access,other&watching=true'),
    );
    expect(toListQuery(filters)).toEqual({
      category: ['access', 'other'],
      watching: true,
      sort: '-priority',
      limit: 25,
    });
  });
});
