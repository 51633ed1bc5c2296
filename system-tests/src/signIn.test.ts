/*
 * Production sign-in, for real: app-config.production.yaml on PostgreSQL,
 * its OIDC provider pointed at the demo OpenID provider (a separate process
 * speaking the real protocol), and the demo organisation's Users in the
 * catalog. People are resolved to catalog Users by email; a person without
 * one is refused with a message that says so; there is no guest.
 */
import {
  DemoOidcProvider,
  engines,
  eventually,
  freePort,
  oidcSignIn,
  PortalProcess,
  startDemoOidc,
  startProductionPortal,
} from '@internal/testing';

jest.setTimeout(240_000);

const describeOnPostgres = engines.includes('postgres')
  ? describe
  : describe.skip;

describeOnPostgres(
  'sign-in with the production config and an OIDC provider',
  () => {
    let oidc: DemoOidcProvider;
    let portal: PortalProcess;
    const signIn = (user: string) =>
      oidcSignIn(portal.baseUrl, user, { env: 'production' });

    let signInWhileProviderDown: Promise<unknown>;

    beforeAll(async () => {
      const port = await freePort();
      const oidcPort = await freePort();
      // The portal starts while the identity provider is still down.
      portal = await startProductionPortal({
        port,
        oidcMetadataUrl: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
        config: {
          // The people come from the demo organisation here; in production
          // an org entity provider brings them in.
          catalog: {
            locations: [
              {
                type: 'file',
                target: './catalog/org.yaml',
                rules: [{ allow: ['Group', 'User'] }],
              },
            ],
          },
        },
      });
      signInWhileProviderDown = signIn('sam.rivera').catch(e => e);
      await signInWhileProviderDown;
      oidc = await startDemoOidc({ portalPorts: [port], port: oidcPort });
      // Sign-in resolves against the catalog: wait until the users are in.
      await eventually(async () => (await signIn('sam.rivera')).ok);
    });

    it('recovers from an identity provider that was down at start, without a restart', async () => {
      const failure = await signInWhileProviderDown;
      expect(String(failure)).toContain('did not reach the login page');
      // The sign-ins since went through, in the same process.
      expect(portal.child.exitCode).toBeNull();
      expect(portal.output()).not.toMatch(/unhandled rejection/i);
    });
    afterAll(async () => {
      await portal?.stop();
      await oidc?.stop();
    });

    it('signs a developer in as their catalog User, with their team', async () => {
      const result = await signIn('sam.rivera');
      expect(result).toMatchObject({
        ok: true,
        userEntityRef: 'user:default/sam.rivera',
      });
      if (!result.ok) return;
      expect(result.ownershipEntityRefs).toContain(
        'group:default/checkout-team',
      );
      expect(result.ownershipEntityRefs).not.toContain(
        'group:default/platform-team',
      );
      const res = await fetch(
        `${portal.baseUrl}/api/platform-requests/requests`,
        { headers: { Authorization: `Bearer ${result.token}` } },
      );
      expect(res.status).toBe(200);
    });

    it('gives a platform-team member the platform team', async () => {
      const result = await signIn('priya.nair');
      expect(result.ok && result.ownershipEntityRefs).toContain(
        'group:default/platform-team',
      );
    });

    it('refuses a person with no catalog User, and says why', async () => {
      const result = await signIn('visitor');
      expect(result).toEqual({
        ok: false,
        error: {
          name: 'NotAllowedError',
          message: expect.stringContaining(
            'no one in the Lodestar catalog has the email val.visitor@elsewhere.example',
          ),
        },
      });
    });

    it('offers no guest sign-in', async () => {
      const res = await fetch(`${portal.baseUrl}/api/auth/guest/refresh`, {
        method: 'POST',
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      expect(res.status).toBe(404);
    });
  },
);
