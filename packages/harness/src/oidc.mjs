// @ts-check
/*
 * DEMO ONLY: the demo OpenID Connect provider (packages/dev-oidc) as its own
 * process, for `npm start -- --users` and the multi-user tests. Resolves once
 * it listens: a backend reads the provider's metadata when it starts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoClient } from '@internal/dev-oidc';
import { stopProcess } from './backend.mjs';
import { freePort } from './net.mjs';
import { repoRoot } from './paths.mjs';

/** The client the provider registers (the portal's client id and secret). */
export const demoOidcClient = demoClient;

/**
 * A person the provider signs in (its `--people` file holds these).
 * @typedef {object} DemoOidcPerson
 * @property {string} id What the login form is given; also the OIDC subject.
 * @property {string} email
 * @property {string} [name]
 * @property {string} [role]
 */

/**
 * @typedef {object} DemoOidcProvider
 * @property {number} port
 * @property {string} issuer
 * @property {string} metadataUrl
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} output What it printed on piped streams.
 * @property {() => Record<string, unknown>} portalConfig Config for a
 *   portal that signs in through it (`auth.providers.oidc.development`).
 * @property {() => Promise<void>} stop
 */

/**
 * Starts the demo provider, accepting sign-ins for portals on `portalPorts`.
 * @param {object} options
 * @param {number[]} options.portalPorts
 * @param {number} [options.port] Default: a free port.
 * @param {DemoOidcPerson[]} [options.people] Default: the demo people
 *   (packages/dev-oidc/src/users.mjs).
 * @param {string} [options.node] The Node binary (default: this process's).
 * @param {NodeJS.ProcessEnv} [options.env] Default: this process's.
 * @param {'pipe' | 'inherit'} [options.stderr] Default: piped (see output()).
 * @returns {Promise<DemoOidcProvider>}
 */
export async function startDemoOidc(options) {
  const port = options.port ?? (await freePort());
  const issuer = `http://localhost:${port}`;
  /** @type {string | undefined} */
  let peopleDir;
  if (options.people) {
    peopleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-oidc-'));
    fs.writeFileSync(
      path.join(peopleDir, 'people.json'),
      JSON.stringify(options.people),
    );
  }
  const child = spawn(
    options.node ?? process.execPath,
    [
      path.join(repoRoot, 'packages/dev-oidc/src/server.mjs'),
      '--port',
      String(port),
      ...options.portalPorts.flatMap(p => [
        '--redirect-uri',
        `http://localhost:${p}/api/auth/oidc/handler/frame`,
      ]),
      ...(peopleDir ? ['--people', path.join(peopleDir, 'people.json')] : []),
    ],
    {
      cwd: repoRoot,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', options.stderr ?? 'pipe'],
    },
  );
  let output = '';
  child.stderr?.on('data', d => (output += d));
  child.once('exit', () => {
    if (peopleDir) fs.rmSync(peopleDir, { recursive: true, force: true });
  });
  await new Promise((resolve, reject) => {
    child.stdout?.on('data', d => {
      output += d;
      if (output.includes('listening on')) resolve(undefined);
    });
    child.once('exit', code =>
      reject(
        new Error(
          `the demo OpenID provider exited with ${code}${
            output ? `: ${output}` : ''
          }`,
        ),
      ),
    );
  });
  const metadataUrl = `${issuer}/.well-known/openid-configuration`;
  return {
    port,
    issuer,
    metadataUrl,
    child,
    output: () => output,
    portalConfig: () => ({
      lodestar: { signIn: { providers: ['oidc', 'guest'] } },
      auth: {
        session: { secret: 'test-session-secret' },
        providers: {
          oidc: {
            development: { metadataUrl, ...demoOidcClient, prompt: 'login' },
          },
        },
      },
    }),
    stop: () => stopProcess(child),
  };
}
