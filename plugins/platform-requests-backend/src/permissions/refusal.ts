/*
 * Why a permission was refused, for the message of the 403: a token whose
 * access restrictions leave the permission out, or the permission policy.
 * (The platform-kpis backend says the same in its own words; both belong in
 * the shared backend library.)
 */
import {
  BackstageCredentials,
  BackstagePrincipalAccessRestrictions,
} from '@backstage/backend-plugin-api';
import { Permission } from '@backstage/plugin-permission-common';

/** The rule behind every change: a person, not a service, makes it. */
export const ONLY_PEOPLE_CHANGE =
  'only a signed-in person changes platform requests';

export function whyRefused(
  credentials: BackstageCredentials,
  permission: Permission,
): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
    accessRestrictions?: BackstagePrincipalAccessRestrictions;
  };
  const granted = principal.accessRestrictions?.permissionNames;
  if (granted && !granted.includes(permission.name)) {
    return `this token's access is restricted to ${granted.join(', ')}`;
  }
  const who = principal.userEntityRef ?? principal.subject ?? principal.type;
  return `the permission policy does not grant ${permission.name} to ${who}`;
}
