/*
 * A real OpenLDAP server for tests and benchmarks: Debian's `slapd` on a free
 * loopback port, with a generated slapd.conf (mdb database in a temp dir, the
 * core/cosine/inetorgperson/nis schemas), loaded from a seed LDIF with
 * `slapd -T add` before it starts (fast even for 10,000 people). Tests change
 * the directory while it runs through ldap-utils (ldapmodify, ldapdelete,
 * ldapmodrdn) bound as the root DN.
 *
 * Where slapd or ldap-utils is missing, `ldapToolsMissing()` says what; the
 * tests print a line starting with SKIPPING and fail when CI=true.
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@internal/harness';
import { LdapOrg, ldapOrgLdif, sshaPassword } from './ldapOrg';
import { availableOrSkip } from './skip';

const SBIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin', '/usr/libexec'];
const MODULE_DIRS = [
  '/usr/lib/ldap',
  '/usr/lib64/openldap',
  '/usr/lib/openldap',
  '/usr/local/libexec/openldap',
  '/usr/libexec/openldap',
];
const SCHEMA_DIRS = [
  '/etc/ldap/schema',
  '/etc/openldap/schema',
  '/usr/local/etc/openldap/schema',
];
const SCHEMAS = ['core', 'cosine', 'inetorgperson', 'nis'];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** An executable on PATH or in the usual sbin folders. */
function findExecutable(name: string, extraDirs: string[] = []) {
  const dirs = [
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
    ...extraDirs,
  ];
  return dirs.map(dir => path.join(dir, name)).find(isExecutable);
}

type LdapTools = {
  slapd: string;
  ldapmodify: string;
  ldapdelete: string;
  ldapmodrdn: string;
  ldapwhoami: string;
  ldapsearch: string;
  schemaDir: string;
  /** Undefined when the mdb backend is built into slapd. */
  moduleDir?: string;
};

function findLdapTools(): LdapTools | string {
  const override = process.env.SLAPD_PATH;
  const slapd = override
    ? isExecutable(override) && override
    : findExecutable('slapd', SBIN_DIRS);
  if (!slapd) {
    return override
      ? `SLAPD_PATH=${override} is not an executable`
      : 'no slapd binary (apt-get install slapd)';
  }
  const clients = [
    'ldapmodify',
    'ldapdelete',
    'ldapmodrdn',
    'ldapwhoami',
    'ldapsearch',
  ] as const;
  const found: Record<string, string> = {};
  for (const tool of clients) {
    const at = findExecutable(tool);
    if (!at) return `no ${tool} (apt-get install ldap-utils)`;
    found[tool] = at;
  }
  const schemaDir = SCHEMA_DIRS.find(dir =>
    SCHEMAS.every(s => fs.existsSync(path.join(dir, `${s}.schema`))),
  );
  if (!schemaDir) {
    return `no OpenLDAP schema folder with ${SCHEMAS.join(
      ', ',
    )} (looked in ${SCHEMA_DIRS.join(', ')})`;
  }
  const moduleDir = MODULE_DIRS.find(
    dir =>
      fs.existsSync(path.join(dir, 'back_mdb.so')) ||
      fs.existsSync(path.join(dir, 'back_mdb.la')),
  );
  return {
    slapd,
    ldapmodify: found.ldapmodify,
    ldapdelete: found.ldapdelete,
    ldapmodrdn: found.ldapmodrdn,
    ldapwhoami: found.ldapwhoami,
    ldapsearch: found.ldapsearch,
    schemaDir,
    moduleDir,
  };
}

/** Why a real LDAP server cannot run here, or undefined when it can. */
export function ldapToolsMissing(): string | undefined {
  const tools = findLdapTools();
  return typeof tools === 'string' ? tools : undefined;
}

/**
 * For a test file's top level: true when slapd can run. Otherwise prints a
 * line starting with SKIPPING and, when CI=true, throws (CI installs slapd).
 */
export function slapdAvailableOrSkip(what: string): boolean {
  return availableOrSkip(what, ldapToolsMissing(), 'slapd and ldap-utils');
}

export type SlapdServer = {
  /** ldap://127.0.0.1:<port> */
  url: string;
  port: number;
  org: LdapOrg;
  rootDn: string;
  rootPassword: string;
  /** Applies LDIF change records (changetype: add/modify/delete/modrdn). */
  modify(ldif: string): Promise<void>;
  /** Adds entries (LDIF add records without changetype). */
  add(ldif: string): Promise<void>;
  delete(dn: string): Promise<void>;
  /** modrdn: gives `dn` the new RDN (e.g. 'cn=new-name'), removing the old. */
  rename(dn: string, newRdn: string): Promise<void>;
  /** The DNs under `base` that match `filter` (subtree), as the root DN. */
  searchDns(base: string, filter?: string): Promise<string[]>;
  /** Changes an entry's userPassword (e.g. to rotate the reader's). */
  setPassword(dn: string, password: string): Promise<void>;
  /** Everything slapd printed. */
  output(): string;
  /** Stops slapd, keeping its data (a later `start()` resumes). */
  kill(): Promise<void>;
  /** Starts slapd again on the same port and data after `kill()`. */
  start(): Promise<void>;
  /** Stops slapd and removes its folder. */
  stop(): Promise<void>;
};

function slapdConf(
  tools: LdapTools,
  dir: string,
  org: LdapOrg,
  rootDn: string,
  rootPassword: string,
): string {
  return [
    '# Generated for one test run (packages/testing/src/slapd.ts).',
    ...SCHEMAS.map(s => `include ${path.join(tools.schemaDir, `${s}.schema`)}`),
    `pidfile ${path.join(dir, 'slapd.pid')}`,
    `argsfile ${path.join(dir, 'slapd.args')}`,
    ...(tools.moduleDir
      ? [`modulepath ${tools.moduleDir}`, 'moduleload back_mdb']
      : []),
    // The directory admin lets the service account read everything, in
    // pages or not (OpenLDAP's default answers at most 500 entries).
    'sizelimit unlimited',
    'database mdb',
    'maxsize 4294967296',
    `suffix "${org.baseDn}"`,
    `rootdn "${rootDn}"`,
    `rootpw ${sshaPassword(rootPassword)}`,
    `directory ${path.join(dir, 'data')}`,
    'index objectClass eq',
    'index uid,cn,mail eq',
    'index member eq',
    // Anonymous may only bind; bound accounts read.
    'access to attrs=userPassword by self write by anonymous auth by * none',
    'access to * by users read by * none',
    '',
  ].join('\n');
}

function run(
  file: string,
  args: string[],
  input?: string,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${path.basename(file)} failed: ${error.message}\n${stderr}`,
            ),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

/**
 * The LDAP_* variables app-config.production.yaml reads, pointing at this
 * slapd: its URL, the org's read-only service account and base DNs.
 */
export function ldapSyncEnv(slapd: SlapdServer): Record<string, string> {
  return {
    LDAP_URL: slapd.url,
    LDAP_BIND_DN: slapd.org.reader.dn,
    LDAP_BIND_SECRET: slapd.org.reader.password,
    LDAP_USERS_BASE_DN: slapd.org.peopleDn,
    LDAP_GROUPS_BASE_DN: slapd.org.groupsDn,
  };
}

/** Starts slapd with `org` loaded. Throws when slapd cannot run here. */
export async function startSlapd(options: {
  org: LdapOrg;
  port?: number;
}): Promise<SlapdServer> {
  const tools = findLdapTools();
  if (typeof tools === 'string')
    throw new Error(`cannot start slapd: ${tools}`);
  const { org } = options;
  const port = options.port ?? (await freePort());
  const url = `ldap://127.0.0.1:${port}`;
  const rootDn = `cn=admin,${org.baseDn}`;
  const rootPassword = 'admin-password-for-tests';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-slapd-'));
  fs.mkdirSync(path.join(dir, 'data'));
  const conf = path.join(dir, 'slapd.conf');
  fs.writeFileSync(conf, slapdConf(tools, dir, org, rootDn, rootPassword));
  const seed = path.join(dir, 'seed.ldif');
  fs.writeFileSync(seed, ldapOrgLdif(org));
  // Offline bulk load (slapadd), quick mode: no transaction log per entry.
  const load = spawnSync(
    tools.slapd,
    ['-T', 'add', '-q', '-f', conf, '-l', seed],
    { encoding: 'utf8' },
  );
  if (load.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`loading the seed LDIF failed: ${load.stderr}`);
  }

  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    // -d 0: stay in the foreground (the test owns the process), log nothing
    // but errors; -h: only this loopback port.
    const proc = spawn(tools.slapd, ['-d', '0', '-f', conf, '-h', `${url}/`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout!.on('data', d => (output += d));
    proc.stderr!.on('data', d => (output += d));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (proc.exitCode !== null) {
        throw new Error(`slapd exited with ${proc.exitCode}: ${output}`);
      }
      try {
        await run(tools.ldapwhoami, [
          '-x',
          '-H',
          url,
          '-D',
          rootDn,
          '-w',
          rootPassword,
        ]);
        return;
      } catch (e) {
        if (Date.now() > deadline) {
          throw new Error(`slapd did not answer on ${url}: ${e}\n${output}`);
        }
        await new Promise(r => setTimeout(r, 100));
      }
    }
  };
  const kill = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise(r => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const bound = ['-x', '-H', url, '-D', rootDn, '-w', rootPassword];
  const modify = async (ldif: string) => {
    await run(tools.ldapmodify, bound, ldif);
  };

  try {
    await start();
  } catch (e) {
    await kill();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url,
    port,
    org,
    rootDn,
    rootPassword,
    modify,
    add: ldif => run(tools.ldapmodify, [...bound, '-a'], ldif).then(() => {}),
    delete: dn => run(tools.ldapdelete, [...bound, dn]).then(() => {}),
    rename: (dn, newRdn) =>
      run(tools.ldapmodrdn, [...bound, '-r', dn, newRdn]).then(() => {}),
    searchDns: async (base, filter = '(objectClass=*)') => {
      const { stdout } = await run(tools.ldapsearch, [
        ...bound,
        '-LLL',
        '-o',
        'ldif-wrap=no',
        '-b',
        base,
        filter,
        'dn',
      ]);
      return stdout
        .split('\n')
        .filter(line => line.startsWith('dn: '))
        .map(line => line.slice(4));
    },
    setPassword: (dn, password) =>
      modify(
        [
          `dn: ${dn}`,
          'changetype: modify',
          'replace: userPassword',
          `userPassword: ${sshaPassword(password)}`,
          '',
        ].join('\n'),
      ),
    output: () => output,
    kill,
    start,
    stop: async () => {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
