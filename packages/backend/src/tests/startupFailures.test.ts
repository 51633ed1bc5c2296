/*
 * Bad input at start-up gets one line naming the cause — no stack trace, no
 * retry loop: port in use, PostgreSQL unreachable or refusing credentials,
 * malformed config.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  postgresConnection,
  repoRoot,
  startPortal,
} from '@internal/testing';
import { engines, productionEnv } from './__testUtils__/support';

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

  (engines.includes('postgres') ? describe : describe.skip)(
    'production database',
    () => {
      it('names host and port when PostgreSQL is unreachable, and exits once', async () => {
        const closedPort = await freePort();
        const started = Date.now();
        const { code, stderr } = await failedStart({
          configs: ['app-config.production.yaml'],
          database: 'config',
          cwd: repoRoot,
          env: { ...productionEnv(), POSTGRES_PORT: String(closedPort) },
        });
        expect(code).toBe(1);
        expect(failureLine(stderr)).toMatch(`:${closedPort}`);
        expect(failureLine(stderr)).toMatch(/connection refused/);
        expect(stderr).not.toMatch(STACK_LINE);
        expect(Date.now() - started).toBeLessThan(90_000);
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
        const pg = postgresConnection();
        expect(failureLine(stderr)).toContain(`${pg.host}:${pg.port}`);
        expect(failureLine(stderr)).toMatch(/no_such_lodestar_role/);
        expect(stderr).not.toMatch(STACK_LINE);
      });
    },
  );
});
