/*
 * The LDAP test server itself: it starts with the seed, and the helpers the
 * org sync tests use really change the directory.
 */
import { generateLdapOrg, groupDn, personDn, personLdif } from './ldapOrg';
import { SlapdServer, slapdAvailableOrSkip, startSlapd } from './slapd';

const describeWithSlapd = slapdAvailableOrSkip('the slapd harness test')
  ? describe
  : describe.skip;

describeWithSlapd('startSlapd', () => {
  const org = generateLdapOrg();
  let slapd: SlapdServer;

  beforeAll(async () => {
    slapd = await startSlapd({ org });
  });
  afterAll(async () => {
    await slapd?.stop();
  });

  it('serves the seed: 30 people, 6 groups, one nested', async () => {
    expect(
      await slapd.searchDns(org.peopleDn, '(objectClass=inetOrgPerson)'),
    ).toHaveLength(30);
    expect(
      await slapd.searchDns(org.groupsDn, '(objectClass=groupOfNames)'),
    ).toHaveLength(6);
    expect(
      await slapd.searchDns(
        org.groupsDn,
        `(member=${groupDn(org, 'fraud-squad')})`,
      ),
    ).toEqual([groupDn(org, 'payments-team')]);
    expect(
      await slapd.searchDns(
        org.groupsDn,
        `(member=${personDn(org, org.people[1].uid)})`,
      ),
    ).toHaveLength(2);
  });

  it('adds, renames and deletes entries', async () => {
    const newcomer = {
      uid: 'new.person',
      givenName: 'New',
      sn: 'Person',
      mail: 'new.person@ldap-test.example',
    };
    await slapd.add(personLdif(org, newcomer));
    expect(await slapd.searchDns(org.peopleDn, '(uid=new.person)')).toEqual([
      personDn(org, 'new.person'),
    ]);

    await slapd.rename(groupDn(org, 'search-team'), 'cn=discovery-team');
    expect(await slapd.searchDns(org.groupsDn, '(cn=search-team)')).toEqual([]);
    expect(await slapd.searchDns(org.groupsDn, '(cn=discovery-team)')).toEqual([
      groupDn(org, 'discovery-team'),
    ]);

    await slapd.delete(personDn(org, 'new.person'));
    expect(await slapd.searchDns(org.peopleDn, '(uid=new.person)')).toEqual([]);
  });

  it('stops and starts again on the same port and data', async () => {
    await slapd.kill();
    await expect(slapd.searchDns(org.peopleDn)).rejects.toThrow();
    await slapd.start();
    expect(
      await slapd.searchDns(org.peopleDn, '(objectClass=inetOrgPerson)'),
    ).toHaveLength(30);
  });
});
