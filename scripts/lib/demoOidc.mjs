// DEMO ONLY: the demo OpenID Connect provider (packages/dev-oidc) next to
// the portal for `npm start -- --users`, started through the harness, which
// waits until it listens: the backend reads the provider's metadata when it
// starts.
import { startDemoOidc as startProvider } from '@internal/harness';
import { fail, info } from './log.mjs';
import { nodeBinary } from './toolchain.mjs';

export async function startDemoOidc(env, { port, portalPort }) {
  const provider = await startProvider({
    node: nodeBinary(),
    env,
    port,
    portalPorts: [portalPort],
    stderr: 'inherit',
  }).catch(error => fail(error.message));
  process.on('exit', () => provider.child.kill('SIGTERM'));
  info(
    `Demo OpenID provider on ${provider.issuer}: sign in as Sam Rivera (checkout team), Jonas Weber (payments team), Priya Nair or Tomas Lindqvist (platform team).`,
  );
  return provider.child;
}
