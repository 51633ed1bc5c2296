/*
 * Every golden-path template rendered by the real scaffolder (POST
 * /v2/dry-run) and its output checked: names substituted, no template syntax
 * left, a valid catalog-info.yaml, parameters rendered as text and never run.
 * Then each generated project's own checks run (install, type-check, tests,
 * build), as its CI would: a golden path is only golden if what it generates
 * works.
 */
import crypto from 'node:crypto';
import YAML from 'yaml';
import { Client } from 'pg';
import {
  componentEntityV1alpha1Validator,
  Entity,
} from '@backstage/catalog-model';
import {
  guestToken,
  PortalProcess,
  postgresTarget,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import { dryRun, RenderedFile } from './__testUtils__/scaffolder';
import { npmRun, prepareProject } from './__testUtils__/generatedProject';

jest.setTimeout(15 * 60_000);

// Parameters carry template syntax on purpose: it must come out as text.
const injected = 'Tracks parcels {{ 6*7 }} ${{ 6*7 }} {% raw %}';

const common = {
  description: injected,
  owner: 'group:default/checkout-team',
  system: 'system:default/storefront',
  lifecycle: 'experimental',
};

type Case = {
  label: string;
  template: string;
  values: Record<string, unknown>;
  /** Files that must (true) or must not (false) be generated. */
  expectFiles: Record<string, boolean>;
  /** npm scripts the project's CI runs, in order. */
  scripts: string[];
  needsDatabase?: boolean;
  /** The annotations catalog-info.yaml must carry besides source-template. */
  kpiAnnotations: Record<string, string>;
};

const cases: Case[] = [
  {
    label: 'typescript-service',
    template: 'typescript-service',
    values: {
      ...common,
      name: 'parcel-tracker',
      database: false,
      port: 8080,
      pagerdutyServiceId: 'PF9KMXH',
    },
    expectFiles: {
      'openapi.yaml': true,
      Dockerfile: true,
      '.github/workflows/ci.yaml': true,
      'src/db/migrate.ts': false,
      'migrations/0001_create_greetings.sql': false,
    },
    scripts: ['typecheck', 'test', 'build'],
    // The portal publishes locally: no code host slug, the PagerDuty id given.
    kpiAnnotations: { 'pagerduty.com/service-id': 'PF9KMXH' },
  },
  {
    label: 'typescript-service-db',
    template: 'typescript-service',
    values: { ...common, name: 'depot-ledger', database: true, port: 9090 },
    expectFiles: {
      'src/db/migrate.ts': true,
      'migrations/0001_create_greetings.sql': true,
    },
    scripts: ['typecheck', 'test', 'build'],
    needsDatabase: true,
    kpiAnnotations: {},
  },
  {
    label: 'react-web-app',
    template: 'react-web-app',
    values: { ...common, name: 'parcel-portal', routerExample: true },
    expectFiles: { 'index.html': true, '.github/workflows/ci.yaml': true },
    scripts: ['lint', 'typecheck', 'test', 'build'],
    kpiAnnotations: {},
  },
  {
    label: 'scheduled-job',
    template: 'scheduled-job',
    values: {
      ...common,
      name: 'nightly-rates',
      schedule: '*/15 * * * *',
      pagerdutyServiceId: 'P3Q8ZTX',
    },
    expectFiles: { Dockerfile: true, '.github/workflows/ci.yaml': true },
    scripts: ['typecheck', 'test', 'build'],
    kpiAnnotations: { 'pagerduty.com/service-id': 'P3Q8ZTX' },
  },
];

const isWorkflow = (f: RenderedFile) => f.path.startsWith('.github/workflows/');

describe('golden-path templates', () => {
  let portal: PortalProcess;
  let token: string;
  const rendered = new Map<string, RenderedFile[]>();

  beforeAll(async () => {
    // Dry runs are the template authors', the platform team's.
    portal = await startPortal({
      database: 'sqlite',
      config: {
        auth: {
          providers: {
            guest: {
              userEntityRef: 'user:default/priya.nair',
              dangerouslyAllowOutsideDevelopment: true,
            },
          },
        },
      },
    });
    await waitForDemoCatalog(portal.baseUrl);
    token = await guestToken(portal.baseUrl);
  });
  afterAll(async () => {
    await portal?.stop();
  });

  describe.each(cases)('$label', c => {
    const file = (p: string) => rendered.get(c.label)!.find(f => f.path === p);

    it('renders through the scaffolder dry run', async () => {
      const { status, body, files } = await dryRun(
        portal.baseUrl,
        token,
        c.template,
        c.values,
      );
      expect({ status, error: body.error }).toEqual({
        status: 200,
        error: undefined,
      });
      expect(body.steps.map((s: any) => s.id)).toEqual([
        'target',
        'fetch',
        'publish',
        'register',
      ]);
      rendered.set(c.label, files);
      for (const [p, present] of Object.entries(c.expectFiles)) {
        expect([p, Boolean(file(p))]).toEqual([p, present]);
      }
    });

    it('substitutes the name and leaves no template syntax outside the workflows', () => {
      const files = rendered.get(c.label)!;
      const name = c.values.name as string;
      expect(JSON.parse(file('package.json')!.content).name).toBe(name);
      expect(file('README.md')!.content).toContain(name);
      for (const f of files.filter(x => !isWorkflow(x))) {
        const leftover = f.content
          // The injected description is the only template-like text allowed.
          .split(injected)
          .join('')
          .match(/\$\{\{|\{%|%\}|\{#/);
        expect([f.path, leftover?.[0]]).toEqual([f.path, undefined]);
      }
      // Workflows are copied as they are: GitHub's own ${{ }} stays.
      const workflow = file('.github/workflows/ci.yaml')!.content;
      expect(workflow).toMatch(/\$\{\{ (github|secrets|vars|steps|env)\./);
      expect(workflow).not.toContain('${{ values.');
    });

    it('renders parameters as text and never evaluates them', () => {
      expect(file('README.md')!.content).toContain(injected);
      expect(JSON.parse(file('package.json')!.content).description).toBe(
        injected,
      );
      const all = rendered
        .get(c.label)!
        .map(f => f.content)
        .join('\n');
      expect(all).not.toMatch(/Tracks parcels 42/);
    });

    it('has a valid catalog-info.yaml with owner, system, lifecycle, source template and KPI annotations', async () => {
      const docs = YAML.parseAllDocuments(file('catalog-info.yaml')!.content);
      expect(docs.flatMap(d => d.errors)).toEqual([]);
      const entities = docs.map(d => d.toJS() as Entity);
      const component = entities.find(e => e.kind === 'Component')!;
      expect(await componentEntityV1alpha1Validator.check(component)).toBe(
        true,
      );
      expect(component.metadata.name).toBe(c.values.name);
      expect(component.metadata.description).toBe(injected);
      expect(component.spec).toMatchObject({
        owner: common.owner,
        system: common.system,
        lifecycle: common.lifecycle,
      });
      expect(
        component.metadata.annotations?.['backstage.io/source-template'],
      ).toBe(`template:default/${c.template}`);
      // The KPI claims (docs/operations.md): the code host's slug only where
      // the portal publishes to one (publishing.test.ts), PagerDuty if given.
      const others = { ...component.metadata.annotations };
      delete others['backstage.io/source-template'];
      expect(others).toEqual(c.kpiAnnotations);
      for (const api of entities.filter(e => e.kind === 'API')) {
        expect(component.spec?.providesApis).toContain(api.metadata.name);
      }
    });

    it("passes the generated project's own type-check, tests and build", async () => {
      const files = rendered.get(c.label)!;
      const dir = await prepareProject(c.label, files);
      const env: Record<string, string> = {};
      let dropDatabase = async () => {};
      if (c.needsDatabase && process.env.LODESTAR_SKIP_POSTGRES !== '1') {
        const db = `lodestar_t${crypto.randomBytes(4).toString('hex')}_gen`;
        const pg = postgresTarget();
        const admin = new Client({ ...pg, database: 'postgres' });
        await admin.connect();
        await admin.query(`create database "${db}"`);
        await admin.end();
        const auth = pg.password ? `${pg.user}:${pg.password}` : pg.user;
        env.DATABASE_URL = `postgres://${auth}@${pg.host}:${pg.port}/${db}`;
        dropDatabase = async () => {
          const client = new Client({ ...pg, database: 'postgres' });
          await client.connect();
          await client.query(`drop database if exists "${db}" with (force)`);
          await client.end();
        };
      }
      const outputs: Record<string, string> = {};
      try {
        for (const script of c.scripts) {
          outputs[script] = await npmRun(dir, script, env);
        }
      } finally {
        await dropDatabase();
      }
      // With a database, its tests ran instead of skipping themselves.
      const databaseTestsSkipped =
        Boolean(env.DATABASE_URL) && !/skipped 0\b/.test(outputs.test);
      expect(databaseTestsSkipped).toBe(false);
    });
  });

  // Not a golden path (it publishes nothing): the file for an existing
  // repository, with the KPI annotations only when the form names them.
  describe('catalog-info', () => {
    const component = async (values: Record<string, unknown>) => {
      const { status, body, files } = await dryRun(
        portal.baseUrl,
        token,
        'catalog-info',
        {
          name: 'legacy-billing',
          description: injected,
          owner: common.owner,
          system: common.system,
          lifecycle: 'production',
          ...values,
        },
      );
      expect({ status, error: body.error }).toEqual({
        status: 200,
        error: undefined,
      });
      const file = files.find(f => f.path === 'catalog-info.yaml')!;
      const entity = YAML.parse(file.content) as Entity;
      expect(await componentEntityV1alpha1Validator.check(entity)).toBe(true);
      return entity;
    };

    it('writes the annotations the form names', async () => {
      const entity = await component({
        githubRepository: 'tidewater/legacy-billing',
        pagerdutyServiceId: 'PF9KMXH',
      });
      expect(entity.metadata.annotations).toEqual({
        'github.com/project-slug': 'tidewater/legacy-billing',
        'pagerduty.com/service-id': 'PF9KMXH',
      });
      const gitlab = await component({
        gitlabProject: 'tidewater/finance/legacy-billing',
      });
      expect(gitlab.metadata.annotations).toEqual({
        'gitlab.com/project-slug': 'tidewater/finance/legacy-billing',
      });
    });

    it('writes no annotations when the form names none', async () => {
      const entity = await component({});
      expect(entity.metadata.annotations).toBeUndefined();
      expect(entity.metadata.description).toBe(injected);
    });
  });
});
