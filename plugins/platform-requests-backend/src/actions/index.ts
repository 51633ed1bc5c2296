/*
 * The platform-requests actions in Backstage's actions registry, which the
 * MCP actions backend serves to AI assistants as tools. They call the same
 * RequestService, permission checks and validation as the REST routes, with
 * the credentials of the person whose token the assistant carries.
 */
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { RequestActionsOptions } from './caller';
import { registerChangeActions } from './changeActions';
import { registerEffortActions } from './effortActions';
import { registerReadActions } from './readActions';
import { registerSearchActions } from './searchActions';

export type { RequestActionsOptions } from './caller';

export function registerRequestActions(
  registry: ActionsRegistryService,
  options: RequestActionsOptions,
) {
  registerSearchActions(registry, options);
  registerReadActions(registry, options);
  registerChangeActions(registry, options);
  registerEffortActions(registry, options);
}
