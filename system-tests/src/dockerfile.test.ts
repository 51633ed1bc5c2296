/*
 * packages/backend/Dockerfile, built and run without Docker (there is no
 * Docker engine on these machines): the `# yarn` host steps of its header in
 * a fresh checkout, then each of its instructions against a folder that
 * stands in for the image, then its CMD as its user, configured only through
 * environment variables as `docker run -e …` would. Everything comes from the
 * Dockerfile, so changing it changes what this test does; an instruction the
 * emulation cannot carry out fails it (__testUtils__/dockerBuild.ts).
 */
import {
  dropDatabasesWithPrefix,
  engines,
  eventually,
  freePort,
  newPostgresPrefix,
  productionEnv,
  repoRoot,
} from '@internal/testing';
import { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  emulateImage,
  Image,
  makeWorkDir,
  prepareHostCheckout,
  runHostSteps,
  startContainer,
  timed,
  Timings,
} from './__testUtils__/dockerBuild';
import { parseAssignments, parseDockerfile } from './__testUtils__/dockerfile';

const dockerfile = parseDockerfile(
  fs.readFileSync(path.join(repoRoot, 'packages/backend/Dockerfile'), 'utf8'),
);
const { instructions } = dockerfile;

// Variable names (ENV, ARG) and config keys that hold secrets.
const SECRET_NAME = /secret|token|password|credential|private|api_?key/i;
const SECRET_KEY = /(secret|token|password)$/i;

/**
 * Values under secret keys that are written out: a literal, or the default
 * of `${VAR:-default}`; a plain `${VAR}` is not one.
 */
function literalSecrets(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    if (!SECRET_KEY.test(key) || /^\$\{\w+\}$/.test(value.trim())) return [];
    return [/^\$\{\w+:-(.*)\}$/.exec(value.trim())?.[1] ?? value];
  }
  if (Array.isArray(value)) return value.flatMap(v => literalSecrets(v, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => literalSecrets(v, k));
  }
  return [];
}

function filesOutsideNodeModules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.name === 'node_modules') return [];
    if (entry.isDirectory()) return filesOutsideNodeModules(full);
    return entry.isFile() ? [full] : [];
  });
}

describe('packages/backend/Dockerfile', () => {
  it('runs its command as a non-root user', () => {
    const cmd = instructions.findIndex(i => i.keyword === 'CMD');
    expect(cmd).toBeGreaterThan(0);
    const user =
      instructions
        .slice(0, cmd)
        .filter(i => i.keyword === 'USER')
        .at(-1)?.args ?? 'root';
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it('takes no secret through ENV or ARG', () => {
    const names = instructions
      .filter(i => i.keyword === 'ENV' || i.keyword === 'ARG')
      .flatMap(i => Object.keys(parseAssignments(i.args)));
    expect(names.filter(name => SECRET_NAME.test(name))).toEqual([]);
  });

  it('starts from the Node.js major version the repository builds with', () => {
    const from = instructions.find(i => i.keyword === 'FROM')!.args;
    const major = process.versions.node.split('.')[0];
    // Host build steps and the image must agree (native modules, bundle).
    expect(from).toMatch(new RegExp(`^node:${major}[.-]`));
  });

  it("installs Debian's cookiecutter, so fetch:cookiecutter runs without Docker", () => {
    const installed = instructions
      .filter(i => i.keyword === 'RUN')
      .flatMap(i =>
        (/\bapt-get\s+install\b([^&]*)/.exec(i.args)?.[1] ?? '').split(/\s+/),
      );
    expect(installed).toContain('cookiecutter');
  });
});

const describeOnPostgres = engines.includes('postgres')
  ? describe
  : describe.skip;

describeOnPostgres('the image, built and run without Docker', () => {
  const timings: Timings = [];
  const prefix = newPostgresPrefix();
  const token = `dockerfile-test-${crypto.randomBytes(8).toString('hex')}`;
  const decoy = `decoy-secret-${crypto.randomBytes(8).toString('hex')}`;
  let work: string;
  let image: Image;
  let container: { child: ChildProcess; output: () => string } | undefined;
  let baseUrl: string;

  /** Secrets a developer's working copy may hold next to the code. */
  function plantDecoys(checkout: string) {
    fs.writeFileSync(path.join(checkout, '.env'), `GITHUB_TOKEN=${decoy}\n`);
    fs.writeFileSync(
      path.join(checkout, 'app-config.local.yaml'),
      YAML.stringify({
        integrations: { github: [{ host: 'github.com', token: decoy }] },
      }),
    );
    fs.writeFileSync(
      path.join(checkout, 'github-app-lodestar-credentials.yaml'),
      YAML.stringify({ appId: 1, clientSecret: decoy }),
    );
  }

  async function waitForReadiness(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { child } = container!;
      if (child.exitCode !== null || child.signalCode !== null) break;
      const res = await fetch(
        `${baseUrl}/.backstage/health/v1/readiness`,
      ).catch(() => undefined);
      if (res?.status === 200) return;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(
      `the container did not become ready:\n${container!
        .output()
        .slice(-4000)}`,
    );
  }

  beforeAll(async () => {
    work = makeWorkDir();
    const checkout = await timed(timings, 'host: checkout', async () =>
      prepareHostCheckout(path.join(work, 'checkout')),
    );
    plantDecoys(checkout);
    await runHostSteps(checkout, dockerfile.hostSteps, timings);
    image = await emulateImage(
      dockerfile,
      checkout,
      path.join(work, 'image'),
      timings,
    );

    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    await timed(timings, 'container: start until ready', async () => {
      container = startContainer(image, {
        ...productionEnv(),
        LODESTAR_BASE_URL: baseUrl,
        // Backstage reads APP_CONFIG_<path> variables over the config files:
        // a free port, throw-away databases, small pools on a shared server,
        // and a read token for the checks below.
        APP_CONFIG_backend_listen_port: String(port),
        APP_CONFIG_backend_database_prefix: prefix,
        APP_CONFIG_backend_database_knexConfig: JSON.stringify({
          pool: { min: 0, max: 4, idleTimeoutMillis: 2_000 },
        }),
        APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
          { type: 'static', options: { token, subject: 'dockerfile-test' } },
        ]),
      });
      await waitForReadiness(300_000);
    });
  }, 20 * 60_000);

  afterAll(async () => {
    await timed(
      timings,
      'cleanup: stop, drop databases, remove files',
      async () => {
        const child = container?.child;
        if (child && child.exitCode === null && child.signalCode === null) {
          const exited = new Promise(r => child.once('exit', r));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        await dropDatabasesWithPrefix(prefix).catch(() => {});
        if (work) fs.rmSync(work, { recursive: true, force: true });
      },
    );
    const total = timings.reduce((sum, t) => sum + t.ms, 0);
    console.log(
      [
        ...timings.map(
          t => `${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.step}`,
        ),
        `${(total / 1000).toFixed(1).padStart(6)} s  total`,
      ].join('\n'),
    );
  }, 120_000);

  it('answers liveness and readiness', async () => {
    for (const probe of ['liveness', 'readiness']) {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/${probe}`);
      expect(res.status).toBe(200);
    }
  });

  it('runs as the image user, not root', () => {
    const pid = container!.child.pid!;
    const { uid } = fs.statSync(`/proc/${pid}`);
    expect(uid).not.toBe(0);
    // As root the test can switch to the image's user; otherwise it is one.
    const self = process.getuid!();
    expect(uid).toBe(self === 0 ? image.uid : self);
  });

  it('serves the frontend: index.html and its scripts', async () => {
    const res = await fetch(`${baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    const script = /<script[^>]+src="(\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${baseUrl}${script}`);
    expect(asset.status).toBe(200);
  });

  it('loads the portal and the templates it ships, with their skeletons', async () => {
    // Every golden path in the repository, by the name its Template has.
    const shipped = fs
      .readdirSync(path.join(repoRoot, 'templates'))
      .map(dir => path.join(repoRoot, 'templates', dir, 'template.yaml'))
      .filter(file => fs.existsSync(file))
      .map(file => YAML.parse(fs.readFileSync(file, 'utf8')).metadata.name)
      .sort();
    expect(shipped.length).toBeGreaterThan(0);

    const items: any[] = await eventually(async () => {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-query?limit=200`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      const loaded = body.items.filter((e: any) => e.kind === 'Template');
      return loaded.length >= shipped.length ? body.items : undefined;
    }, 120_000);
    expect(items.map(e => e.metadata.name)).toContain('lodestar');

    const templates = items.filter(e => e.kind === 'Template');
    expect(templates.map(t => t.metadata.name).sort()).toEqual(shipped);
    for (const template of templates) {
      // Where the catalog read it: a file inside the image.
      const location =
        template.metadata.annotations['backstage.io/managed-by-location'];
      const file = location.replace(/^file:/, '');
      expect(file.startsWith(image.root)).toBe(true);
      const skeletons = template.spec.steps
        .filter((step: any) => step.action === 'fetch:template')
        .map((step: any) => path.resolve(path.dirname(file), step.input.url));
      for (const skeleton of skeletons) {
        expect(fs.readdirSync(skeleton).length).toBeGreaterThan(0);
      }
    }
  });

  it('holds no secret: no written-out one from the configs, none from local files', () => {
    const known = fs
      .readdirSync(repoRoot)
      .filter(f => /^app-config.*\.yaml$/.test(f))
      .flatMap(f =>
        literalSecrets(
          YAML.parse(fs.readFileSync(path.join(repoRoot, f), 'utf8')),
        ),
      )
      .filter(s => s.length >= 8);
    expect(known.length).toBeGreaterThan(0); // the local defaults have some
    const secrets = [...known, decoy];

    const offending: string[] = [];
    for (const file of filesOutsideNodeModules(image.root)) {
      const content = fs.readFileSync(file);
      for (const secret of secrets) {
        if (content.includes(secret)) {
          offending.push(`${path.relative(image.root, file)}: ${secret}`);
        }
      }
    }
    expect(offending).toEqual([]);

    // And every config the image carries takes its secrets from ${VARS}.
    const workdir = path.join(image.root, image.workdir);
    for (const config of fs
      .readdirSync(workdir)
      .filter(f => /^app-config.*\.yaml$/.test(f))) {
      const parsed = YAML.parse(
        fs.readFileSync(path.join(workdir, config), 'utf8'),
      );
      expect({ config, secrets: literalSecrets(parsed) }).toEqual({
        config,
        secrets: [],
      });
    }
  });
});
