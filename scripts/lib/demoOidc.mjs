// DEMO ONLY: starts the demo OpenID Connect provider (packages/dev-oidc) for
// `npm start -- --users`, and waits until it listens: the backend reads the
// provider's metadata when it starts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fail, info } from './log.mjs';
import { nodeBinary, repoRoot } from './toolchain.mjs';

export async function startDemoOidc(env, { port, redirectUri }) {
  const child = spawn(
    nodeBinary(),
    [
      path.join(repoRoot, 'packages/dev-oidc/src/server.mjs'),
      '--port',
      String(port),
      '--redirect-uri',
      redirectUri,
    ],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.on('exit', () => child.kill('SIGTERM'));
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', d => {
      out += d;
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', code =>
      reject(new Error(`the demo OpenID provider exited with ${code}`)),
    );
  }).catch(error => fail(error.message));
  info(
    `Demo OpenID provider on http://localhost:${port}: sign in as Sam Rivera (checkout team), Jonas Weber (payments team), Priya Nair or Tomas Lindqvist (platform team).`,
  );
  return child;
}
