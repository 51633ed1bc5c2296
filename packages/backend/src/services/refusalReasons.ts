/*
 * Every 403 says why. Lodestar's own routes name the rule that refused the
 * caller; Backstage's catalog and scaffolder refuse with an empty
 * NotAllowedError when the permission policy says no. This error
 * middleware, in every plugin's router before its error handler, gives
 * those the reason from Lodestar's policy
 * (@internal/plugin-permission-backend-module-lodestar-policy),
 * and any other empty or bare refusal a message naming the route.
 */
import { NotAllowedError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

type Rule = {
  plugin: string;
  method: string;
  path: RegExp;
  reason: string;
};

/** The routes of Backstage's plugins that Lodestar's policy closes to some. */
const RULES: Rule[] = [
  {
    plugin: 'scaffolder',
    method: 'POST',
    path: /^\/v2\/dry-run\/?$/,
    reason:
      'only the platform team may dry-run templates: template authoring is theirs, running the registered templates is for everyone',
  },
  {
    plugin: 'catalog',
    method: 'DELETE',
    path: /^\/locations\//,
    reason: 'only the platform team may delete catalog locations',
  },
  {
    plugin: 'catalog',
    method: 'DELETE',
    path: /^\/entities\/by-uid\//,
    reason:
      'only the owners of an entity or the platform team may unregister it, and only the platform team unregisters Users, Groups and Templates',
  },
];

/** Messages that say nothing about why. */
const BARE = new Set(['', 'forbidden', 'unauthorized', 'not allowed']);

export function isBareRefusal(message: string | undefined): boolean {
  return BARE.has((message ?? '').trim().toLocaleLowerCase('en-US'));
}

/** Why Lodestar refuses this call, for a refusal that did not say. */
export function refusalReason(
  pluginId: string,
  method: string,
  path: string,
): string {
  const rule = RULES.find(
    r => r.plugin === pluginId && r.method === method && r.path.test(path),
  );
  return (
    rule?.reason ??
    `Lodestar's permission policy does not allow you to ${method} /api/${pluginId}${path}`
  );
}

export function refusalReasonMiddleware(pluginId: string): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (error?.name === 'NotAllowedError' && isBareRefusal(error.message)) {
      next(new NotAllowedError(refusalReason(pluginId, req.method, req.path)));
      return;
    }
    next(error);
  };
}
