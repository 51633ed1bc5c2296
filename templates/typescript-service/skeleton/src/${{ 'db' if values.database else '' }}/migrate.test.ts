import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { migrate } from './migrate.ts';

// These tests need a real PostgreSQL. CI provides one; locally, point
// DATABASE_URL at a throwaway database (see README.md). Each run works in a
// schema of its own and drops it afterwards, so your data is left alone.
const databaseUrl = process.env.DATABASE_URL;
const skip = databaseUrl
  ? false
  : 'DATABASE_URL is not set: skipping the migration tests (set it to a throwaway PostgreSQL database to run them)';

describe('migrations', () => {
  const schema = `migrate_test_${process.pid}_${Date.now()}`;
  let admin: pg.Pool;
  let pool: pg.Pool;

  before(async () => {
    if (skip) return;
    admin = new pg.Pool({ connectionString: databaseUrl });
    await admin.query(`CREATE SCHEMA ${schema}`);
    // Every connection of this pool works inside the test schema.
    pool = new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  });

  after(async () => {
    if (skip) return;
    await pool.end();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  test('applies every migration once, in order', { skip }, async () => {
    const applied = await migrate(pool);
    assert.ok(applied.length > 0, 'expected at least one migration in migrations/');
    assert.deepEqual(applied, [...applied].sort());

    const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    assert.deepEqual(
      rows.map((row) => row.name),
      applied,
    );
    assert.deepEqual(await migrate(pool), [], 'a second run applies nothing');
  });

  test('the first migration creates the greetings table', { skip }, async () => {
    const inserted = await pool.query<{ id: string; name: string }>(
      'INSERT INTO greetings (name) VALUES ($1) RETURNING id, name',
      ['Ada'],
    );
    assert.equal(inserted.rows[0]?.name, 'Ada');
    await assert.rejects(pool.query('INSERT INTO greetings (name) VALUES ($1)', ['']), /check constraint/);
  });

  test('a failing migration is rolled back and not recorded', { skip }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    try {
      await writeFile(path.join(dir, '9001_good.sql'), 'CREATE TABLE rollback_probe (id int);');
      await writeFile(
        path.join(dir, '9002_bad.sql'),
        'CREATE TABLE half_done (id int); SELECT this_is_not_sql;',
      );
      await assert.rejects(migrate(pool, { dir }), /Migration 9002_bad\.sql failed and was rolled back/);

      const recorded = await pool.query<{ name: string }>(
        "SELECT name FROM schema_migrations WHERE name LIKE '900%' ORDER BY name",
      );
      assert.deepEqual(
        recorded.rows.map((row) => row.name),
        ['9001_good.sql'],
      );
      const tables = await pool.query(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'half_done'",
        [schema],
      );
      assert.equal(tables.rowCount, 0, 'the failed migration left a table behind');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('/readyz answers 200 against the real database', { skip }, async (t) => {
    const app = buildApp({ port: 0, host: '127.0.0.1', logLevel: 'silent', databaseUrl: databaseUrl ?? '' });
    t.after(async () => {
      await app.close();
    });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ready', checks: { database: 'ok' } });
  });
});
