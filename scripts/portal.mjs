#!/usr/bin/env node
// Entry point behind `npm start` and `npm test`. Runs on the system Node (20+),
// bootstraps Node 24 + Yarn 4 into .toolchain/, then hands over to them.
//
//   node scripts/portal.mjs start   install, build the frontend, run the portal
//                                   (--users: demo people sign in via a local OIDC provider)
//   node scripts/portal.mjs test    type-check, lint, unit/DB tests, browser tests
//   node scripts/portal.mjs env     print the environment to use the toolchain by hand
//
// What is imported up front needs only Node's own modules. What runs the
// portal and the tests (lib/backend.mjs, lib/tests.mjs, and the harness they
// use, packages/harness) needs the dependencies: it is imported once
// `yarn install` has run.
import { ensureToolchain } from './lib/toolchain.mjs';
import { ensureInstalled, ensureFrontendBuilt } from './lib/workspace.mjs';
import { checkConfigFiles } from './lib/config.mjs';
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
      // DEMO DATA: the embedded default signs every demo person in through
      // the demo OpenID provider, so that the seeder files and triages the
      // demo requests as them (the sign-in page still offers the guest).
      const demoPeople = !users && env.LODESTAR_SKIP_DEMO_DATA !== '1';
      const configs = users
        ? ['app-config.yaml', 'app-config.users.yaml']
        : demoPeople
        ? ['app-config.yaml', 'app-config.demo-people.yaml']
        : ['app-config.yaml'];
      checkConfigFiles(configs);
      ensureFrontendBuilt(env);
      const { startBackend } = await import('./lib/backend.mjs');
      if (users || demoPeople) {
        const { startDemoOidc } = await import('./lib/demoOidc.mjs');
        await startDemoOidc(env, {
          port: 7008,
          portalPort: 7007,
          everyone: demoPeople,
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
          seedDemoStory: demoPeople,
        },
      );
      break;
    }
    case 'test': {
      const env = ensureToolchain();
      ensureInstalled(env);
      const { runTests } = await import('./lib/tests.mjs');
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
