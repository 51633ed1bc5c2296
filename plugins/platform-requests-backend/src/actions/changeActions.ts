/*
 * file-request, vote-on-request and change-request-status: the changes an
 * assistant makes for the person whose token it carries. Each runs the
 * route's permission check, the route's validation (the common zod schemas,
 * so a mistake names the field as the API does) and the same service call,
 * so events, notifications and audit events are the same too.
 */
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotAllowedError, toError } from '@backstage/errors';
import {
  createRequestSchema,
  LIMITS,
  platformRequestCreatePermission,
  platformRequestRequesterActionPermission,
  platformRequestTriagePermission,
  platformRequestVotePermission,
  REQUEST_STATUSES,
  requestKeySchema,
  transitionSchema,
  URGENCIES,
} from '@internal/plugin-platform-requests-common';
import { z as v4 } from 'zod';
import { asHttpTransition } from '../http/transitionErrors';
import { parseInput, principalOf } from '@internal/plugin-platform-node';
import { actorOf, auditingRefusals, RequestActionsOptions } from './caller';
import { requestSummarySchema, summarise } from './summary';

const keyInput = v4.object({ key: requestKeySchema });

export function registerChangeActions(
  registry: ActionsRegistryService,
  options: RequestActionsOptions,
) {
  const { service, authorizer } = options;
  const categories = service
    .publicConfig()
    .categories.map(c => `${c.id} (${c.title})`)
    .join(', ');

  registry.register({
    name: 'file-request',
    title: 'File a platform request',
    description: `Files a request with the platform team as the calling person, on behalf of their team. Call find-similar-requests first and prefer voting on an existing request. Categories: ${categories}.`,
    attributes: { destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          title: z
            .string()
            .describe(`${LIMITS.titleMin} to ${LIMITS.titleMax} characters`),
          description: z
            .string()
            .optional()
            .describe('Markdown: what hurts, for whom, since when'),
          category: z.string().describe(`One of: ${categories}`),
          urgency: z.enum(URGENCIES),
          impact: z.object({
            peopleAffected: z.number().int().min(0),
            hoursLostPerWeek: z.number().min(0),
          }),
          requestingTeam: z
            .string()
            .optional()
            .describe('Group entity ref; defaults to the caller’s own team'),
          relatedEntities: z
            .array(z.string())
            .optional()
            .describe(
              'Entity refs the request is about, e.g. component:default/checkout-api',
            ),
          tags: z.array(z.string()).optional(),
          idempotencyKey: z
            .string()
            .optional()
            .describe(
              'A fresh UUID per request meant: retrying with the same key and input files it once',
            ),
        }),
      output: z =>
        z.object({
          request: requestSummarySchema(z),
          replayed: z
            .boolean()
            .describe('True when the idempotency key had already filed it'),
        }),
    },
    action: async ({ input, credentials }) =>
      auditingRefusals(
        options,
        { action: 'file-request', credentials },
        async () => {
          const user = await actorOf(options, credentials);
          await authorizer.require(
            credentials,
            platformRequestCreatePermission,
            'file platform requests',
          );
          const { idempotencyKey, ...fields } = input;
          if (
            idempotencyKey !== undefined &&
            !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)
          ) {
            throw new InputError(
              'idempotencyKey: must be 1 to 200 visible ASCII characters, e.g. a UUID',
            );
          }
          const parsed = parseInput(createRequestSchema, fields, 'body');
          const { request, replayed } = await service.create(
            parsed,
            user,
            idempotencyKey,
          );
          return {
            output: {
              request: summarise(request, options.appBaseUrl),
              replayed,
            },
          };
        },
      ),
  });

  registry.register({
    name: 'vote-on-request',
    title: 'Vote on a platform request',
    description:
      'Adds the calling person’s vote to a request (or takes it back with vote: false). Votes, and the number of teams voting, raise its priority. Voting twice counts once.',
    attributes: { destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          key: z.string().describe('The request key, e.g. REQ-42'),
          vote: z
            .boolean()
            .optional()
            .describe('false takes the vote back; default true'),
        }),
      output: z => z.object({ request: requestSummarySchema(z) }),
    },
    action: async ({ input, credentials }) =>
      auditingRefusals(
        options,
        { action: 'vote-on-request', target: input.key, credentials },
        async () => {
          const user = await actorOf(options, credentials);
          const { key } = parseInput(keyInput, { key: input.key }, 'path');
          await authorizer.require(
            credentials,
            platformRequestVotePermission,
            'vote on platform requests',
          );
          const request = await service.vote(key, user, input.vote ?? true);
          return {
            output: { request: summarise(request, options.appBaseUrl) },
          };
        },
      ),
  });

  registry.register({
    name: 'change-request-status',
    title: 'Change the status of a platform request',
    description: `Triage, for the platform team: moves a request to another status (${REQUEST_STATUSES.join(
      ', ',
    )}); 'declined' needs a reason, 'duplicate' needs duplicateOf (its votes and watchers move there). Anyone else is refused, except that a requester may reopen (to: new) their own done or declined request within the reopen window.`,
    attributes: { destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          key: z.string().describe('The request key, e.g. REQ-42'),
          to: z.enum(REQUEST_STATUSES),
          comment: z.string().optional(),
          reason: z.string().optional().describe('Why it is declined'),
          duplicateOf: z
            .string()
            .optional()
            .describe('The key of the original, for to: duplicate'),
          version: z
            .number()
            .int()
            .optional()
            .describe('The version you read; refused if it changed since'),
        }),
      output: z => z.object({ request: requestSummarySchema(z) }),
    },
    action: async ({ input, credentials }) =>
      auditingRefusals(
        options,
        { action: 'change-request-status', target: input.key, credentials },
        async () => {
          const user = await actorOf(options, credentials);
          const { key } = parseInput(keyInput, { key: input.key }, 'path');
          const { version: expectedVersion, key: _key, ...rest } = input;
          const transition = parseInput(transitionSchema, rest, 'body');
          // The router's 'request-triage' audit event, refusals included.
          const event = await options.auditor.createEvent({
            eventId: 'request-triage',
            severityLevel: 'medium',
            meta: {
              action: 'transition',
              key,
              to: transition.to,
              duplicateOf: transition.duplicateOf ?? null,
              actor: principalOf(credentials),
            },
          });
          try {
            const request = await transitionAs(
              key,
              transition,
              expectedVersion,
            );
            await event.success();
            return {
              output: { request: summarise(request, options.appBaseUrl) },
            };
          } catch (error) {
            await event.fail({ error: toError(error) });
            throw error;
          }

          // As POST /requests/:key/transitions decides it.
          async function transitionAs(
            k: string,
            t: v4.output<typeof transitionSchema>,
            v: number | undefined,
          ) {
            if (
              await authorizer.allowed(
                credentials,
                platformRequestTriagePermission,
              )
            ) {
              return asHttpTransition(() =>
                service.transition(k, t, { expectedVersion: v }, user),
              );
            }
            if (t.to !== 'new') {
              throw new NotAllowedError(
                'only the platform team changes the status of a request',
              );
            }
            const permissionFilter = await authorizer.filter(
              credentials,
              platformRequestRequesterActionPermission,
              `reopen ${k}`,
            );
            return asHttpTransition(() =>
              service.transition(
                k,
                t,
                { expectedVersion: v, requesterReopen: { permissionFilter } },
                user,
              ),
            );
          }
        },
      ),
  });
}
