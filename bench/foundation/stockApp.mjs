// Generates a stock `@backstage/create-app` app into a temp dir and brings it
// to the same Backstage release as Lodestar, so the comparison is like for
// like. Nothing of it is committed; it is reused across bench runs.
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const STOCK_DIR = path.join(os.tmpdir(), 'lodestar-bench-stock');
const CREATE_APP = '@backstage/create-app@0.9.2';

const run = (cmd, cwd) => {
  console.error(`[stock] ${cmd}`);
  execSync(cmd, {
    cwd,
    stdio: ['pipe', 'inherit', 'inherit'],
    env: process.env,
  });
};

export async function prepareStockApp() {
  if (fs.existsSync(path.join(STOCK_DIR, 'packages/app/dist/index.html'))) {
    console.error(`[stock] reusing ${STOCK_DIR}`);
    return STOCK_DIR;
  }
  fs.rmSync(STOCK_DIR, { recursive: true, force: true });
  execFileSync(
    'npx',
    ['-y', CREATE_APP, '--skip-install', '--path', STOCK_DIR],
    {
      input: 'stock-app\n',
      stdio: ['pipe', 'inherit', 'inherit'],
    },
  );
  // Same release as Lodestar (1.57) and the same two fixes it needs to run on
  // Node 24 here: one backend-defaults copy, and better-sqlite3 13 (12.x
  // aborts the process on Node 24.19+). Native modules that only the CLI's
  // optional features use are not built, as in Lodestar.
  const pkgFile = path.join(STOCK_DIR, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  pkg.resolutions = {
    ...pkg.resolutions,
    '@backstage/backend-defaults': '^0.19.0',
    '@backstage/plugin-events-node': '^0.5.0',
    'better-sqlite3': '^13.2.0',
  };
  pkg.dependenciesMeta = Object.fromEntries(
    [
      'keytar',
      'tree-sitter',
      'tree-sitter-json',
      'tree-sitter-yaml',
      'cpu-features',
      'protobufjs',
    ].map(name => [name, { built: false }]),
  );
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  run(`yarn up '@backstage/*'`, STOCK_DIR);
  run('yarn workspace app build', STOCK_DIR);
  return STOCK_DIR;
}
