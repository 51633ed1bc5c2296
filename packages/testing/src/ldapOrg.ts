/*
 * TEST DATA ONLY: a generated organisation for the LDAP org-sync tests and
 * benchmark (people and teams of the fictional "ldap-test.example"), and its
 * LDIF. Nothing here describes real people.
 *
 * The shape is what Backstage's LDAP module maps with its defaults: people
 * are inetOrgPerson entries under ou=people (uid → name, cn → display name,
 * mail → email), teams are groupOfNames under ou=groups whose `member`
 * values are the DNs of people or of other groups (a group in a group
 * becomes a child Group in the catalog).
 *
 * At the default size (30 people, 6 groups) the first groups have fixed
 * names the tests refer to; one size parameter scales the same shape up for
 * the benchmark (10,000 people, 1,000 groups).
 */
import crypto from 'node:crypto';

export type LdapPerson = {
  uid: string;
  givenName: string;
  sn: string;
  mail: string;
};

export type LdapGroup = {
  cn: string;
  description: string;
  /** uids of the people in the group. */
  people: string[];
  /** cns of the groups nested in this one. */
  groups: string[];
};

export type LdapOrg = {
  baseDn: string;
  peopleDn: string;
  groupsDn: string;
  /** The read-only service account the portal binds as. */
  reader: { dn: string; password: string };
  people: LdapPerson[];
  groups: LdapGroup[];
};

const FIRST_NAMES = [
  'Ada', 'Lin', 'Ravi', 'Mara', 'Tomasz', 'Noor', 'Kenji', 'Elena', 'Sipho',
  'Ines', 'Oskar', 'Yara', 'Mateo', 'Hana', 'Dario', 'Freya', 'Kwame', 'Lucia',
  'Arjun', 'Maja', 'Felix', 'Zara', 'Emil', 'Aiko', 'Jonah', 'Leila', 'Pavel',
  'Rosa', 'Idris', 'Greta',
]; // prettier-ignore
const LAST_NAMES = [
  'Okafor', 'Park', 'Shah', 'Costa', 'Nowak', 'Haddad', 'Sato', 'Petrova',
  'Dlamini', 'Ferreira', 'Lund', 'Mansour', 'Ruiz', 'Kim', 'Bianchi', 'Olsen',
  'Mensah', 'Romero', 'Iyer', 'Novak', 'Berg', 'Khan', 'Holm', 'Tanaka',
  'Weiss', 'Farah', 'Ivanov', 'Moreno', 'Bello', 'Schmidt',
]; // prettier-ignore

/** The first groups' names; the tests refer to them. */
export const TEST_TEAMS = {
  platform: 'platform-team',
  checkout: 'checkout-team',
  payments: 'payments-team',
  /** Nested in payments-team. */
  fraud: 'fraud-squad',
  search: 'search-team',
  data: 'data-team',
} as const;

const FIXED_GROUPS = [
  { cn: TEST_TEAMS.platform, description: 'Runs the internal platform' },
  { cn: TEST_TEAMS.checkout, description: 'Checkout and basket' },
  { cn: TEST_TEAMS.payments, description: 'Payments' },
  { cn: TEST_TEAMS.fraud, description: 'Fraud detection, part of payments' },
  { cn: TEST_TEAMS.search, description: 'Search and discovery' },
  { cn: TEST_TEAMS.data, description: 'Data platform' },
];

/**
 * People and groups: person i is in group i mod groups; every tenth group
 * from the fourth on (fraud-squad at the default size) is nested in the
 * group before it; the second person is also in the last group (one person
 * in two teams).
 */
export function generateLdapOrg(
  options: { people?: number; groups?: number; baseDn?: string } = {},
): LdapOrg {
  const peopleCount = options.people ?? 30;
  const groupCount = Math.max(options.groups ?? 6, 4);
  const baseDn = options.baseDn ?? 'dc=ldap-test,dc=example';
  const people: LdapPerson[] = [];
  for (let i = 0; i < peopleCount; i++) {
    const givenName = FIRST_NAMES[i % FIRST_NAMES.length];
    const sn =
      LAST_NAMES[(i + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length];
    const round = Math.floor(i / (FIRST_NAMES.length * LAST_NAMES.length));
    const uid = `${givenName}.${sn}${round ? round + 1 : ''}`.toLowerCase();
    people.push({ uid, givenName, sn, mail: `${uid}@ldap-test.example` });
  }
  const groups: LdapGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    const fixed = FIXED_GROUPS[g];
    groups.push({
      cn: fixed?.cn ?? `team-${String(g + 1).padStart(4, '0')}`,
      description: fixed?.description ?? `Generated team ${g + 1}`,
      people: [],
      groups: [],
    });
  }
  people.forEach((person, i) => groups[i % groupCount].people.push(person.uid));
  const twoTeams = people[1] ?? people[0];
  if (twoTeams) groups[groupCount - 1].people.push(twoTeams.uid);
  for (let g = 3; g < groupCount; g += 10) {
    groups[g - 1].groups.push(groups[g].cn);
  }
  return {
    baseDn,
    peopleDn: `ou=people,${baseDn}`,
    groupsDn: `ou=groups,${baseDn}`,
    reader: {
      dn: `cn=lodestar-reader,ou=services,${baseDn}`,
      password: 'reader-password-for-tests',
    },
    people,
    groups,
  };
}

/** A salted SHA-1 userPassword value, as slappasswd makes them. */
export function sshaPassword(password: string): string {
  const salt = crypto.randomBytes(8);
  const digest = crypto
    .createHash('sha1')
    .update(password)
    .update(salt)
    .digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

export const personDn = (org: LdapOrg, uid: string) =>
  `uid=${uid},${org.peopleDn}`;
export const groupDn = (org: LdapOrg, cn: string) => `cn=${cn},${org.groupsDn}`;

/** One person as an LDIF add record. */
export function personLdif(org: LdapOrg, person: LdapPerson): string {
  return [
    `dn: ${personDn(org, person.uid)}`,
    'objectClass: inetOrgPerson',
    `uid: ${person.uid}`,
    `cn: ${person.givenName} ${person.sn}`,
    `givenName: ${person.givenName}`,
    `sn: ${person.sn}`,
    `mail: ${person.mail}`,
    '',
  ].join('\n');
}

/** One group as an LDIF add record (groupOfNames needs one member). */
export function groupLdif(org: LdapOrg, group: LdapGroup): string {
  const members = [
    ...group.people.map(uid => personDn(org, uid)),
    ...group.groups.map(cn => groupDn(org, cn)),
  ];
  if (!members.length) members.push(org.reader.dn);
  return [
    `dn: ${groupDn(org, group.cn)}`,
    'objectClass: groupOfNames',
    `cn: ${group.cn}`,
    `description: ${group.description}`,
    ...members.map(m => `member: ${m}`),
    '',
  ].join('\n');
}

/** The whole directory as LDIF: base, units, service account, people, groups. */
export function ldapOrgLdif(org: LdapOrg): string {
  const dc = org.baseDn.split(',')[0].split('=')[1];
  const records = [
    [
      `dn: ${org.baseDn}`,
      'objectClass: dcObject',
      'objectClass: organization',
      `dc: ${dc}`,
      'o: LDAP test organisation (TEST DATA)',
      '',
    ].join('\n'),
    ...['people', 'groups', 'services'].map(ou =>
      [
        `dn: ou=${ou},${org.baseDn}`,
        'objectClass: organizationalUnit',
        `ou: ${ou}`,
        '',
      ].join('\n'),
    ),
    [
      `dn: ${org.reader.dn}`,
      'objectClass: organizationalRole',
      'objectClass: simpleSecurityObject',
      'cn: lodestar-reader',
      'description: Read-only account the portal binds as',
      `userPassword: ${sshaPassword(org.reader.password)}`,
      '',
    ].join('\n'),
    ...org.people.map(p => personLdif(org, p)),
    ...org.groups.map(g => groupLdif(org, g)),
  ];
  return `${records.join('\n')}`;
}
