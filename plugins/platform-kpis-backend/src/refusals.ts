/*
 * What the 403s of this plugin say: what was refused and why (a token whose
 * access restrictions leave the permission out, or the permission policy).
 * The platform-requests backend says the same in its own words; both belong
 * in the shared backend library.
 */
import {
  BackstageCredentials,
  BackstagePrincipalAccessRestrictions,
} from '@backstage/backend-plugin-api';
import {
  platformKpisIngestPermission,
  platformKpisReadPermission,
} from '@internal/plugin-platform-kpis-common';

/** How a CI system gets a token that may ingest. */
export const INGEST_TOKEN_HINT = `use a static token under backend.auth.externalAccess restricted to ${platformKpisIngestPermission.name}`;

export function mayNotReadKpis(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
    accessRestrictions?: BackstagePrincipalAccessRestrictions;
  };
  const granted = principal.accessRestrictions?.permissionNames;
  if (granted && !granted.includes(platformKpisReadPermission.name)) {
    return `this token may not read KPIs: its access is restricted to ${granted.join(
      ', ',
    )}`;
  }
  const who = principal.userEntityRef ?? principal.subject ?? principal.type;
  return `you may not read KPIs: the permission policy does not grant ${platformKpisReadPermission.name} to ${who}`;
}
