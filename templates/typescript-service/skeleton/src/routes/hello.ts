import type { FastifyPluginAsync } from 'fastify';

interface HelloQuery {
  name: string;
}

/**
 * The example resource: `GET /v1/hello?name=Ada` answers `{"message":"Hello, Ada!"}`.
 * Fastify validates the query string against the JSON schema before the
 * handler runs and answers 400 when it does not match. Keep openapi.yaml in
 * step with the schemas here.
 */
export const helloRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: HelloQuery }>(
    '/hello',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 64 },
          },
          required: ['name'],
        },
        response: {
          200: {
            type: 'object',
            properties: { message: { type: 'string' } },
            required: ['message'],
          },
        },
      },
    },
    async (request) => ({ message: `Hello, ${request.query.name}!` }),
  );
};
