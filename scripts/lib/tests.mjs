// `npm test`: every check a change must pass, in order, with a loud line for
// anything skipped. Outside CI a missing PostgreSQL or Chromium is skipped;
// with CI=true it is a failure.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  dropLeftoverTestDatabases,
  postgresLoginError,
  postgresTarget,
  postgresUrl,
} from '@internal/harness';
import { fail, info, step, warn } from './log.mjs';
import { repoRoot } from './toolchain.mjs';
import { ensureFrontendBuilt } from './workspace.mjs';

const isCI = ['true', '1'].includes(String(process.env.CI).toLowerCase());

/**
 * Logs in to PostgreSQL for real (a server that refuses the credentials is as
 * good as missing) and drops databases that killed test runs left behind.
 */
async function postgresUsable(pg) {
  const problem = await postgresLoginError(pg);
  if (problem) {
    info(`PostgreSQL login failed: ${problem}`);
    return false;
  }
  try {
    const dropped = await dropLeftoverTestDatabases(pg);
    if (dropped) info(`Dropped ${dropped} leftover test databases`);
    return true;
  } catch (error) {
    info(
      `PostgreSQL: dropping leftover test databases failed: ${error.message}`,
    );
    return false;
  }
}

const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Decides, loudly, what runs. Returns the env additions for the test run. */
async function detectServices() {
  step('Checking the services the tests need');
  const extra = {};
  const pg = postgresTarget();
  if (await postgresUsable(pg)) {
    info(`PostgreSQL: ${pg.host}:${pg.port} (user ${pg.user})`);
    // Plugin tests use @backstage/backend-test-utils' TestDatabases, which
    // takes a server from this variable (it creates and drops its own
    // databases) instead of starting one in Docker.
    extra.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
      postgresUrl(pg);
  } else if (isCI) {
    fail(
      `PostgreSQL is not reachable at ${pg.host}:${pg.port}, and CI=true makes that a failure.`,
    );
  } else {
    warn(
      `SKIPPING every PostgreSQL test: nothing listens at ${pg.host}:${pg.port}. Set POSTGRES_HOST/POSTGRES_PORT/POSTGRES_USER/POSTGRES_PASSWORD to point at one.`,
    );
    extra.LODESTAR_SKIP_POSTGRES = '1';
  }
  if (fs.existsSync(chromiumPath())) {
    info(`Chromium: ${chromiumPath()}`);
  } else if (isCI) {
    fail(
      `Chromium is missing at ${chromiumPath()}, and CI=true makes that a failure (apt-get install chromium).`,
    );
  } else {
    warn(
      `SKIPPING the browser tests: no Chromium at ${chromiumPath()} (apt-get install chromium, or set CHROMIUM_PATH).`,
    );
    extra.LODESTAR_SKIP_BROWSER = '1';
  }
  // fetch:cookiecutter runs the cookiecutter on the backend's PATH.
  const cookiecutter = spawnSync('cookiecutter', ['--version'], {
    encoding: 'utf8',
  });
  if (cookiecutter.status === 0) {
    info(`cookiecutter: ${cookiecutter.stdout.trim()}`);
  } else if (isCI) {
    fail(
      'cookiecutter is not on the PATH, and CI=true makes that a failure (apt-get install cookiecutter).',
    );
  } else {
    warn(
      'SKIPPING the real cookiecutter runs: no cookiecutter on the PATH (apt-get install cookiecutter).',
    );
    extra.LODESTAR_SKIP_COOKIECUTTER = '1';
  }
  // The integration tests run real servers and tools from Debian's packages
  // (.ci/run installs them). Each test file says SKIPPING for what it lacks;
  // outside CI that is where it stops, with CI=true it fails.
  const missing = missingIntegrationTools();
  if (missing.length === 0) {
    info(
      'Integration tools: PostgreSQL server binaries, slapd, ldap-utils, openssl, git http-backend',
    );
  } else if (isCI) {
    fail(
      `${missing.join(
        ', ',
      )} missing, and CI=true makes that a failure (apt-get install postgresql slapd ldap-utils openssl git).`,
    );
  } else {
    warn(
      `SKIPPING the integration tests that need ${missing.join(
        ', ',
      )} (apt-get install postgresql slapd ldap-utils openssl git).`,
    );
    extra.LODESTAR_SKIP_MISSING_TOOLS = '1';
  }
  return extra;
}

/** Which of the integration tests' programs are not installed. */
function missingIntegrationTools() {
  const runs = (cmd, args) =>
    spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
  // slapd lives in an sbin folder that a minimal PATH may lack.
  const slapd = ['/usr/sbin/slapd', '/usr/local/sbin/slapd'].some(file =>
    fs.existsSync(file),
  );
  const gitExecPath = spawnSync('git', ['--exec-path'], { encoding: 'utf8' });
  const httpBackend =
    gitExecPath.status === 0 &&
    fs.existsSync(path.join(gitExecPath.stdout.trim(), 'git-http-backend'));
  // The database-fault tests make private clusters with initdb/pg_ctl from
  // Debian's versioned directory (not on PATH), any installed version.
  const pgRoot = '/usr/lib/postgresql';
  const pgServer =
    fs.existsSync(pgRoot) &&
    fs
      .readdirSync(pgRoot)
      .some(v => fs.existsSync(path.join(pgRoot, v, 'bin', 'initdb')));
  return [
    !pgServer && !process.env.LODESTAR_PG_BIN && 'PostgreSQL server binaries',
    !slapd && 'slapd',
    !runs('ldapsearch', ['-VV']) && 'ldap-utils',
    !runs('openssl', ['version']) && 'openssl',
    !httpBackend && 'git http-backend',
  ].filter(Boolean);
}

export async function runTests(env) {
  const results = [];
  const run = (name, cmd, args, runEnv = env) => {
    step(name);
    const started = Date.now();
    const { status } = spawnSync(cmd, args, {
      cwd: repoRoot,
      env: runEnv,
      stdio: 'inherit',
    });
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    results.push({ name, ok: status === 0, secs });
    if (status !== 0) info(`✖ ${name} failed (${secs}s)`);
    return status === 0;
  };

  run('House rules (package layering, imports, links in the docs)', 'node', [
    path.join(repoRoot, 'scripts/lib/houseRules.mjs'),
  ]);
  run('Type-check (tsc)', 'yarn', ['tsc']);
  run('Lint (eslint, every package)', 'yarn', [
    'backstage-cli',
    'repo',
    'lint',
  ]);
  run('Formatting (prettier --check)', 'yarn', ['prettier', '--check', '.']);
  run('Config check: app-config.yaml', 'yarn', [
    'backstage-cli',
    'config:check',
    '--strict',
    '--config',
    'app-config.yaml',
  ]);
  run(
    'Config check: app-config.production.yaml (with placeholder env)',
    'yarn',
    [
      'backstage-cli',
      'config:check',
      '--strict',
      '--config',
      'app-config.production.yaml',
    ],
    { ...productionPlaceholders(), ...env },
  );

  const services = await detectServices();
  ensureFrontendBuilt(env);
  run(
    'Unit, database, backend and browser tests (jest, every package)',
    'yarn',
    ['backstage-cli', 'repo', 'test', '--ci'],
    {
      ...testEnv(env),
      ...services,
      CI: 'true',
      BACKSTAGE_TEST_DISABLE_DOCKER: '1',
    },
  );

  const failed = results.filter(r => !r.ok);
  console.log('\nSummary');
  for (const r of results) info(`${r.ok ? '✔' : '✖'} ${r.name} (${r.secs}s)`);
  const skipped = Object.keys(services).filter(k =>
    k.startsWith('LODESTAR_SKIP_'),
  ).length;
  console.log(
    `\nsteps: ${results.length - failed.length} passed, ${
      failed.length
    } failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
  if (failed.length) process.exit(1);
}

// Skips are decided here, loudly, and never inherited from the caller.
function testEnv(env) {
  const {
    LODESTAR_SKIP_POSTGRES,
    LODESTAR_SKIP_BROWSER,
    LODESTAR_SKIP_COOKIECUTTER,
    LODESTAR_SKIP_MISSING_TOOLS,
    ...rest
  } = env;
  return rest;
}

// Values app-config.production.yaml substitutes; only to check its shape.
function productionPlaceholders() {
  return {
    LODESTAR_BASE_URL: 'https://portal.example.invalid',
    LODESTAR_ORG_NAME: 'Example',
    LODESTAR_GITHUB_ORG: 'example',
    LODESTAR_PLATFORM_TEAM: 'group:default/platform-team',
    BACKEND_SECRET: 'placeholder',
    AUTH_OIDC_METADATA_URL:
      'https://sso.example.invalid/.well-known/openid-configuration',
    AUTH_OIDC_CLIENT_ID: 'placeholder',
    AUTH_OIDC_CLIENT_SECRET: 'placeholder',
    AUTH_SESSION_SECRET: 'placeholder',
    AUTH_GITHUB_CLIENT_ID: 'placeholder',
    AUTH_GITHUB_CLIENT_SECRET: 'placeholder',
    GITHUB_TOKEN: 'placeholder',
    GITHUB_DISCOVERY_ORG: 'example',
    GITLAB_HOST: 'gitlab.example.invalid',
    GITLAB_DISCOVERY_GROUP: 'example',
    GITLAB_TOKEN: 'placeholder',
    PORTAL_KPI_INGEST_TOKEN: 'placeholder-kpi-token',
    LODESTAR_SURVEY_RESPONDENT_KEY: 'placeholder-survey-respondent-key-32chars',
    POSTGRES_HOST: 'db.example.invalid',
    POSTGRES_PORT: '5432',
    POSTGRES_USER: 'placeholder',
    POSTGRES_PASSWORD: 'placeholder',
    // The LDAP org source switched on, so that its section is checked too.
    LDAP_URL: 'ldaps://ldap.example.invalid',
    LDAP_BIND_DN: 'cn=placeholder,dc=example,dc=invalid',
    LDAP_BIND_SECRET: 'placeholder',
    LDAP_USERS_BASE_DN: 'ou=people,dc=example,dc=invalid',
    LDAP_GROUPS_BASE_DN: 'ou=groups,dc=example,dc=invalid',
    // The Entra ID and GitHub organisation org sources too.
    AZURE_TENANT_ID: '00000000-0000-0000-0000-000000000000',
    AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000000',
    AZURE_CLIENT_SECRET: 'placeholder',
    AZURE_USER_FILTER: "accountEnabled eq true and userType eq 'Member'",
    AZURE_GROUP_FILTER: 'securityEnabled eq true',
    GITHUB_ORG_SYNC_ORG: 'example',
    // Email notifications switched on, so that their section is checked too.
    SMTP_HOST: 'smtp.example.invalid',
    SMTP_USER: 'placeholder',
    SMTP_PASSWORD: 'placeholder',
    NOTIFICATIONS_EMAIL_FROM: 'Lodestar <lodestar@example.invalid>',
  };
}
