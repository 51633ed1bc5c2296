// @ts-check
/*
 * Runs the Lodestar backend as `npm start` does: Node with Backstage's SWC
 * transform over packages/backend/src (no build step), the given config
 * files, and one readiness poll for all who wait for it (`npm start`, the
 * tests, the benchmarks).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { nodeTransformPath, repoRoot } from './paths.mjs';

/**
 * Node's arguments that load Backstage's SWC transform, so that TypeScript
 * sources run directly.
 * @param {string} [root] the repository whose node_modules has it
 * @returns {string[]}
 */
export function nodeTransformArgs(root = repoRoot) {
  return ['--require', nodeTransformPath(root)];
}

/**
 * @typedef {object} BackendCommand
 * @property {string[]} configs Config files in order, relative to `root` or absolute.
 * @property {string} [root] The repository whose packages/backend runs
 *   (default: this one; the foundation benchmark runs a stock app's).
 * @property {boolean} [sourceMaps] `--enable-source-maps` (default true).
 */

/**
 * Node's arguments that run the backend's TypeScript sources with `configs`.
 * @param {BackendCommand} command
 * @returns {string[]}
 */
export function backendNodeArgs({
  configs,
  root = repoRoot,
  sourceMaps = true,
}) {
  return [
    ...(sourceMaps ? ['--enable-source-maps'] : []),
    ...nodeTransformArgs(root),
    path.join(root, 'packages/backend/src/index.ts'),
    ...configs.flatMap(c => ['--config', path.resolve(root, c)]),
  ];
}

/**
 * @typedef {object} ProcessOptions
 * @property {string} [node] The Node binary (default: this process's).
 * @property {NodeJS.ProcessEnv} [env] The whole environment (default: this process's).
 * @property {string} [cwd] Default: `<root>/packages/backend`.
 * @property {import('node:child_process').StdioOptions} [stdio] Default: inherited.
 */

/** @typedef {BackendCommand & ProcessOptions} SpawnBackendOptions */

/**
 * Spawns the backend; does not wait for it.
 * @param {SpawnBackendOptions} options
 */
export function spawnBackend(options) {
  const {
    node = process.execPath,
    root = repoRoot,
    env = process.env,
    cwd = path.join(root, 'packages/backend'),
    stdio = 'inherit',
  } = options;
  return spawn(node, backendNodeArgs(options), { cwd, env, stdio });
}

const sleep = (/** @type {number} */ ms) =>
  new Promise(resolve => setTimeout(resolve, ms));

/** How often `onSlow` is told that the backend is still starting. */
const SLOW_NOTE_MS = 30_000;

/**
 * @typedef {object} WaitForReadyOptions
 * @property {number} [timeoutMs] Give up after this long (default: wait as
 *   long as the process runs).
 * @property {number} [pollMs] Pause between two polls (default 100).
 * @property {(elapsedMs: number) => void} [onSlow] Called every 30 s while
 *   the backend is still starting, with the time waited so far.
 */

/**
 * Polls the backend's readiness endpoint.
 * @param {string} baseUrl
 * @param {import('node:child_process').ChildProcess} child the backend's process
 * @param {WaitForReadyOptions} [options]
 * @returns {Promise<boolean>} true once it answers 200; false when the
 *   process exits first or the time is up.
 */
export async function waitForReady(
  baseUrl,
  child,
  { timeoutMs = Infinity, pollMs = 100, onSlow } = {},
) {
  const started = Date.now();
  let nextNote = SLOW_NOTE_MS;
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`, {
        signal: AbortSignal.timeout(2000),
      });
      await res.arrayBuffer();
      if (res.ok) return true;
    } catch {
      // not listening yet, or busy starting
    }
    if (onSlow && Date.now() - started > nextNote) {
      onSlow(nextNote);
      nextNote += SLOW_NOTE_MS;
    }
    await sleep(pollMs);
  }
  return false;
}

/**
 * @typedef {object} StartedBackend
 * @property {import('node:child_process').ChildProcess} child
 * @property {number | undefined} readyMs From spawn to ready; undefined when
 *   it did not get there (or was not waited for).
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 *   Resolves when the process exits.
 * @property {() => string} output What it printed on the streams `stdio`
 *   pipes (stdout, then stderr).
 * @property {() => string} stderr
 */

/**
 * Spawns the backend and waits until it is ready (or exits, or the time is
 * up). Piped output is collected from the start, so that a chatty backend
 * never blocks on a full pipe.
 * @param {SpawnBackendOptions & WaitForReadyOptions & {
 *   baseUrl: string,
 *   wait?: boolean,
 * }} options `wait: false` returns as soon as the process is spawned.
 * @returns {Promise<StartedBackend>}
 */
export async function startBackend(options) {
  const started = performance.now();
  const child = spawnBackend(options);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', d => (stdout += d));
  child.stderr?.on('data', d => (stderr += d));
  /** @type {StartedBackend['exited']} */
  const exited = new Promise(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready =
    options.wait !== false &&
    (await waitForReady(options.baseUrl, child, options));
  return {
    child,
    readyMs: ready ? performance.now() - started : undefined,
    exited,
    output: () => stdout + stderr,
    stderr: () => stderr,
  };
}

/**
 * Stops a process: SIGTERM, then SIGKILL after `graceMs`. Resolves once it
 * has exited.
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} [graceMs]
 * @returns {Promise<void>}
 */
export async function stopProcess(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
