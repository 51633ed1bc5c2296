import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ClaimResolver } from './ClaimResolver';

const SLUG = 'github.com/project-slug';

const component = (name: string, slug?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, ...(slug ? { annotations: { [SLUG]: slug } } : {}) },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/shop',
  },
});

describe('ClaimResolver', () => {
  let entities: Entity[];
  let now: number;
  let calls: number;
  let resolver: ClaimResolver;

  beforeEach(() => {
    entities = [component('cart', 'acme/cart'), component('orphan')];
    now = 1_000_000;
    calls = 0;
    // The in-memory catalog of the moment, counting the calls.
    const catalog = {
      getEntities: async (request: any, options: any) => {
        calls += 1;
        return catalogServiceMock({ entities }).getEntities(request, options);
      },
    } as unknown as CatalogService;
    resolver = new ClaimResolver(catalog, mockServices.auth(), {
      cacheMs: 30_000,
      now: () => now,
    });
  });

  const claim = (value: string) => ({ annotation: SLUG, value });

  it('remembers a held claim until cacheMs has passed, whatever the spelling', async () => {
    const cart = [
      { ref: 'component:default/cart', owner: 'group:default/shop' },
    ];
    expect(await resolver.claiming(claim('acme/cart'))).toEqual(cart);
    now += 29_999;
    expect(await resolver.claiming(claim(' Acme/Cart '))).toEqual(cart);
    expect(calls).toBe(1);

    // A second component claims the repository: seen once the entry expires.
    entities.push(component('cart-worker', 'acme/cart'));
    now += 1;
    expect(
      (await resolver.claiming(claim('acme/cart'))).map(c => c.ref),
    ).toEqual(['component:default/cart', 'component:default/cart-worker']);
    expect(calls).toBe(2);
  });

  it('asks again every time for a claim nobody holds', async () => {
    expect(await resolver.claiming(claim('acme/new'))).toEqual([]);
    entities.push(component('new', 'acme/new'));
    expect(await resolver.claiming(claim('acme/new'))).toEqual([
      { ref: 'component:default/new', owner: 'group:default/shop' },
    ]);
    expect(calls).toBe(2);
  });

  it('shares one catalog call among concurrent deliveries of one claim', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => resolver.claiming(claim('acme/cart'))),
    );
    expect(new Set(answers.map(a => a.length))).toEqual(new Set([1]));
    expect(calls).toBe(1);
  });

  it('forgets a failed call, so the next delivery asks again', async () => {
    const answers = [
      () => Promise.reject(new Error('catalog down')),
      () => Promise.resolve({ items: [component('cart', 'acme/cart')] }),
    ];
    const catalog = {
      getEntities: () => answers.shift()!(),
    } as unknown as CatalogService;
    const flaky = new ClaimResolver(catalog, mockServices.auth(), {
      cacheMs: 30_000,
      now: () => now,
    });
    await expect(flaky.claiming(claim('acme/cart'))).rejects.toThrow(
      'catalog down',
    );
    expect(await flaky.claiming(claim('acme/cart'))).toHaveLength(1);
  });

  it('asks every time when cacheMs is 0', async () => {
    const catalog = catalogServiceMock({ entities });
    const spy = jest.spyOn(catalog, 'getEntities');
    const uncached = new ClaimResolver(catalog, mockServices.auth());
    await uncached.claiming(claim('acme/cart'));
    await uncached.claiming(claim('acme/cart'));
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
