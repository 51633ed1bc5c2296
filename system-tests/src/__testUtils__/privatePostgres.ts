/*
 * A PostgreSQL cluster of the test's own, for tests that stop, kill or
 * restart the database: the shared server at 127.0.0.1:5432 serves every
 * other test on the machine and must never go down.
 *
 *   const pg = await PrivatePostgres.create();
 *   const portal = await startPortal({ database: 'postgres', postgres: pg.connection });
 *   await pg.restart('fast');   // or stop('immediate') … start()
 *   await portal.stop();        // drops the portal's databases while pg runs
 *   await pg.remove();          // stops the cluster and deletes its files
 *
 * The cluster listens on 127.0.0.1 on a free port with trust auth, fsync off
 * (speed; the OS survives a stop, so committed data still does) and its
 * socket in its own directory. initdb and pg_ctl refuse to run as root, so
 * they run as the OS user `postgres`, which owns the temp directory.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { availableOrSkip, freePort, PostgresTarget } from '@internal/testing';

const run = promisify(execFile);

const OS_USER = 'postgres';

/**
 * The server binaries (initdb, pg_ctl) of whichever PostgreSQL is installed:
 * LODESTAR_PG_BIN if set, else the newest version in Debian's versioned
 * directory, which is not on PATH.
 */
export function postgresBinDir(): string | undefined {
  const explicit = process.env.LODESTAR_PG_BIN;
  if (explicit) return hasServerBinaries(explicit) ? explicit : undefined;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter(v => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions
    .map(v => path.join(root, v, 'bin'))
    .find(dir => hasServerBinaries(dir));
}

function hasServerBinaries(dir: string): boolean {
  return ['initdb', 'pg_ctl'].every(b => fs.existsSync(path.join(dir, b)));
}

/**
 * System tools by absolute path: a PATH without the sbin directories (a
 * minimal shell, some CI runners) must not make the tests fail obscurely.
 */
function systemTool(name: string): string | undefined {
  return ['/usr/sbin', '/sbin', '/usr/bin', '/bin']
    .map(dir => path.join(dir, name))
    .find(file => fs.existsSync(file));
}

/**
 * For a test file's top level: true when a private cluster can be made here.
 * Otherwise one loud SKIPPING line, and a failure under CI=true.
 */
export function privatePostgresAvailableOrSkip(what: string): boolean {
  const missing = [
    !postgresBinDir() &&
      'PostgreSQL server binaries (initdb, pg_ctl; set LODESTAR_PG_BIN to their directory)',
    runsAsRoot() && !systemTool('runuser') && 'runuser (util-linux)',
    runsAsRoot() && !systemTool('chown') && 'chown (coreutils)',
  ].filter(Boolean);
  return availableOrSkip(
    what,
    missing.length ? `${missing.join(', ')} not found` : undefined,
    'postgresql (the server package) and util-linux',
  );
}

/** fast: roll back and disconnect clients; immediate: crash, recovery on start. */
export type StopMode = 'smart' | 'fast' | 'immediate';

function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

export class PrivatePostgres {
  readonly host = '127.0.0.1';
  readonly user = 'postgres';

  private constructor(
    readonly port: number,
    /** Holds data/, the socket and server.log. */
    readonly dir: string,
  ) {}

  /** initdb + start. The cluster is running when this resolves. */
  static async create(): Promise<PrivatePostgres> {
    if (!postgresBinDir()) {
      throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-pg-'));
    fs.chmodSync(dir, 0o755);
    if (runsAsRoot()) await run(systemTool('chown')!, [OS_USER, dir]);
    const pg = new PrivatePostgres(await freePort(), dir);
    await pg.asPostgres('initdb', [
      '--pgdata',
      pg.dataDir,
      '--username',
      'postgres',
      '--auth',
      'trust',
      '--no-sync',
      '--encoding',
      'UTF8',
      '--locale',
      'C',
    ]);
    fs.appendFileSync(
      path.join(pg.dataDir, 'postgresql.conf'),
      [
        '',
        `port = ${pg.port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'fsync = off',
        'full_page_writes = off',
        'shared_buffers = 32MB',
        'max_connections = 100',
        '',
      ].join('\n'),
    );
    await pg.start();
    return pg;
  }

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  get logFile(): string {
    return path.join(this.dir, 'server.log');
  }

  /** For startPortal({ postgres }) and pg.Client. */
  get connection(): PostgresTarget {
    return { host: this.host, port: this.port, user: this.user };
  }

  /** Starts the cluster and waits until it accepts connections. */
  async start(): Promise<void> {
    await this.pgCtl([
      'start',
      '--wait',
      '--timeout',
      '120',
      '-l',
      this.logFile,
    ]);
  }

  async stop(mode: StopMode = 'fast'): Promise<void> {
    await this.pgCtl(['stop', '--wait', '--timeout', '120', '-m', mode]);
  }

  async restart(mode: StopMode = 'fast'): Promise<void> {
    await this.pgCtl([
      'restart',
      '--wait',
      '--timeout',
      '120',
      '-m',
      mode,
      '-l',
      this.logFile,
    ]);
  }

  async isRunning(): Promise<boolean> {
    try {
      await this.pgCtl(['status']);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops the cluster (immediately) if it runs, and deletes its files. */
  async remove(): Promise<void> {
    if (await this.isRunning()) await this.stop('immediate');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** The server log so far, for failure messages. */
  log(): string {
    return fs.existsSync(this.logFile)
      ? fs.readFileSync(this.logFile, 'utf8')
      : '';
  }

  private pgCtl(args: string[]) {
    return this.asPostgres('pg_ctl', ['--pgdata', this.dataDir, ...args]);
  }

  private async asPostgres(binary: string, args: string[]) {
    const command = path.join(postgresBinDir()!, binary);
    const [file, argv] = runsAsRoot()
      ? [systemTool('runuser')!, ['-u', OS_USER, '--', command, ...args]]
      : [command, args];
    try {
      return await run(file, argv, { cwd: this.dir, timeout: 180_000 });
    } catch (e: any) {
      throw new Error(
        `${binary} ${args.join(' ')} failed: ${e.stderr || e.message}`,
      );
    }
  }
}
