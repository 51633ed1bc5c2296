/*
 * find-golden-path over the repository's real golden-path templates
 * (templates/*\/template.yaml), through the actions registry's test double:
 * each plain-words need must put the template meant for it first.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { registerGoldenPathAction } from './goldenPathAction';

const templatesDir = path.resolve(__dirname, '../../../../templates');
const templates: Entity[] = fs
  .readdirSync(templatesDir, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => path.join(templatesDir, d.name, 'template.yaml'))
  .filter(f => fs.existsSync(f))
  .map(f => YAML.parse(fs.readFileSync(f, 'utf8')));

function setUp() {
  const registry = actionsRegistryServiceMock();
  registerGoldenPathAction(registry, {
    catalog: catalogServiceMock({
      entities: [
        ...templates,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'cron-dashboard', description: 'cron job' },
          spec: { type: 'service' },
        },
      ],
    }),
    appBaseUrl: 'http://portal.test',
  });
  const find = async (need: string, limit?: number) =>
    (
      await registry.invoke({
        id: 'test:find-golden-path',
        input: { need, ...(limit ? { limit } : {}) },
        credentials: mockCredentials.user('user:default/sam.rivera'),
      })
    ).output as { items: any[] };
  return { find };
}

describe('find-golden-path', () => {
  it('reads the four golden paths of the repository', () => {
    expect(templates.map(t => t.metadata.name).sort()).toEqual([
      'catalog-info',
      'react-web-app',
      'scheduled-job',
      'typescript-service',
    ]);
  });

  it.each([
    ['a nightly job that expires stale quotes', 'scheduled-job'],
    ['an HTTP API for the orders backend service', 'typescript-service'],
    ['an internal dashboard in the browser for support', 'react-web-app'],
    ['put our existing repository in the catalog', 'catalog-info'],
  ])('fits "%s" with %s', async (need, expected) => {
    const { items } = await setUp().find(need);
    expect(items[0].ref).toBe(`template:default/${expected}`);
    expect(items[0].score).toBeGreaterThan(items[1].score);
    expect(items[0].matched.length).toBeGreaterThan(0);
    expect(items[0].url).toBe(
      `http://portal.test/create/templates/default/${expected}`,
    );
  });

  it('lists only Templates, at most `limit`, and says when nothing matched', async () => {
    const { find } = setUp();
    const { items } = await find('cron', 2);
    expect(items).toHaveLength(2);
    expect(items.every(i => i.ref.startsWith('template:'))).toBe(true);
    const none = await find('quantum teleportation');
    expect(none.items.map(i => i.score)).toEqual([0, 0, 0, 0]);
  });

  it('refuses a need too short to rank by', async () => {
    await expect(setUp().find('ab')).rejects.toThrow(
      'need: must be 3 to 500 characters',
    );
  });
});
