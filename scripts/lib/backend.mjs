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
 * DEMO DATA, in order, each as a child process on the same Node and
 * transform as the backend (packages/demo-data): the KPI seeder posts a year
 * of deployment, incident and change events for the demo services; then,
 * with `story`, the story seeder signs the demo people in through the demo
 * OpenID provider and files, votes, triages, ships and rates a year of
 * requests and improvements as them. Quick when everything is already
 * there. LODESTAR_SKIP_DEMO_DATA=1 skips both, LODESTAR_SKIP_DEMO_KPIS=1 the
 * KPI history only. A failure is a warning: the portal keeps running.
 */
export async function seedDemoData(env, baseUrl, backend, { story }) {
  if (env.LODESTAR_SKIP_DEMO_DATA === '1') {
    info('Demo data not seeded (LODESTAR_SKIP_DEMO_DATA=1).');
    return;
  }
  if (env.LODESTAR_SKIP_DEMO_KPIS === '1') {
    info('Demo KPI history not seeded (LODESTAR_SKIP_DEMO_KPIS=1).');
  } else {
    await runSeeder(env, baseUrl, backend, {
      script: 'packages/demo-data/src/kpis/seed.ts',
      what: 'demo KPI history',
    });
  }
  if (story) {
    await runSeeder(env, baseUrl, backend, {
      script: 'packages/demo-data/src/story/seed.ts',
      what: 'demo requests and improvements',
    });
  }
}

function runSeeder(env, baseUrl, backend, { script, what }) {
  const seeder = spawn(
    nodeBinary(),
    [...nodeTransformArgs(), path.join(repoRoot, script), baseUrl],
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
  return new Promise(resolve => {
    seeder.on('error', error => {
      warn(`The ${what} was not seeded: ${error.message}`);
      resolve();
    });
    seeder.on('exit', (code, signal) => {
      resolve();
      // Stopped along with the portal (Ctrl-C): nothing to say.
      if (signal || backend.exitCode !== null || backend.signalCode !== null) {
        return;
      }
      if (code === 0) {
        info(stdout.trim().split('\n').pop() ?? '');
      } else {
        const reason =
          stderr.trim().split('\n').filter(Boolean).pop() ??
          `The ${what} was not seeded: the seeder exited with ${code}`;
        warn(`${reason}\nThe portal keeps running without the ${what}.`);
      }
    });
  });
}

/**
 * Starts the backend in the foreground; Ctrl-C stops it cleanly. With
 * `seedDemoKpis` (the embedded default only), seeds the demo data once the
 * backend is ready; with `seedDemoStory` (the demo people signed in through
 * the demo provider) the requests and improvements too.
 */
export async function startBackend(
  env,
  { configs, port, baseUrl, seedDemoKpis: seed = false, seedDemoStory = false },
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
    if (seed) seedDemoData(env, baseUrl, child, { story: seedDemoStory });
  }
}
