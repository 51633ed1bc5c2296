/*
 * The reasons Lodestar gives for the refusals of Backstage's own plugins,
 * which come without a message. The router test runs the middleware.
 */
import { isBareRefusal, refusalReason } from './refusalReasons';

describe('refusalReason', () => {
  it("names the policy's rule for the routes it closes", () => {
    expect(refusalReason('scaffolder', 'POST', '/v2/dry-run')).toMatch(
      /^only the platform team may dry-run templates/,
    );
    expect(refusalReason('catalog', 'DELETE', '/locations/1234')).toBe(
      'only the platform team may delete catalog locations',
    );
    expect(refusalReason('catalog', 'DELETE', '/entities/by-uid/abc')).toMatch(
      /^only the owners of an entity or the platform team may unregister it/,
    );
  });

  it('names the route for any other', () => {
    expect(refusalReason('catalog', 'GET', '/locations/1234')).toBe(
      "Lodestar's permission policy does not allow you to GET /api/catalog/locations/1234",
    );
  });
});

describe('isBareRefusal', () => {
  it('knows the messages that say nothing', () => {
    for (const bare of ['', ' ', 'Forbidden', 'Unauthorized', 'not allowed']) {
      expect(isBareRefusal(bare)).toBe(true);
    }
    expect(isBareRefusal(undefined)).toBe(true);
    expect(isBareRefusal('only the platform team assigns requests')).toBe(
      false,
    );
  });
});
