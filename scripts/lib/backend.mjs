// Runs the one backend process (which also serves the built frontend) and
// reports when it is ready.
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  nodeTransformArgs,
  portIsFree,
  spawnBackend,
  waitForReady,
} from '@internal/harness';
import { fail, info, step, warn } from './log.mjs';
import { nodeBinary, repoRoot } from './toolchain.mjs';

/**
 * DEMO DATA: posts a year of deployment, incident and change events for the
 * demo services to the KPI plugin (the seeder of packages/demo-data),
 * as a child process on the same Node and transform as the backend. Quick
 * when they are already there. A failure is a warning: the portal keeps
 * running without the demo history.
 */
export function seedDemoKpis(env, baseUrl, backend) {
  if (env.LODESTAR_SKIP_DEMO_KPIS === '1') {
    info('Demo KPI history not seeded (LODESTAR_SKIP_DEMO_KPIS=1).');
    return;
  }
  const seeder = spawn(
    nodeBinary(),
    [
      ...nodeTransformArgs(),
      path.join(repoRoot, 'packages/demo-data/src/kpis/seed.ts'),
      baseUrl,
    ],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  seeder.stdout.on('data', d => (stdout += d));
  seeder.stderr.on('data', d => (stderr += d));
  // Stopping the portal stops the seeder too.
  backend.once('exit', () => {
    if (seeder.exitCode === null) seeder.kill('SIGTERM');
  });
  seeder.on('error', error =>
    warn(`Demo KPI history not seeded: ${error.message}`),
  );
  seeder.on('exit', (code, signal) => {
    // Stopped along with the portal (Ctrl-C): nothing to say.
    if (signal || backend.exitCode !== null || backend.signalCode !== null) {
      return;
    }
    if (code === 0) {
      info(stdout.trim().split('\n').pop() ?? '');
    } else {
      const reason =
        stderr.trim().split('\n').filter(Boolean).pop() ??
        `Demo KPI history not seeded: the seeder exited with ${code}`;
      warn(`${reason}\nThe portal keeps running without the demo KPI history.`);
    }
  });
}

/**
 * Starts the backend in the foreground; Ctrl-C stops it cleanly. With
 * `seedDemoKpis` (the embedded default only), seeds the demo KPI history
 * once the backend is ready.
 */
export async function startBackend(
  env,
  { configs, port, baseUrl, seedDemoKpis: seed = false },
) {
  if (!(await portIsFree(port))) {
    fail(
      `Port ${port} is already in use — is the portal already running? ` +
        `Stop that process (e.g. \`lsof -i :${port}\`) and try again.`,
    );
  }
  step(`Starting the backend on ${baseUrl} (config: ${configs.join(', ')})`);
  const started = Date.now();
  const child = spawnBackend({ node: nodeBinary(), configs, env });
  const stop = signal => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  child.on('exit', (code, signal) => {
    process.exit(signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : code ?? 1);
  });
  const ready = await waitForReady(baseUrl, child, {
    pollMs: 200,
    onSlow: ms =>
      info(`… still starting after ${ms / 1000}s (see the log above)`),
  });
  if (ready) {
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    info('');
    info(
      `✔ Lodestar is ready at ${baseUrl} (backend up in ${secs}s). Ctrl-C stops it.`,
    );
    if (seed) seedDemoKpis(env, baseUrl, child);
  }
}
