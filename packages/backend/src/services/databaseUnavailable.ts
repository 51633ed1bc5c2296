/*
 * Which errors mean "the database cannot be reached right now" rather than
 * "this request is wrong" or "this code is wrong". Those become a 503 with
 * Retry-After: the caller may try again and will succeed once PostgreSQL is
 * back or a pooled connection frees up. Everything else keeps its status.
 */
import { ServiceUnavailableError } from '@backstage/errors';

/** Seconds a caller is told to wait (Retry-After) before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** PostgreSQL SQLSTATEs for a server that is going away or not there yet. */
const SQLSTATE_REASONS: Record<string, string> = {
  '57P01': 'the database server is shutting down',
  '57P02': 'the database server crashed',
  '57P03': 'the database server is starting up or shutting down',
  '53300': 'the database server has no free connections',
};

/** Socket errors on the way to the database. */
const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the database refused the connection',
  ECONNRESET: 'the database connection was reset',
  EPIPE: 'the database connection was closed',
  ETIMEDOUT: 'connecting to the database timed out',
  EHOSTUNREACH: 'the database host is unreachable',
  ENETUNREACH: 'the database network is unreachable',
  EAI_AGAIN: 'the database host name could not be resolved',
};

/** Messages of pg and knex that carry no code. */
const MESSAGE_REASONS: Array<[RegExp, string]> = [
  [/Timeout acquiring a connection/, 'no database connection was free in time'],
  [/Connection terminated/, 'the database connection was lost'],
  [
    /Client has encountered a connection error and is not queryable/,
    'the database connection was lost',
  ],
  [
    /Client was closed and is not queryable/,
    'the database connection was lost',
  ],
  [
    /timeout exceeded when trying to connect/,
    'connecting to the database timed out',
  ],
];

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
};

/**
 * HTTP clients report a refused or reset connection with the same socket
 * codes as pg; those are another service failing, not the database, and
 * keep their status.
 */
function isHttpClientError(e: ErrorLike): boolean {
  return (
    e.name === 'FetchError' ||
    e.name === 'AxiosError' ||
    (e.name === 'TypeError' && e.message === 'fetch failed')
  );
}

/** The error and everything it wraps (cause chains, AggregateError). */
function* errorChain(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as ErrorLike;
    yield e;
    pending.push(e.cause);
    if (Array.isArray(e.errors)) pending.push(...e.errors);
  }
}

/**
 * Whether bare socket errors (ECONNRESET, …) can come from the database:
 * only when it is a server (PostgreSQL). On SQLite they are calls between
 * plugins over loopback, and not the database's to be blamed for.
 */
export type DatabaseKind = { networked: boolean };

function reasonOf(e: ErrorLike, db: DatabaseKind): string | undefined {
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && SQLSTATE_REASONS[code]) return SQLSTATE_REASONS[code];
  // SQLSTATE class 08: connection exception.
  if (code && /^08[0-9A-Z]{3}$/.test(code)) {
    return 'the database connection failed';
  }
  if (code && db.networked && SOCKET_REASONS[code]) return SOCKET_REASONS[code];
  const message = typeof e.message === 'string' ? e.message : '';
  return MESSAGE_REASONS.find(([pattern]) => pattern.test(message))?.[1];
}

/**
 * Why the database is unavailable, if that is what `error` (or an error it
 * wraps) says; undefined for any other error.
 */
export function databaseUnavailableReason(
  error: unknown,
  db: DatabaseKind = { networked: true },
): string | undefined {
  // An error that already carries an HTTP status has been decided on.
  if (hasHttpStatus(error)) return undefined;
  for (const e of errorChain(error)) {
    if (isHttpClientError(e)) return undefined;
    const reason = reasonOf(e, db);
    if (reason) return reason;
  }
  return undefined;
}

function hasHttpStatus(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { statusCode, status } = error as {
    statusCode?: unknown;
    status?: unknown;
  };
  return typeof statusCode === 'number' || typeof status === 'number';
}

/**
 * A 503 another plugin answered (a ResponseError of a service-to-service
 * call): the message of the first ServiceUnavailableError it wraps, so the
 * caller reads the reason instead of a nest of forwarded bodies.
 */
function upstreamUnavailableMessage(error: unknown): string | undefined {
  const e = error as { name?: unknown; statusCode?: unknown };
  if (e?.name !== 'ResponseError' || e.statusCode !== 503) return undefined;
  for (const inner of errorChain(error)) {
    if (
      inner.name === 'ServiceUnavailableError' &&
      typeof inner.message === 'string'
    ) {
      return inner.message;
    }
  }
  return `A service this request depends on is unavailable. Try again in ${RETRY_AFTER_SECONDS} seconds.`;
}

/**
 * The 503 to answer instead, or undefined when `error` is not about the
 * database being unavailable. The message names the reason, never the SQL.
 */
export function toServiceUnavailable(
  error: unknown,
  db: DatabaseKind = { networked: true },
): ServiceUnavailableError | undefined {
  const upstream = upstreamUnavailableMessage(error);
  if (upstream) return new ServiceUnavailableError(upstream);
  const reason = databaseUnavailableReason(error, db);
  if (!reason) return undefined;
  return new ServiceUnavailableError(
    `Database unavailable: ${reason}. Try again in ${RETRY_AFTER_SECONDS} seconds.`,
  );
}
