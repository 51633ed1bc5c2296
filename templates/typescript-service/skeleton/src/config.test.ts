import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';
{% if values.database %}
const DATABASE_URL = 'postgres://app:secret@db.example:5432/app';
{% endif %}
describe('loadConfig', () => {
  test('applies defaults', () => {
    assert.deepEqual(loadConfig({ {% if values.database %}DATABASE_URL {% endif %}}), {
      port: ${{ values.port }},
      host: '0.0.0.0',
      logLevel: 'info',{% if values.database %}
      databaseUrl: DATABASE_URL,{% endif %}
    });
  });

  test('reads the variables', () => {
    const config = loadConfig({ PORT: '3000', HOST: '127.0.0.1', LOG_LEVEL: 'debug'{% if values.database %}, DATABASE_URL{% endif %} });
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.logLevel, 'debug');
  });

  test('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ PORT: ''{% if values.database %}, DATABASE_URL{% endif %} }).port, ${{ values.port }});
  });

  for (const [PORT, expected] of [
    ['abc', /PORT must be a number \(got "abc"\)/],
    ['80.5', /PORT must be a whole number/],
    ['70000', /PORT must be between 1 and 65535/],
  ] as const) {
    test(`rejects PORT=${PORT} and names the variable`, () => {
      assert.throws(() => loadConfig({ PORT{% if values.database %}, DATABASE_URL{% endif %} }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, expected);
        return true;
      });
    });
  }

  test('rejects an unknown LOG_LEVEL', () => {
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud'{% if values.database %}, DATABASE_URL{% endif %} }), /LOG_LEVEL must be one of/);
  });
{% if values.database %}
  test('requires DATABASE_URL', () => {
    assert.throws(() => loadConfig({}), /DATABASE_URL is required/);
  });

  test('rejects a DATABASE_URL that is not PostgreSQL, without echoing it', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://app:secret@db/app' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
        assert.doesNotMatch(error.message, /secret/);
        return true;
      },
    );
  });
{% endif %}
  test('lists every problem at once', () => {
    assert.throws(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' }), /PORT.*; LOG_LEVEL/);
  });
});
