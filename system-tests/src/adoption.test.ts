/*
 * Issue #12's "Done when", as one journey: a company connects Lodestar to
 * its directory and its code host with the production config and
 * environment variables only, as docs/operations.md tells a platform
 * engineer to, and a person from the directory then signs in, sees their
 * team's services, scaffolds a new one that lands in the code host, and
 * finds it in the catalog.
 *
 * The parts: a real OpenLDAP slapd with the TEST organisation of
 * @internal/testing (LDAP_*), the demo OpenID provider signing the
 * directory's people in under logins of its own (so the portal can only find
 * them by email; AUTH_OIDC_*), and one local GitHub Enterprise-style forge
 * (documented REST endpoints, discovery's GraphQL query and a real git
 * http-backend) as the code host: GITHUB_TOKEN, GITHUB_DISCOVERY_ORG,
 * LODESTAR_GITHUB_ORG. The only values set by a config file are the ones the
 * docs say a GitHub Enterprise Server needs one for: its integrations entry,
 * the discovery provider's host and lodestar.publish.github.host
 * (docs/operations.md, "Self-managed hosts" and "GitHub and GitHub
 * Enterprise Server"). The test harness adds the listen port, base URLs and
 * a PostgreSQL database prefix of its own.
 *
 * Everything the person does is done with their own Backstage token. Only
 * outcomes are asserted, polled with `eventually`.
 */
import YAML from 'yaml';
import {
  DemoOidcProvider,
  engines,
  eventually,
  freePort,
  generateLdapOrg,
  gitAvailableOrSkip,
  GithubForge,
  ldapSyncEnv,
  oidcSignIn,
  PortalProcess,
  slapdAvailableOrSkip,
  SlapdServer,
  startDemoOidc,
  startGithubForge,
  startProductionPortal,
  startSlapd,
  TEST_TEAMS,
} from '@internal/testing';
import { portalFetch, relationTargets } from './__testUtils__/productionPortal';
import { runTemplate } from './__testUtils__/scaffolder';

jest.setTimeout(600_000);

// Recognisable, so that a leak would be found by a plain search.
const FORGE_TOKEN = 'ghp_LODESTARTESTTOKEN0adoption0journey0000';
const ORG = 'tidewater';

const haveSlapd = slapdAvailableOrSkip('the adoption journey test');
const haveGit = gitAvailableOrSkip('the adoption journey test');
const describeJourney =
  engines.includes('postgres') && haveSlapd && haveGit
    ? describe
    : describe.skip;

/** A repository's catalog-info.yaml: documents separated by `---`. */
const catalogInfo = (...documents: object[]) =>
  documents.map(d => YAML.stringify(d)).join('---\n');

describeJourney(
  'adopting Lodestar: directory (LDAP) + code host (GitHub Enterprise-style forge), production config and environment variables only',
  () => {
    const org = generateLdapOrg();
    const team = TEST_TEAMS.checkout;
    const teamRef = `group:default/${team}`;
    // Someone in the checkout team and in no other team.
    const person = org.people.find(
      p =>
        org.groups.filter(g => g.people.includes(p.uid)).map(g => g.cn)
          .length === 1 &&
        org.groups.find(g => g.cn === team)!.people.includes(p.uid),
    )!;
    const displayName = `${person.givenName} ${person.sn}`;
    // The identity provider knows people under its own logins; only the
    // email address connects them to the directory.
    const idpLogin = (p: { givenName: string; sn: string }) =>
      `${p.givenName[0]}${p.sn}`.toLowerCase();

    let slapd: SlapdServer;
    let forge: GithubForge;
    let oidc: DemoOidcProvider;
    let portal: PortalProcess;
    let token: string;

    const asPerson = (urlPath: string) => portalFetch(portal, token, urlPath);
    const entity = async (kind: string, name: string) => {
      const res = await asPerson(
        `/api/catalog/entities/by-name/${kind}/default/${name}`,
      );
      return res.status === 200 ? res.json() : undefined;
    };
    // Where an entity came from, as the catalog records it: the root
    // location (what discovery or the template registered) points at the
    // file's blob URL; GitHub's integration turns the location it is read
    // through into the tree form of the same URL.
    const cameFromForge = (e: any, repo: string) => {
      const file = `${forge.url}/${ORG}/${repo}/~/main/catalog-info.yaml`;
      expect(e.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-origin-location': `url:${file.replace(
          '~',
          'blob',
        )}`,
        'backstage.io/managed-by-location': `url:${file.replace('~', 'tree')}`,
      });
    };

    beforeAll(async () => {
      slapd = await startSlapd({ org });

      forge = await startGithubForge({
        token: FORGE_TOKEN,
        organizations: [ORG],
      });
      // The team's existing service (and its system), and another team's.
      await forge.seedRepository(ORG, 'basket-service', {
        'README.md': '# basket-service\n',
        'catalog-info.yaml': catalogInfo(
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'basket-service' },
            spec: {
              type: 'service',
              lifecycle: 'production',
              owner: teamRef,
              system: 'storefront',
            },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'System',
            metadata: { name: 'storefront' },
            spec: { owner: teamRef },
          },
        ),
      });
      await forge.seedRepository(ORG, 'search-indexer', {
        'catalog-info.yaml': catalogInfo({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'search-indexer' },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: `group:default/${TEST_TEAMS.search}`,
          },
        }),
      });
      // A repository without a catalog file is not discovered.
      await forge.seedRepository(ORG, 'scratch', { 'notes.md': '# notes\n' });

      const port = await freePort();
      oidc = await startDemoOidc({
        portalPorts: [port],
        people: org.people.map(p => ({
          id: idpLogin(p),
          email: p.mail,
          name: `${p.givenName} ${p.sn}`,
        })),
      });

      portal = await startProductionPortal({
        port,
        // Sign-in: the company's OpenID Connect provider (AUTH_OIDC_*).
        oidcMetadataUrl: oidc.metadataUrl,
        env: {
          LODESTAR_PLATFORM_TEAM: `group:default/${TEST_TEAMS.platform}`,
          // People and teams: the directory (LDAP_*).
          ...ldapSyncEnv(slapd),
          LDAP_SYNC_FREQUENCY: '30 seconds',
          // Repositories and golden paths: the code host.
          GITHUB_TOKEN: FORGE_TOKEN,
          GITHUB_DISCOVERY_ORG: ORG,
          GITHUB_DISCOVERY_FREQUENCY: '30 seconds',
          LODESTAR_GITHUB_ORG: ORG,
        },
        // GitHub Enterprise Server, as docs/operations.md configures it in a
        // second config file (the forge speaks http on 127.0.0.1).
        config: {
          integrations: {
            github: [
              {
                host: forge.host,
                apiBaseUrl: forge.apiBaseUrl,
                token: '${GITHUB_TOKEN}',
              },
            ],
          },
          catalog: {
            providers: { github: { repositories: { host: forge.host } } },
          },
          lodestar: { publish: { github: { host: forge.host } } },
        },
      });
    });

    afterAll(async () => {
      await portal?.stop();
      await oidc?.stop();
      await slapd?.stop();
      await forge?.cleanup();
    });

    it('1. a person from the directory signs in by email and owns what their LDAP team owns', async () => {
      // Refused until the first sync has brought them in.
      const identity = await eventually(async () => {
        const result = await oidcSignIn(portal.baseUrl, idpLogin(person), {
          env: 'production',
        });
        return result.ok ? result : undefined;
      }, 240_000);
      expect(identity.userEntityRef).toBe(`user:default/${person.uid}`);
      expect(identity.ownershipEntityRefs).toEqual(
        expect.arrayContaining([`user:default/${person.uid}`, teamRef]),
      );
      expect(identity.ownershipEntityRefs).not.toContain(
        `group:default/${TEST_TEAMS.platform}`,
      );
      token = identity.token;

      const user = await entity('user', person.uid);
      expect(user.spec.profile).toEqual({
        displayName,
        email: person.mail,
      });
      expect(relationTargets(user, 'memberOf')).toEqual([teamRef]);
    });

    it("2. they see their team's services, discovered in the code host", async () => {
      expect(token).toBeDefined();
      const theirs = async () => {
        const res = await asPerson(
          `/api/catalog/entities/by-query?filter=kind=component,relations.ownedBy=${teamRef}&fields=metadata.name`,
        );
        expect(res.status).toBe(200);
        return (await res.json()).items.map((e: any) => e.metadata.name).sort();
      };
      await eventually(async () => (await theirs()).length > 0, 180_000);
      expect(await theirs()).toEqual(['basket-service']);

      const service = await entity('component', 'basket-service');
      cameFromForge(service, 'basket-service');
      expect(relationTargets(service, 'ownedBy')).toEqual([teamRef]);
      // Another team's service came in too; it is not theirs.
      const other = await eventually(
        () => entity('component', 'search-indexer'),
        60_000,
      );
      expect(other.spec.owner).toBe(`group:default/${TEST_TEAMS.search}`);
      // The team's system, which the golden path asks for.
      await eventually(() => entity('system', 'storefront'), 60_000);
    });

    it('3. they scaffold the recommended golden path: it lands in the code host as their commit and appears in the catalog owned by their team', async () => {
      expect(token).toBeDefined();
      // The Create page's "Recommended" group.
      const templates = await asPerson(
        '/api/catalog/entities/by-query?filter=kind=template,metadata.tags=recommended&fields=kind,metadata.name',
      ).then(r => r.json());
      expect(templates.items.map((t: any) => t.metadata.name)).toEqual([
        'typescript-service',
      ]);

      const result = await runTemplate(
        portal.baseUrl,
        token,
        'template:default/typescript-service',
        {
          name: 'parcel-tracker',
          description: 'Tracks parcels from the basket to the door.',
          owner: teamRef,
          system: 'system:default/storefront',
          lifecycle: 'experimental',
          database: false,
          port: 8080,
        },
        240_000,
      );
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('completed');

      // In the code host: the repository with the pushed files, one commit
      // by the person who ran the template.
      const name = `${ORG}/parcel-tracker`;
      expect(forge.repositories.get(name)).toMatchObject({
        visibility: 'private',
      });
      const files = (await forge.repos.listTree(name, 'refs/heads/main'))
        .filter(e => e.type === 'blob')
        .map(e => e.path);
      expect(files).toEqual(
        expect.arrayContaining([
          'catalog-info.yaml',
          'openapi.yaml',
          'package.json',
          'src/server.ts',
        ]),
      );
      const pushed = YAML.parseAllDocuments(
        (await forge.repos.readFile(
          name,
          'refs/heads/main',
          'catalog-info.yaml',
        ))!.toString(),
      ).map(d => d.toJS());
      expect(pushed[0]).toMatchObject({
        kind: 'Component',
        metadata: { name: 'parcel-tracker' },
        spec: { owner: teamRef, system: 'system:default/storefront' },
      });
      const history = (
        await forge.repos.git(name, ['rev-list', 'refs/heads/main'])
      )
        .trim()
        .split('\n');
      expect(history).toHaveLength(1);
      const first = await forge.repos.commitInfo(name, history[0]);
      expect(first.author).toMatchObject({
        name: displayName,
        email: person.mail,
      });
      expect(first.message).toBe(
        'Initial commit from template template:default/typescript-service',
      );

      // In the catalog: registered from the forge URL, owned by their team,
      // among their team's services.
      const component = await eventually(
        () => entity('component', 'parcel-tracker'),
        120_000,
      );
      cameFromForge(component, 'parcel-tracker');
      // The template registered it (discovery would find it on its own too).
      const locations = await asPerson('/api/catalog/locations').then(r =>
        r.json(),
      );
      expect(locations.map((l: any) => l.data.target)).toContain(
        `${forge.url}/${ORG}/parcel-tracker/blob/main/catalog-info.yaml`,
      );
      expect(relationTargets(component, 'ownedBy')).toEqual([teamRef]);
      expect(relationTargets(component, 'partOf')).toEqual([
        'system:default/storefront',
      ]);
      const mine = await asPerson(
        `/api/catalog/entities/by-query?filter=kind=component,relations.ownedBy=${teamRef}&fields=metadata.name`,
      ).then(r => r.json());
      expect(mine.items.map((e: any) => e.metadata.name).sort()).toEqual([
        'basket-service',
        'parcel-tracker',
      ]);
    });

    it('never shows the code host token in the output', () => {
      expect(portal.output()).not.toContain(FORGE_TOKEN);
    });
  },
);
