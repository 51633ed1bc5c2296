/*
 * Which errors count as "database unavailable". The connection errors come
 * from real pg clients: a refused port, and a session that PostgreSQL ends
 * (pg_terminate_backend sends the same 57P01 as a fast shutdown). The rest
 * are the shapes knex and pg produce, copied from their sources.
 */
import {
  ConflictError,
  InputError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { engines, freePort, postgresTarget } from '@internal/testing';
import { Client } from 'pg';
import {
  databaseUnavailableReason,
  toServiceUnavailable,
} from './databaseUnavailable';

async function errorOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

function pgError(code: string, message: string) {
  // pg-protocol's DatabaseError: a plain Error subclass with the SQLSTATE.
  return Object.assign(new Error(message), { name: 'error', code });
}

describe('databaseUnavailableReason', () => {
  it('recognises a refused connection from a real pg client', async () => {
    const port = await freePort();
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres' });
    const error = await errorOf(() => client.connect());
    expect(databaseUnavailableReason(error)).toBe(
      'the database refused the connection',
    );
  });

  it.each([
    ['57P02', 'crash_shutdown'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
    ['08001', 'could not connect'],
  ])('recognises SQLSTATE %s', (code, message) => {
    expect(databaseUnavailableReason(pgError(code, message))).toBeDefined();
  });

  it('recognises knex running out of pooled connections', () => {
    // knex/lib/client.js acquireConnection()
    const error = Object.assign(
      new Error(
        'Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?',
      ),
      { name: 'KnexTimeoutError' },
    );
    expect(databaseUnavailableReason(error)).toBe(
      'no database connection was free in time',
    );
  });

  it('recognises pg losing its connection mid-query', () => {
    expect(
      databaseUnavailableReason(
        new Error('Connection terminated unexpectedly'),
      ),
    ).toBe('the database connection was lost');
    expect(
      databaseUnavailableReason(
        Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      ),
    ).toBe('the database connection was reset');
  });

  it('does not blame SQLite for a reset socket: that was a call between plugins', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
    });
    expect(
      databaseUnavailableReason(reset, { networked: false }),
    ).toBeUndefined();
    expect(
      databaseUnavailableReason(new Error('Timeout acquiring a connection'), {
        networked: false,
      }),
    ).toBe('no database connection was free in time');
  });

  it('looks through causes and AggregateErrors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(
      databaseUnavailableReason(
        new AggregateError([new Error('other'), refused], 'all failed'),
      ),
    ).toBeDefined();
    expect(
      databaseUnavailableReason(new Error('wrapped', { cause: refused })),
    ).toBeDefined();
  });

  it('leaves other errors alone', () => {
    for (const error of [
      new InputError('title: required'),
      new NotFoundError('no such request'),
      new ConflictError('changed meanwhile'),
      pgError('23505', 'duplicate key value violates unique constraint'),
      pgError('42601', 'syntax error at or near "selec"'),
      pgError('22P02', 'invalid input syntax for type integer'),
      new Error('Knex: Defined query timeout of 100ms exceeded'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a string',
      undefined,
    ]) {
      expect(databaseUnavailableReason(error)).toBeUndefined();
    }
  });

  it('leaves a refused HTTP call to another service alone', async () => {
    const port = await freePort();
    const fetchError = await errorOf(() => fetch(`http://127.0.0.1:${port}/`));
    expect((fetchError as { cause?: { code?: string } }).cause?.code).toBe(
      'ECONNREFUSED',
    );
    expect(databaseUnavailableReason(fetchError)).toBeUndefined();
    expect(
      databaseUnavailableReason(
        new Error('reading a location', { cause: fetchError }),
      ),
    ).toBeUndefined();
    const nodeFetchError = Object.assign(new Error('request failed'), {
      name: 'FetchError',
      code: 'ECONNREFUSED',
    });
    expect(databaseUnavailableReason(nodeFetchError)).toBeUndefined();
  });

  it('does not second-guess an error that already carries an HTTP status', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    const decided = Object.assign(new Error('upstream failed'), {
      statusCode: 502,
      cause: refused,
    });
    expect(databaseUnavailableReason(decided)).toBeUndefined();
  });
});

describe('toServiceUnavailable', () => {
  it('names the reason and keeps the SQL out of the message', () => {
    const error = pgError(
      '57P01',
      'select "secret_column" from "requests" - terminating connection due to administrator command',
    );
    const unavailable = toServiceUnavailable(error)!;
    expect(unavailable).toBeInstanceOf(ServiceUnavailableError);
    expect(unavailable.message).toBe(
      'Database unavailable: the database server is shutting down. Try again in 5 seconds.',
    );
    expect(unavailable.cause).toBeUndefined();
  });

  it('unwraps a 503 another plugin answered', async () => {
    const body = {
      error: {
        name: 'ServiceUnavailableError',
        message: 'Database unavailable: the database refused the connection.',
      },
      request: { method: 'GET', url: '/v1/userinfo' },
      response: { statusCode: 503 },
    };
    const upstream = await ResponseError.fromResponse(
      new Response(JSON.stringify(body), {
        status: 503,
        statusText: 'Service Unavailable',
        headers: { 'Content-Type': 'application/json' },
      }) as any,
    );
    expect(toServiceUnavailable(upstream)?.message).toBe(
      'Database unavailable: the database refused the connection.',
    );
  });

  it('returns undefined for other errors', () => {
    expect(toServiceUnavailable(new InputError('bad'))).toBeUndefined();
  });
});

(engines.includes('postgres') ? describe : describe.skip)(
  'databaseUnavailableReason on PostgreSQL',
  () => {
    it('recognises a session PostgreSQL terminated, and the dead client after it', async () => {
      const victim = new Client({
        ...postgresTarget(),
        database: 'postgres',
      });
      const killer = new Client({
        ...postgresTarget(),
        database: 'postgres',
      });
      victim.on('error', () => {});
      await victim.connect();
      await killer.connect();
      try {
        const { rows } = await victim.query('select pg_backend_pid() as pid');
        const pending = errorOf(() => victim.query('select pg_sleep(30)'));
        // Terminate it mid-query, as a shutdown does.
        while (
          (
            await killer.query(
              'select state from pg_stat_activity where pid = $1',
              [rows[0].pid],
            )
          ).rows[0]?.state !== 'active'
        ) {
          await new Promise(r => setTimeout(r, 20));
        }
        await killer.query('select pg_terminate_backend($1)', [rows[0].pid]);
        const terminated = await pending;
        expect((terminated as { code?: string }).code).toBe('57P01');
        expect(databaseUnavailableReason(terminated)).toBe(
          'the database server is shutting down',
        );
        const afterwards = await errorOf(() => victim.query('select 1'));
        expect(databaseUnavailableReason(afterwards)).toBe(
          'the database connection was lost',
        );
      } finally {
        await killer.end();
        await victim.end().catch(() => {});
      }
    });
  },
);
