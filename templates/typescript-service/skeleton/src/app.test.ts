import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';{% if values.database %}
import type pg from 'pg';{% endif %}
import { buildApp } from './app.ts';
import type { Config } from './config.ts';

const config: Config = {
  port: 0,
  host: '127.0.0.1',
  logLevel: 'silent',{% if values.database %}
  // Nothing listens on port 1: a real pool pointed here fails at once.
  databaseUrl: 'postgres://nobody@127.0.0.1:1/nothing',{% endif %}
};
{% if values.database %}
/** A stand-in for pg.Pool whose queries succeed or fail, for /readyz. */
function fakePool(healthy: boolean): pg.Pool {
  return {
    query: async () => {
      if (!healthy) throw new Error('connection refused');
      return { rows: [{ ok: 1 }] };
    },
  } as unknown as pg.Pool;
}
{% endif %}
/** A fresh app per test, closed when the test ends. */
function appFor(t: TestContext{% if values.database %}, db: pg.Pool | 'from-config' = fakePool(true){% endif %}) {
  const app = buildApp(config{% if values.database %}, db === 'from-config' ? {} : { db }{% endif %});
  t.after(async () => {
    await app.close();
  });
  return app;
}

describe('GET /healthz', () => {
  test('answers 200 ok', async (t) => {
    const res = await appFor(t).inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });
});

describe('GET /readyz', () => {
  test('answers 200 when every dependency is up', async (t) => {
    const res = await appFor(t).inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ready', checks: { {% if values.database %}database: 'ok' {% endif %}} });
  });
{% if values.database %}
  test('answers 503 when the database does not answer', async (t) => {
    const res = await appFor(t, fakePool(false)).inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'not ready', checks: { database: 'failing' } });
  });

  test('uses a real pool from DATABASE_URL and reports an unreachable database', async (t) => {
    const res = await appFor(t, 'from-config').inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().checks.database, 'failing');
  });
{% endif %}});

describe('GET /v1/hello', () => {
  test('greets by name', async (t) => {
    const res = await appFor(t).inject({ method: 'GET', url: '/v1/hello?name=Ada' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { message: 'Hello, Ada!' });
  });

  test('answers 400 when name is missing', async (t) => {
    const res = await appFor(t).inject({ method: 'GET', url: '/v1/hello' });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().message, /name/);
  });

  test('answers 400 when name is empty or too long', async (t) => {
    const app = appFor(t);
    for (const name of ['', 'x'.repeat(65)]) {
      const res = await app.inject({ method: 'GET', url: '/v1/hello', query: { name } });
      assert.equal(res.statusCode, 400, `name of length ${name.length}`);
    }
  });
});

test('unknown routes answer 404', async (t) => {
  const res = await appFor(t).inject({ method: 'GET', url: '/nope' });
  assert.equal(res.statusCode, 404);
});
