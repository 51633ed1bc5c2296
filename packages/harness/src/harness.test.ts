import { spawn } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import {
  dropDatabasesWithPrefix,
  newPostgresPrefix,
  postgresTarget,
  postgresUrl,
  waitForReady,
} from './index.mjs';

describe('postgresTarget', () => {
  it('reads POSTGRES_* and falls back to postgres@127.0.0.1:5432', () => {
    expect(postgresTarget({})).toEqual({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      password: undefined,
    });
    const target = postgresTarget({
      POSTGRES_HOST: 'db.example',
      POSTGRES_PORT: '6543',
      POSTGRES_USER: 'lode star',
      POSTGRES_PASSWORD: 'p@ss:word',
    });
    expect(target).toEqual({
      host: 'db.example',
      port: 6543,
      user: 'lode star',
      password: 'p@ss:word',
    });
    expect(postgresUrl(target)).toBe(
      'postgresql://lode%20star:p%40ss%3Aword@db.example:6543',
    );
    expect(postgresUrl(postgresTarget({}))).toBe(
      'postgresql://postgres@127.0.0.1:5432',
    );
  });
});

describe('waitForReady', () => {
  // A process that runs until killed, standing in for the backend.
  const idleProcess = () =>
    spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });

  it('polls until the readiness endpoint answers 200', async () => {
    const paths: string[] = [];
    const server = http.createServer((req, res) => {
      paths.push(req.url ?? '');
      res.statusCode = paths.length < 3 ? 503 : 200;
      res.end();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const child = idleProcess();
    try {
      await expect(
        waitForReady(`http://127.0.0.1:${port}`, child, { pollMs: 10 }),
      ).resolves.toBe(true);
      expect(paths).toEqual(Array(3).fill('/.backstage/health/v1/readiness'));
    } finally {
      child.kill();
      server.close();
    }
  });

  it('gives up when the process exits first', async () => {
    const child = spawn(process.execPath, ['-e', 'process.exit(3)'], {
      stdio: 'ignore',
    });
    await new Promise(r => child.once('exit', r));
    // Nothing listens on port 9 (discard).
    await expect(waitForReady('http://127.0.0.1:9', child)).resolves.toBe(
      false,
    );
  });
});

describe('dropDatabasesWithPrefix', () => {
  it('refuses a prefix that is not a plain name', async () => {
    await expect(dropDatabasesWithPrefix("x'; drop")).rejects.toThrow(
      'unsafe prefix',
    );
  });
});

// `npm test` sets LODESTAR_SKIP_POSTGRES=1 (loudly) only when PostgreSQL is
// missing outside CI.
(process.env.LODESTAR_SKIP_POSTGRES === '1' ? describe.skip : describe)(
  'dropDatabasesWithPrefix on PostgreSQL',
  () => {
    it('drops the databases under the prefix and no others', async () => {
      const mine = newPostgresPrefix();
      const other = newPostgresPrefix();
      const client = new Client({ ...postgresTarget(), database: 'postgres' });
      await client.connect();
      try {
        for (const name of [`${mine}a`, `${mine}b`, `${other}a`]) {
          await client.query(`create database "${name}"`);
        }
        await expect(dropDatabasesWithPrefix(mine)).resolves.toBe(2);
        const { rows } = await client.query(
          'select datname from pg_database where datname like $1 order by 1',
          [`lodestar\\_t%`],
        );
        const names = rows.map(r => r.datname);
        expect(names).not.toContain(`${mine}a`);
        expect(names).not.toContain(`${mine}b`);
        expect(names).toContain(`${other}a`);
      } finally {
        await client.query(`drop database if exists "${other}a"`);
        await client.end();
      }
    });
  },
);
