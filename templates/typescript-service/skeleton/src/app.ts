import Fastify, { LogController, type FastifyInstance } from 'fastify';{% if values.database %}
import type pg from 'pg';{% endif %}
import type { Config } from './config.ts';{% if values.database %}
import { createPool } from './db/pool.ts';{% endif %}
import { helloRoutes } from './routes/hello.ts';
{% if values.database %}
declare module 'fastify' {
  interface FastifyInstance {
    /** The PostgreSQL pool; closed when the app closes (if the app created it). */
    db: pg.Pool;
  }
}

export interface AppDependencies {
  /** A pool to use instead of creating one from config.databaseUrl (tests). */
  db?: pg.Pool;
}
{% endif %}
const PROBES = new Set(['/healthz', '/readyz']);

/**
 * Builds the HTTP application without listening on a port, so tests can call
 * it with `app.inject()`. src/server.ts is what listens.
 */
export function buildApp(config: Config{% if values.database %}, deps: AppDependencies = {}{% endif %}): FastifyInstance {
  const app = Fastify({
    // pino: one JSON object per line on stdout.
    logger: { level: config.logLevel },
    // Reuse the caller's request id (e.g. from the load balancer) in the logs.
    requestIdHeader: 'x-request-id',
    // No "incoming request"/"request completed" lines for the probes, which
    // are called every few seconds. Their failures are still logged.
    logController: new LogController({
      disableRequestLogging: (request) => PROBES.has(request.url),
    }),
  });
{% if values.database %}
  const db = deps.db ?? createPool(config.databaseUrl);
  app.decorate('db', db);
  if (!deps.db) {
    app.addHook('onClose', async () => {
      await db.end();
    });
  }
{% endif %}
  // Liveness: the process is up and serving requests. It checks nothing else, so
  // an outage of a dependency does not get the service restarted in a loop.
  app.get(
    '/healthz',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' } },
            required: ['status'],
          },
        },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.addSchema({
    $id: 'readiness',
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ready', 'not ready'] },
      checks: { type: 'object', additionalProperties: { type: 'string', enum: ['ok', 'failing'] } },
    },
    required: ['status', 'checks'],
  });

  // Readiness: the service can do useful work{% if values.database %} (its database answers){% endif %}.
  // Load balancers stop sending traffic while this is not 200.
  app.get(
    '/readyz',
    {
      schema: {
        response: {
          '2xx': { $ref: 'readiness#' },
          503: { $ref: 'readiness#' },
        },
      },
    },
    async (request, reply) => {
      // One entry per dependency the service cannot work without.
      const checks: Record<string, 'ok' | 'failing'> = {};{% if values.database %}
      try {
        await app.db.query('SELECT 1');
        checks.database = 'ok';
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database check failed');
        checks.database = 'failing';
      }{% endif %}
      const ready = Object.values(checks).every((state) => state === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
    },
  );

  app.register(helloRoutes, { prefix: '/v1' });

  return app;
}
