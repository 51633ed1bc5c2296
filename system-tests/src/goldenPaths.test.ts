/*
 * Golden paths through the real scaffolder of a real backend, on SQLite and
 * PostgreSQL: a template run publishes a git repository anyone can clone and
 * puts the component and its API in the catalog; bad input is refused by the
 * server; a failing run leaves nothing behind and can be retried.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import {
  engines,
  eventually,
  guestToken,
  PortalProcess,
  repoRoot,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import { LocalGitStore } from '@internal/plugin-local-git-node';
import { createTask, runTemplate } from './__testUtils__/scaffolder';

jest.setTimeout(240_000);

const git = promisify(execFile);
const fixtureTemplate = path.join(
  __dirname,
  '__fixtures__/fails-after-publish/template.yaml',
);

/** The demo catalog's locations plus the test fixture template. */
function catalogLocations() {
  const config = YAML.parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  return [
    ...config.catalog.locations,
    { type: 'file', target: fixtureTemplate, rules: [{ allow: ['Template'] }] },
  ];
}

const serviceValues = (name: string) => ({
  name,
  description: 'Tracks parcels from depot to door.',
  owner: 'group:default/checkout-team',
  system: 'system:default/storefront',
  lifecycle: 'experimental',
  database: false,
  port: 8080,
});

describe.each(engines)('golden paths on %s', database => {
  let portal: PortalProcess;
  let token: string;
  let store: LocalGitStore;

  const get = (url: string) =>
    fetch(`${portal.baseUrl}${url}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  const entity = async (ref: string) => {
    const [kind, rest] = ref.split(':');
    const res = await get(`/api/catalog/entities/by-name/${kind}/${rest}`);
    return res.ok ? res.json() : undefined;
  };

  beforeAll(async () => {
    portal = await startPortal({
      database,
      config: { catalog: { locations: catalogLocations() } },
    });
    store = new LocalGitStore(path.join(portal.tempDir, 'git'));
    await waitForDemoCatalog(portal.baseUrl);
    token = await guestToken(portal.baseUrl);
    await eventually(() =>
      entity('template:default/fails-after-publish').then(Boolean),
    );
  });
  afterAll(async () => {
    await portal?.stop();
  });

  it('scaffolds a service: a repository to clone, the component and its API in the catalog', async () => {
    const result = await runTemplate(
      portal.baseUrl,
      token,
      'template:default/typescript-service',
      serviceValues('parcel-tracker'),
    );
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');

    const links = result.output.links;
    const repoLink = links.find((l: any) => l.title === 'Repository');
    expect(repoLink.url).toBe(
      `${portal.baseUrl}/api/local-git/repos/parcel-tracker.git`,
    );
    expect(links.find((l: any) => l.entityRef)?.entityRef).toBe(
      'component:default/parcel-tracker',
    );

    // In the catalog straight away, with owner, system and API relations.
    const component = await eventually(
      () => entity('component:default/parcel-tracker'),
      15_000,
    );
    const relations = component.relations.map(
      (r: any) => `${r.type} ${r.targetRef}`,
    );
    expect(relations).toEqual(
      expect.arrayContaining([
        'ownedBy group:default/checkout-team',
        'partOf system:default/storefront',
        'providesApi api:default/parcel-tracker-api',
      ]),
    );
    expect(component.metadata.annotations['backstage.io/source-template']).toBe(
      'template:default/typescript-service',
    );
    const api = await eventually(
      () => entity('api:default/parcel-tracker-api'),
      15_000,
    );
    // $text: ./openapi.yaml was read from the new repository.
    expect(api.spec.definition).toContain('openapi:');
    expect(api.spec.definition).toContain('parcel-tracker');

    // Anyone can clone it; the first commit is the user's.
    const cloneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-clone-'));
    try {
      await git('git', ['clone', '--quiet', repoLink.url, cloneDir]);
      const { stdout } = await git('git', [
        '-C',
        cloneDir,
        'log',
        '--format=%an <%ae>|%s',
      ]);
      expect(stdout.trim().split('\n')).toEqual([
        'Sam Rivera <sam.rivera@tidewater.example>|Initial commit from template template:default/typescript-service',
      ]);
      const pkg = JSON.parse(
        fs.readFileSync(path.join(cloneDir, 'package.json'), 'utf8'),
      );
      expect(pkg.name).toBe('parcel-tracker');
    } finally {
      fs.rmSync(cloneDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['a path', '../x'],
    ['a slash', 'a/b'],
    ['uppercase letters', 'Parcel-Tracker'],
    ['200 characters', 'x'.repeat(200)],
    ['2 characters', 'ab'],
    ['template syntax', '${{ parameters.owner }}'],
  ])('refuses a name with %s with a 400 naming the field', async (_, name) => {
    const res = await createTask(
      portal.baseUrl,
      token,
      'template:default/typescript-service',
      serviceValues(name),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: any) => e.path.join('.'))).toContain('name');
  });

  it('refuses an empty owner with a 400 naming the field', async () => {
    const res = await createTask(
      portal.baseUrl,
      token,
      'template:default/typescript-service',
      { ...serviceValues('no-owner'), owner: '' },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: any) => e.path.join('.'))).toContain('owner');
  });

  it('fails a run whose name is taken in the catalog, before publishing anything', async () => {
    const result = await runTemplate(
      portal.baseUrl,
      token,
      'template:default/typescript-service',
      serviceValues('checkout-api'),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(
      'name is already taken in the catalog: component:default/checkout-api',
    );
    expect(result.log.join('\n')).toContain('already taken');
    expect(await store.exists('checkout-api')).toBe(false);
  });

  it('fails a publish to a repository that already exists and leaves it as it was', async () => {
    // A repository whose entity is not in the catalog (say, unregistered).
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-src-'));
    fs.writeFileSync(path.join(source, 'README.md'), '# someone else\n');
    const { commitHash } = await store.publish({
      name: 'route-planner',
      sourceDir: source,
      author: { name: 'Someone', email: 'someone@example.com' },
      message: 'Existing work',
    });
    fs.rmSync(source, { recursive: true, force: true });

    const result = await runTemplate(
      portal.baseUrl,
      token,
      'template:default/typescript-service',
      serviceValues('route-planner'),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(
      'a repository named route-planner already exists',
    );
    expect(result.log.join('\n')).toContain('already exists');
    expect(await store.resolve('route-planner', 'main')).toBe(commitHash);
    expect(await entity('component:default/route-planner')).toBeUndefined();
    const locations = await get('/api/catalog/locations').then(r => r.json());
    expect(JSON.stringify(locations)).not.toContain('route-planner');
  });

  it('removes the repository of a run that failed after publishing, and a retry succeeds', async () => {
    const failed = await runTemplate(
      portal.baseUrl,
      token,
      'template:default/fails-after-publish',
      { name: 'fleet-pinger' },
    );
    expect(failed.status).toBe('failed');
    expect(failed.log.join('\n')).toMatch(/does-not-exist/);
    // The failed run's repository is swept away; nothing was registered.
    await eventually(async () => !(await store.exists('fleet-pinger')), 30_000);
    expect(await entity('component:default/fleet-pinger')).toBeUndefined();

    const retry = await runTemplate(
      portal.baseUrl,
      token,
      'template:default/typescript-service',
      serviceValues('fleet-pinger'),
    );
    expect(retry.error).toBeUndefined();
    expect(retry.status).toBe('completed');
    await eventually(() => entity('component:default/fleet-pinger'), 15_000);
    expect(await store.exists('fleet-pinger')).toBe(true);
  });

  it('lets a retry straight after a failed run reuse the name without waiting for the sweep', async () => {
    const failed = await runTemplate(
      portal.baseUrl,
      token,
      'template:default/fails-after-publish',
      { name: 'dock-scheduler' },
    );
    expect(failed.status).toBe('failed');
    const retry = await runTemplate(
      portal.baseUrl,
      token,
      'template:default/typescript-service',
      serviceValues('dock-scheduler'),
    );
    expect(retry.error).toBeUndefined();
    expect(retry.status).toBe('completed');
  });
});
