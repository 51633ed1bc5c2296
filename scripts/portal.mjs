#!/usr/bin/env node
// Entry point behind `npm start` and `npm test`. Runs on the system Node (20+),
// bootstraps Node 24 + Yarn 4 into .toolchain/, then hands over to them.
//
//   node scripts/portal.mjs start   install, build the frontend, run the portal
//                                   (--users: demo people sign in via a local OIDC provider)
//   node scripts/portal.mjs test    type-check, lint, unit/DB tests, browser tests
//   node scripts/portal.mjs env     print the environment to use the toolchain by hand
import { ensureToolchain } from './lib/toolchain.mjs';
import { ensureInstalled, ensureFrontendBuilt } from './lib/workspace.mjs';
import { checkConfigFiles } from './lib/config.mjs';
import { startBackend } from './lib/backend.mjs';
import { startDemoOidc } from './lib/demoOidc.mjs';
import { runTests } from './lib/tests.mjs';
import { fail, logToStderr } from './lib/log.mjs';

const [command = 'start', ...args] = process.argv.slice(2);

async function main() {
  switch (command) {
    case 'start': {
      const env = ensureToolchain();
      ensureInstalled(env);
      // --users: several demo people sign in through a real (local) OpenID
      // provider instead of the one guest.
      const users = args.includes('--users');
      const configs = users
        ? ['app-config.yaml', 'app-config.users.yaml']
        : ['app-config.yaml'];
      checkConfigFiles(configs);
      ensureFrontendBuilt(env);
      if (users) {
        await startDemoOidc(env, {
          port: 7008,
          redirectUri: 'http://localhost:7007/api/auth/oidc/handler/frame',
        });
      }
      await startBackend(
        { ...env, NODE_ENV: env.NODE_ENV ?? 'production' },
        {
          configs,
          port: 7007,
          baseUrl: 'http://localhost:7007',
          // Demo KPI history only for the embedded default, which is the
          // only config with the demo organisation; never with production.
          seedDemoKpis: configs[0] === 'app-config.yaml',
        },
      );
      break;
    }
    case 'test': {
      const env = ensureToolchain();
      ensureInstalled(env);
      await runTests(env, args);
      break;
    }
    case 'env': {
      logToStderr();
      const env = ensureToolchain();
      console.log(`export PATH="${env.PATH}"`);
      console.log(`export npm_config_nodedir="${env.npm_config_nodedir}"`);
      break;
    }
    default:
      fail(`Unknown command "${command}". Use start, test or env.`);
  }
}

main().catch(error => fail(error?.stack ?? String(error)));
