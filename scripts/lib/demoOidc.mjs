// DEMO ONLY: the demo OpenID Connect provider (packages/dev-oidc) next to
// the portal, for `npm start -- --users` (a few people to sign in as) and for
// the embedded default's demo seeder (every person of the demo organisation),
// started through the harness, which waits until it listens: the backend
// reads the provider's metadata when it starts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startDemoOidc as startProvider } from '@internal/harness';
import { fail, info } from './log.mjs';
import { nodeBinary, repoRoot } from './toolchain.mjs';

/** Every User of the demo organisation (catalog/org.yaml), as the provider's people. */
function demoOrgPeople() {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const yaml = require('yaml');
  const file = path.join(repoRoot, 'catalog/org.yaml');
  return yaml
    .parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJS())
    .filter(entity => entity?.kind === 'User')
    .map(user => ({
      id: user.metadata.name,
      name: user.spec.profile.displayName,
      email: user.spec.profile.email,
    }));
}

// `everyone`: every person of the demo organisation, for the demo seeder
// (the embedded default); otherwise the few people --users offers.
export async function startDemoOidc(env, { port, portalPort, everyone }) {
  const provider = await startProvider({
    node: nodeBinary(),
    env,
    port,
    portalPorts: [portalPort],
    stderr: 'inherit',
    ...(everyone ? { people: demoOrgPeople() } : {}),
  }).catch(error => fail(error.message));
  process.on('exit', () => provider.child.kill('SIGTERM'));
  if (everyone) return provider.child;
  info(
    `Demo OpenID provider on ${provider.issuer}: sign in as Sam Rivera (checkout team), Jonas Weber (payments team), Priya Nair or Tomas Lindqvist (platform team).`,
  );
  return provider.child;
}
