/*
 * The `allowedHosts` input that templates written for older Backstage
 * releases still pass to the stock publish actions (copied from
 * RepoUrlPicker's `ui:options`, as in docs-template-cookiecutter and the
 * cookiecutter module's README). Upstream's actions never declared it; their
 * schemas now forbid undeclared inputs, so such a template fails with
 * `instance is not allowed to have the additional property "allowedHosts"`.
 *
 * Wrapped here, an action declares `allowedHosts` (a list of host names) in
 * its input schema, the JSON Schema the scaffolder validates step inputs
 * against and lists under /v2/actions, and honours it: a `repoUrl` on a host
 * the list does not name fails the step with an InputError naming the host,
 * before the action runs. The action itself is called without the property,
 * with everything else (id, inputs, outputs, dry-run support) unchanged.
 */
import { InputError } from '@backstage/errors';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';

const ALLOWED_HOSTS_SCHEMA = {
  type: 'array',
  items: { type: 'string' },
  description:
    'The hosts the repository may be on, as in RepoUrlPicker’s ui:options (accepted for templates written for older Backstage releases). A repoUrl on another host fails the step.',
};

/** `action` accepting and honouring the `allowedHosts` input. */
export function withAllowedHosts<T extends TemplateAction<any, any, any>>(
  action: T,
): T {
  const input = action.schema?.input;
  if (input?.type !== 'object' || typeof input.properties !== 'object') {
    throw new Error(
      `withAllowedHosts: ${action.id} no longer declares its input as a JSON Schema object; allowedHosts cannot be added to it`,
    );
  }
  // Upstream declares it itself one day: its own meaning wins.
  if (input.properties.allowedHosts) return action;
  return {
    ...action,
    schema: {
      ...action.schema,
      input: {
        ...input,
        properties: { ...input.properties, allowedHosts: ALLOWED_HOSTS_SCHEMA },
      },
    },
    async handler(ctx) {
      if (!ctx.input || !('allowedHosts' in ctx.input)) {
        return action.handler(ctx);
      }
      const { allowedHosts, ...rest } = ctx.input as Record<string, unknown>;
      assertHostAllowed(action.id, rest.repoUrl, allowedHosts as string[]);
      return action.handler({ ...ctx, input: rest });
    },
  };
}

/**
 * Throws an InputError when `repoUrl` (`host?owner=…&repo=…`) is on a host
 * `allowedHosts` does not name. A repoUrl that cannot be parsed is left to
 * the action, which refuses it in its own words.
 */
export function assertHostAllowed(
  actionId: string,
  repoUrl: unknown,
  allowedHosts: string[],
): void {
  let host: string;
  try {
    host = new URL(`https://${String(repoUrl)}`).host;
  } catch {
    return;
  }
  const allowed = allowedHosts.map(h => h.trim().toLowerCase());
  if (allowed.includes(host)) return;
  throw new InputError(
    `${actionId} may not publish to ${host}: the step's allowedHosts ${
      allowed.length
        ? `lists only ${allowed.join(', ')}`
        : 'is empty, so no host is allowed'
    }`,
  );
}
