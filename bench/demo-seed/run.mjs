#!/usr/bin/env node
/*
 * What the demo data adds to `npm start`: a portal on the embedded default
 * (SQLite in a temp dir, the demo people config, the demo OpenID provider
 * with every demo person), then the two seeders run as `npm start` runs
 * them (child processes on the SWC transform), timed; then the portal is
 * stopped and started again on the same database and both seeders run
 * again (a restart). Prints one JSON line per start. docs/benchmarks.md.
 *
 *   eval "$(node scripts/portal.mjs env)"
 *   node bench/demo-seed/run.mjs
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  freePort,
  nodeTransformArgs,
  repoRoot,
  startDemoOidc,
  startPortal,
} from '@internal/harness';

const people = parseAllDocuments(
  fs.readFileSync(path.join(repoRoot, 'catalog/org.yaml'), 'utf8'),
)
  .map(doc => doc.toJS())
  .filter(entity => entity?.kind === 'User')
  .map(user => ({
    id: user.metadata.name,
    name: user.spec.profile.displayName,
    email: user.spec.profile.email,
  }));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-demo-seed-'));
const port = await freePort();
const oidcPort = await freePort();
const oidc = await startDemoOidc({
  portalPorts: [port],
  port: oidcPort,
  people,
});

const seed = script => {
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    [
      ...nodeTransformArgs(),
      path.join(repoRoot, script),
      `http://localhost:${port}`,
    ],
    { encoding: 'utf8' },
  );
  return {
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
    output: `${run.stdout}${run.stderr}`.trim(),
  };
};

try {
  for (const start of ['fresh', 'restart']) {
    const started = Date.now();
    const portal = await startPortal({
      port,
      configs: ['app-config.yaml', 'app-config.demo-people.yaml'],
      config: {
        backend: {
          database: {
            client: 'better-sqlite3',
            connection: { directory: path.join(dir, 'sqlite') },
          },
        },
        auth: {
          providers: {
            oidc: {
              development: {
                metadataUrl: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
              },
            },
          },
        },
      },
    });
    const readySeconds = Number(((Date.now() - started) / 1000).toFixed(1));
    const kpis = seed('packages/demo-data/src/kpis/seed.ts');
    const story = seed('packages/demo-data/src/story/seed.ts');
    console.log(JSON.stringify({ start, readySeconds, kpis, story }));
    await portal.stop();
  }
} finally {
  await oidc.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
