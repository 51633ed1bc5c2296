/*
 * People and teams from LDAP, for real: a real OpenLDAP slapd (started by the
 * test, seeded with the TEST organisation of @internal/testing: 30 people,
 * 6 groups, one nested, one person in two teams), the production config on
 * PostgreSQL with the LDAP_* variables pointing at it and a sync every few
 * seconds, and sign-in through the demo OpenID provider given the
 * directory's people. The directory is then changed under the running
 * portal (a person deleted, a group renamed, the service account's password
 * rotated, the server stopped) and the catalog follows, or keeps the last
 * good org with one clear log line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import {
  DemoOidcProvider,
  engines,
  eventually,
  freePort,
  generateLdapOrg,
  groupDn,
  ldapSyncEnv,
  oidcSignIn,
  personDn,
  PortalProcess,
  slapdAvailableOrSkip,
  SlapdServer,
  startDemoOidc,
  startProductionPortal,
  startSlapd,
  staticTokenConfig,
  TEST_TEAMS,
} from '@internal/testing';
import { portalFetch, relationTargets } from './__testUtils__/productionPortal';

jest.setTimeout(300_000);

const TOKEN = 'ldap-org-sync-test-token-0123456789';

const haveSlapd = slapdAvailableOrSkip('the LDAP org sync tests');
const describeWithLdap =
  engines.includes('postgres') && haveSlapd ? describe : describe.skip;

describeWithLdap(
  'people and teams from LDAP (real slapd, production config)',
  () => {
    const org = generateLdapOrg();
    // Fixed by the generator: the second person is in two teams, the first
    // is in the platform team, the fifth in search-team.
    const twoTeams = org.people[1];
    const platformPerson = org.people[0];
    const searchPerson = org.people[4];
    const deletedPerson = org.people[2];

    let slapd: SlapdServer;
    let oidc: DemoOidcProvider;
    let portal: PortalProcess;
    let catalogDir: string;

    const get = async (urlPath: string, token = TOKEN) =>
      portalFetch(portal, token, urlPath);
    const entity = async (ref: string) => {
      const [kind, name] = ref.split(':default/');
      const res = await get(
        `/api/catalog/entities/by-name/${kind}/default/${name}`,
      );
      return res.status === 200 ? res.json() : undefined;
    };
    const userNames = async (): Promise<string[]> => {
      const res = await get(
        '/api/catalog/entities/by-query?filter=kind=user&limit=500&fields=metadata.name',
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      return body.items.map((e: any) => e.metadata.name).sort();
    };
    const signIn = (uid: string) =>
      oidcSignIn(portal.baseUrl, uid, { env: 'production' });

    beforeAll(async () => {
      slapd = await startSlapd({ org });
      const port = await freePort();
      oidc = await startDemoOidc({
        portalPorts: [port],
        people: org.people.map(p => ({
          id: p.uid,
          email: p.mail,
          name: `${p.givenName} ${p.sn}`,
        })),
      });
      // A service the checkout team owns, registered from a file.
      catalogDir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'lodestar-ldap-catalog-'),
      );
      const componentFile = path.join(catalogDir, 'catalog-info.yaml');
      fs.writeFileSync(
        componentFile,
        YAML.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'basket-service' },
          spec: {
            type: 'service',
            lifecycle: 'production',
            owner: `group:default/${TEST_TEAMS.checkout}`,
          },
        }),
      );
      portal = await startProductionPortal({
        port,
        oidcMetadataUrl: oidc.metadataUrl,
        env: {
          LODESTAR_PLATFORM_TEAM: `group:default/${TEST_TEAMS.platform}`,
          ...ldapSyncEnv(slapd),
          // The failure lines are errors; the sync's progress lines are info.
          LOG_LEVEL: 'info',
        },
        config: {
          ...staticTokenConfig(TOKEN, 'test'),
          catalog: {
            // Only the test's component besides the directory.
            locations: [{ type: 'file', target: componentFile }],
            providers: {
              ldapOrg: {
                default: {
                  schedule: {
                    frequency: { seconds: 3 },
                    timeout: { minutes: 1 },
                  },
                },
              },
            },
          },
        },
      });
      await eventually(async () => (await userNames()).length === 30, 120_000);
    });

    afterAll(async () => {
      await portal?.stop();
      await oidc?.stop();
      await slapd?.stop();
      if (catalogDir) fs.rmSync(catalogDir, { recursive: true, force: true });
    });

    it('brings in every person with their email and every team with its members', async () => {
      expect(await userNames()).toEqual(org.people.map(p => p.uid).sort());

      const user = await entity(`user:default/${twoTeams.uid}`);
      expect(user.spec.profile).toEqual({
        displayName: `${twoTeams.givenName} ${twoTeams.sn}`,
        email: twoTeams.mail,
      });
      // One person in two teams.
      expect(relationTargets(user, 'memberOf')).toEqual([
        `group:default/${TEST_TEAMS.checkout}`,
        `group:default/${TEST_TEAMS.data}`,
      ]);

      const platform = await eventually(async () => {
        const g = await entity(`group:default/${TEST_TEAMS.platform}`);
        return relationTargets(g, 'hasMember').length ? g : undefined;
      });
      expect(relationTargets(platform, 'hasMember')).toEqual(
        org.groups[0].people.map(uid => `user:default/${uid}`).sort(),
      );
    });

    it('makes the nested group a child Group of its parent', async () => {
      const parent = await entity(`group:default/${TEST_TEAMS.payments}`);
      const child = await entity(`group:default/${TEST_TEAMS.fraud}`);
      expect(parent.spec.children).toEqual([
        `group:default/${TEST_TEAMS.fraud}`,
      ]);
      expect(child.spec.parent).toBe(`group:default/${TEST_TEAMS.payments}`);
      expect(relationTargets(parent, 'parentOf')).toEqual([
        `group:default/${TEST_TEAMS.fraud}`,
      ]);
      expect(relationTargets(child, 'childOf')).toEqual([
        `group:default/${TEST_TEAMS.payments}`,
      ]);
    });

    it('signs a person from the directory in by email; they own what their team owns', async () => {
      const result = await eventually(async () => {
        const r = await signIn(twoTeams.uid);
        return r.ok ? r : undefined;
      });
      expect(result.userEntityRef).toBe(`user:default/${twoTeams.uid}`);
      expect(result.ownershipEntityRefs).toEqual(
        expect.arrayContaining([
          `group:default/${TEST_TEAMS.checkout}`,
          `group:default/${TEST_TEAMS.data}`,
        ]),
      );
      expect(result.ownershipEntityRefs).not.toContain(
        `group:default/${TEST_TEAMS.platform}`,
      );

      // Their team's services, as the portal finds them for them.
      const owned = await eventually(async () => {
        const filter = result.ownershipEntityRefs
          .map(ref => `filter=kind=component,relations.ownedBy=${ref}`)
          .join('&');
        const res = await get(
          `/api/catalog/entities/by-query?${filter}&fields=metadata.name`,
          result.token,
        );
        expect(res.status).toBe(200);
        const names = (await res.json()).items.map((e: any) => e.metadata.name);
        return names.length ? names : undefined;
      });
      expect(owned).toEqual(['basket-service']);
    });

    it('lets a member of the platform team group triage, and no one else', async () => {
      const developer = await signIn(twoTeams.uid);
      const platform = await signIn(platformPerson.uid);
      if (!developer.ok || !platform.ok) throw new Error('sign-in failed');
      expect(platform.ownershipEntityRefs).toContain(
        `group:default/${TEST_TEAMS.platform}`,
      );

      const api = (token: string, method: string, urlPath: string, body: any) =>
        fetch(`${portal.baseUrl}/api/platform-requests${urlPath}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(body),
        });
      const filed = await api(developer.token, 'POST', '/requests', {
        title: 'Faster CI runners for the basket service',
        description: 'Filed by the LDAP org sync test.',
        category: 'pain-point',
        urgency: 'low',
        impact: { peopleAffected: 5, hoursLostPerWeek: 2 },
      });
      expect(filed.status).toBe(201);
      const { key } = await filed.json();

      const byDeveloper = await api(
        developer.token,
        'POST',
        `/requests/${key}/transitions`,
        { to: 'triaged' },
      );
      expect(byDeveloper.status).toBe(403);
      const byPlatform = await api(
        platform.token,
        'POST',
        `/requests/${key}/transitions`,
        { to: 'triaged' },
      );
      expect(byPlatform.status).toBe(200);
      expect((await byPlatform.json()).status).toBe('triaged');

      // The platform team check (banner on the triage board) finds the
      // directory's group.
      const check = await eventually(async () => {
        const res = await get('/api/platform-requests/platform-team');
        const body = res.status === 200 ? await res.json() : undefined;
        return body?.status !== 'pending' ? body : undefined;
      }, 90_000);
      expect(check).toEqual({
        ref: `group:default/${TEST_TEAMS.platform}`,
        status: 'found',
      });
    });

    it('removes a person deleted from the directory on the next sync', async () => {
      expect(await entity(`user:default/${deletedPerson.uid}`)).toBeDefined();
      await slapd.delete(personDn(org, deletedPerson.uid));
      await eventually(
        async () => !(await entity(`user:default/${deletedPerson.uid}`)),
      );
      expect(await userNames()).toEqual(
        org.people
          .map(p => p.uid)
          .filter(uid => uid !== deletedPerson.uid)
          .sort(),
      );
      expect((await signIn(deletedPerson.uid)).ok).toBe(false);
    });

    it('moves the members of a renamed group to its new name', async () => {
      const oldRef = `group:default/${TEST_TEAMS.search}`;
      const newRef = 'group:default/discovery-team';
      const members = org.groups
        .find(g => g.cn === TEST_TEAMS.search)!
        .people.map(uid => `user:default/${uid}`)
        .sort();
      await slapd.rename(groupDn(org, TEST_TEAMS.search), 'cn=discovery-team');

      const renamed = await eventually(async () => {
        const g = await entity(newRef);
        return relationTargets(g, 'hasMember').length === members.length
          ? g
          : undefined;
      });
      expect(relationTargets(renamed, 'hasMember')).toEqual(members);
      await eventually(async () => !(await entity(oldRef)));
      const member = await eventually(async () => {
        const u = await entity(`user:default/${searchPerson.uid}`);
        return relationTargets(u, 'memberOf').includes(newRef) ? u : undefined;
      });
      expect(relationTargets(member, 'memberOf')).toEqual([newRef]);
      const signedIn = await signIn(searchPerson.uid);
      expect(signedIn.ok && signedIn.ownershipEntityRefs).toContain(newRef);
    });

    describe('when the directory fails', () => {
      let lastGoodUsers: string[];
      beforeAll(async () => {
        lastGoodUsers = await userNames();
      });

      const ldapErrorLines = (from: number) =>
        portal
          .output()
          .slice(from)
          .split('\n')
          .filter(line => line.includes('"level":"error"'))
          .filter(line => /ldap/i.test(line));

      /** Waits for `count` failed syncs after `from`; returns their lines. */
      const failedSyncs = (from: number, count: number) =>
        eventually(async () => {
          const lines = ldapErrorLines(from);
          return lines.length >= count ? lines : undefined;
        });

      const expectLastGoodOrgKept = async () => {
        expect(await userNames()).toEqual(lastGoodUsers);
        const res = await get('/api/catalog/entities/by-query?limit=1');
        expect(res.status).toBe(200);
        expect(portal.child.exitCode).toBeNull();
      };

      it('a wrong bind password is one clear line per sync, and the org stays', async () => {
        const from = portal.output().length;
        // The directory admin rotates the service account's password.
        await slapd.setPassword(org.reader.dn, 'rotated-elsewhere');
        const lines = await failedSyncs(from, 2);
        for (const line of lines) {
          const entry = JSON.parse(line);
          expect(entry.message).toBe(
            `LDAP org sync "default" from ${slapd.url} failed: the directory refused the bind credentials of ${org.reader.dn} (invalid credentials, LDAP result 49): check LDAP_BIND_DN and LDAP_BIND_SECRET. The catalog keeps the people and teams of the last successful sync.`,
          );
          expect(entry.stack).toBeUndefined();
        }
        // The bind secret is in no line the backend printed, ever.
        expect(portal.output()).not.toContain(org.reader.password);
        await expectLastGoodOrgKept();

        // The right password again: the next sync says so.
        const before = portal.output().length;
        await slapd.setPassword(org.reader.dn, org.reader.password);
        await eventually(async () =>
          portal.output().slice(before).includes('works again'),
        );
      });

      it('an unreachable directory is one clear line per sync, the org stays and the portal serves', async () => {
        const from = portal.output().length;
        await slapd.kill();
        const lines = await failedSyncs(from, 2);
        for (const line of lines) {
          const entry = JSON.parse(line);
          expect(entry.message).toBe(
            `LDAP org sync "default" from ${slapd.url} failed: cannot reach the directory: nothing accepts connections there (ECONNREFUSED). The catalog keeps the people and teams of the last successful sync.`,
          );
          expect(entry.stack).toBeUndefined();
        }
        await expectLastGoodOrgKept();
        // People still sign in while the directory is down.
        expect((await signIn(platformPerson.uid)).ok).toBe(true);
      });
    });
  },
);
