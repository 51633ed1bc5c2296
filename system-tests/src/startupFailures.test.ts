/*
 * Bad input at start-up gets one line naming the cause — no stack trace, no
 * retry loop: port in use, PostgreSQL unreachable or refusing credentials,
 * malformed config, an org source switched on without its secret. A
 * production config without any org source starts, with one warning.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  engines,
  freePort,
  postgresTarget,
  productionEnv,
  repoRoot,
  startPortal,
} from '@internal/testing';

jest.setTimeout(120_000);

const STACK_LINE = /^\s+at\s/m;

async function failedStart(options: Parameters<typeof startPortal>[0]) {
  const portal = await startPortal({ ...options, waitForReady: false });
  const timer = setTimeout(() => portal.child.kill('SIGKILL'), 90_000);
  const { code, signal } = await portal.exited;
  clearTimeout(timer);
  const stderr = portal.stderr();
  await portal.stop();
  return { code, signal, stderr };
}

function failureLine(stderr: string) {
  return stderr
    .split('\n')
    .find(l => l.startsWith('Lodestar failed to start:'));
}

describe('start-up failures', () => {
  it('names the port when it is already in use', async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port);
    try {
      const { code, signal, stderr } = await failedStart({ port });
      expect(signal).toBeNull();
      expect(code).toBe(1);
      expect(failureLine(stderr)).toMatch(`port ${port} is already in use`);
      expect(stderr).not.toMatch(STACK_LINE);
    } finally {
      blocker.close();
    }
  });

  it('names the file and cause of a malformed config', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-badcfg-'));
    const bad = path.join(dir, 'app-config.broken.yaml');
    fs.writeFileSync(bad, 'backend:\n  baseUrl: [unclosed\n  listen: 7007\n');
    try {
      const { code, stderr } = await failedStart({
        configs: ['app-config.yaml', bad],
      });
      expect(code).toBe(1);
      expect(failureLine(stderr)).toMatch(/app-config\.broken\.yaml/);
      expect(stderr).not.toMatch(STACK_LINE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses guest sign-in under the production config', async () => {
    // The classic mistake: the embedded default layered under production.
    const { code, stderr } = await failedStart({
      configs: ['app-config.yaml', 'app-config.production.yaml'],
      database: 'config',
      cwd: repoRoot,
      env: productionEnv(),
    });
    expect(code).toBe(1);
    expect(failureLine(stderr)).toMatch(
      /auth\.providers\.guest is configured while auth\.environment is production/,
    );
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('refuses a disabled default auth policy under the production config', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-openapi-'));
    const open = path.join(dir, 'app-config.open.yaml');
    fs.writeFileSync(
      open,
      'backend:\n  auth:\n    dangerouslyDisableDefaultAuthPolicy: true\n',
    );
    try {
      const { code, stderr } = await failedStart({
        configs: ['app-config.production.yaml', open],
        database: 'config',
        cwd: repoRoot,
        env: productionEnv(),
      });
      expect(code).toBe(1);
      expect(failureLine(stderr)).toBe(
        'Lodestar failed to start: backend.auth.dangerouslyDisableDefaultAuthPolicy is set while auth.environment is production; every API would be open to anonymous callers.',
      );
      expect(stderr).not.toMatch(STACK_LINE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses the demo's backdated writes under the production config", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-backdating-'));
    const demo = path.join(dir, 'app-config.backdating.yaml');
    fs.writeFileSync(demo, 'lodestar:\n  demo:\n    backdating: true\n');
    try {
      const { code, stderr } = await failedStart({
        configs: ['app-config.production.yaml', demo],
        database: 'config',
        cwd: repoRoot,
        env: productionEnv(),
      });
      expect(code).toBe(1);
      expect(failureLine(stderr)).toBe(
        'Lodestar failed to start: lodestar.demo.backdating is set while auth.environment is production; it lets a caller choose the time of a write and is for the demo seeder of the embedded default only.',
      );
      expect(stderr).not.toMatch(STACK_LINE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Checked before the database, so these need no PostgreSQL.
  it('names the variable when Entra ID org sync is switched on without its secret', async () => {
    const { code, stderr } = await failedStart({
      configs: ['app-config.production.yaml'],
      database: 'config',
      cwd: repoRoot,
      env: {
        ...productionEnv(),
        AZURE_TENANT_ID: '5f3c2a7e-1b4d-4c8e-9a6f-0d2e8b7c4a91',
        AZURE_CLIENT_ID: '0b9c6d2e-7f4a-4b1c-8e3d-5a6f7b8c9d0e',
        AZURE_CLIENT_SECRET: undefined,
      },
    });
    expect(code).toBe(1);
    expect(failureLine(stderr)).toBe(
      'Lodestar failed to start: Microsoft Entra ID org sync: AZURE_CLIENT_SECRET is not set (catalog.providers.microsoftGraphOrg.default.clientSecret)',
    );
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('names the token when GitHub org sync is switched on without one', async () => {
    const { code, stderr } = await failedStart({
      configs: ['app-config.production.yaml'],
      database: 'config',
      cwd: repoRoot,
      env: {
        ...productionEnv(),
        GITHUB_ORG_SYNC_ORG: 'tidewater',
        GITHUB_TOKEN: undefined,
      },
    });
    expect(code).toBe(1);
    expect(failureLine(stderr)).toBe(
      'Lodestar failed to start: GitHub organisation org sync: GITHUB_TOKEN is not set (integrations.github[0].token)',
    );
    expect(stderr).not.toMatch(STACK_LINE);
  });

  (engines.includes('postgres') ? describe : describe.skip)(
    'production database',
    () => {
      it('names host and port when PostgreSQL is unreachable, and exits once', async () => {
        const closedPort = await freePort();
        const { code, signal, stderr } = await failedStart({
          configs: ['app-config.production.yaml'],
          database: 'config',
          cwd: repoRoot,
          env: { ...productionEnv(), POSTGRES_PORT: String(closedPort) },
        });
        expect(code).toBe(1);
        expect(failureLine(stderr)).toMatch(`:${closedPort}`);
        expect(failureLine(stderr)).toMatch(/connection refused/);
        expect(stderr).not.toMatch(STACK_LINE);
        // Once: it exited by itself (not killed by failedStart's guard, which
        // a retry loop would run into) and said so in one line.
        expect(signal).toBeNull();
        expect(
          stderr.split('\n').filter(l => l.startsWith('Lodestar failed')),
        ).toHaveLength(1);
      });

      it('refuses to start when templates would publish to GitHub without a token', async () => {
        const { code, stderr } = await failedStart({
          configs: ['app-config.production.yaml'],
          database: 'config',
          cwd: repoRoot,
          env: { ...productionEnv(), GITHUB_TOKEN: undefined },
        });
        expect(code).toBe(1);
        expect(failureLine(stderr)).toMatch(
          /lodestar\.publish\.target is github, but integrations\.github has no token or app for github\.com/,
        );
        expect(stderr).not.toMatch(STACK_LINE);
      });

      it('refuses to start without the GitHub organisation for new repositories', async () => {
        const { code, stderr } = await failedStart({
          configs: ['app-config.production.yaml'],
          database: 'config',
          cwd: repoRoot,
          env: { ...productionEnv(), LODESTAR_GITHUB_ORG: undefined },
        });
        expect(code).toBe(1);
        expect(failureLine(stderr)).toMatch(
          /lodestar\.publish\.github\.owner is missing/,
        );
        expect(stderr).not.toMatch(STACK_LINE);
      });

      it('says PostgreSQL refused the credentials', async () => {
        const { code, stderr } = await failedStart({
          configs: ['app-config.production.yaml'],
          database: 'config',
          cwd: repoRoot,
          env: { ...productionEnv(), POSTGRES_USER: 'no_such_lodestar_role' },
        });
        expect(code).toBe(1);
        expect(failureLine(stderr)).toMatch(/refused the credentials/);
        const pg = postgresTarget();
        expect(failureLine(stderr)).toContain(`${pg.host}:${pg.port}`);
        expect(failureLine(stderr)).toMatch(/no_such_lodestar_role/);
        expect(stderr).not.toMatch(STACK_LINE);
      });

      it('starts without an org source, saying once how to configure one', async () => {
        const portal = await startPortal({
          configs: ['app-config.production.yaml'],
          database: 'config',
          cwd: repoRoot,
          env: productionEnv(),
        });
        try {
          const warnings = portal
            .stderr()
            .split('\n')
            .filter(l => /no org source is configured/.test(l));
          expect(warnings).toHaveLength(1);
          expect(warnings[0]).toMatch(/^Lodestar preflight: /);
          expect(warnings[0]).toContain('docs/operations.md');
          const health = await fetch(
            `${portal.baseUrl}/.backstage/health/v1/readiness`,
          );
          expect(health.status).toBe(200);
        } finally {
          await portal.stop();
        }
      });
    },
  );
});
