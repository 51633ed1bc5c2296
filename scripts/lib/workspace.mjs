// Install and build steps, each skipped when its inputs have not changed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fingerprint, readStamp, writeStamp } from './fingerprint.mjs';
import { fail, info, step } from './log.mjs';
import { repoRoot } from './toolchain.mjs';

const stampDir = path.join(repoRoot, '.toolchain/stamps');

export function run(cmd, args, env, options = {}) {
  const result = spawnSync(cmd, args, {
    cwd: options.cwd ?? repoRoot,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0 && !options.allowFailure) {
    fail(
      `\`${[cmd, ...args].join(' ')}\` failed (exit ${
        result.status ?? result.signal
      }).`,
    );
  }
  return result.status ?? 1;
}

function workspaceManifests() {
  const out = [
    'package.json',
    'yarn.lock',
    '.yarnrc.yml',
    'e2e/package.json',
    'system-tests/package.json',
  ];
  for (const dir of ['packages', 'plugins']) {
    const base = path.join(repoRoot, dir);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base)) {
      const manifest = path.join(dir, name, 'package.json');
      if (fs.existsSync(path.join(repoRoot, manifest))) out.push(manifest);
    }
  }
  return out;
}

/** PATH without the toolchain's folders, so `node` is the system Node. */
function systemPath(pathValue = '') {
  const toolchain = path.join(repoRoot, '.toolchain');
  return pathValue
    .split(path.delimiter)
    .filter(dir => !dir.startsWith(toolchain))
    .join(path.delimiter);
}

/** `yarn install --immutable`, unless the manifests are unchanged since the last one. */
export function ensureInstalled(env) {
  const stamp = path.join(stampDir, 'install');
  const current = fingerprint(repoRoot, workspaceManifests());
  const hasModules = fs.existsSync(
    path.join(repoRoot, 'node_modules/.yarn-state.yml'),
  );
  if (hasModules && readStamp(stamp) === current) {
    info('Dependencies: up to date');
    return;
  }
  step('Installing dependencies with yarn (first run: a few minutes)');
  if (run('yarn', ['install', '--immutable'], env, { allowFailure: true })) {
    // Seen here: Yarn 4.13's fetch step under Node 24.21 can die with "The
    // `onCancel` handler was attached after the promise settled" while
    // downloading new packages; under the system Node it does not. Fetch
    // with the system Node (no builds), then link and build with Node 24 so
    // native modules get Node 24's ABI.
    info(
      'yarn install failed under Node 24; fetching with the system Node, then building with Node 24',
    );
    const yarnRelease = path.join(
      repoRoot,
      JSON.parse(
        fs.readFileSync(path.join(repoRoot, 'scripts/toolchain.json'), 'utf8'),
      ).yarnRelease,
    );
    run(
      process.execPath,
      [yarnRelease, 'install', '--immutable', '--mode=skip-build'],
      { ...env, PATH: systemPath(env.PATH) },
    );
    run('yarn', ['install', '--immutable'], env);
  }
  writeStamp(stamp, current);
}

const frontendInputs = () => [
  'packages/app',
  ...fs
    .readdirSync(path.join(repoRoot, 'plugins'))
    .filter(
      name => !name.endsWith('-backend') && !name.includes('-backend-module-'),
    )
    .map(name => `plugins/${name}`),
  'yarn.lock',
];

/** Builds the frontend bundle the backend serves, unless its sources are unchanged. */
export function ensureFrontendBuilt(env) {
  const stamp = path.join(stampDir, 'frontend');
  const current = fingerprint(repoRoot, frontendInputs());
  const built = fs.existsSync(
    path.join(repoRoot, 'packages/app/dist/index.html'),
  );
  if (built && readStamp(stamp) === current) {
    info('Frontend bundle: up to date');
    return;
  }
  step(
    'Building the frontend bundle (packages/app → packages/app/dist, about a minute)',
  );
  run('yarn', ['workspace', 'app', 'build'], env);
  writeStamp(stamp, current);
}
