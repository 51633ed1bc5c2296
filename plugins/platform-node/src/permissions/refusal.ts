/*
 * What a refused permission's 403 says, the same in every plugin: what was
 * refused and why (a token whose access restrictions leave the permission
 * out, or the permission policy for this caller). The error carries the
 * permission's name, so the refusal's audit event can name it too.
 */
import {
  BackstageCredentials,
  BackstagePrincipalAccessRestrictions,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { Permission } from '@backstage/plugin-permission-common';

/** A 403 for a permission the caller lacks; still a NotAllowedError. */
export class PermissionRefusedError extends NotAllowedError {
  readonly permission: string;

  constructor(permission: string, message: string) {
    super(message);
    this.permission = permission;
  }
}

type AnyPrincipal = {
  type: string;
  userEntityRef?: string;
  subject?: string;
  accessRestrictions?: BackstagePrincipalAccessRestrictions;
};

/** Who is calling, as audit events and refusals name them. */
export function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as AnyPrincipal;
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

export function whyRefused(
  credentials: BackstageCredentials,
  permission: Permission,
): string {
  const principal = credentials.principal as AnyPrincipal;
  const granted = principal.accessRestrictions?.permissionNames;
  if (granted && !granted.includes(permission.name)) {
    return `this token's access is restricted to ${granted.join(', ')}`;
  }
  return `the permission policy does not grant ${
    permission.name
  } to ${principalOf(credentials)}`;
}

/** "you may not read KPIs: the permission policy does not grant …" */
export function permissionRefused(
  credentials: BackstageCredentials,
  permission: Permission,
  what: string,
): PermissionRefusedError {
  return new PermissionRefusedError(
    permission.name,
    `you may not ${what}: ${whyRefused(credentials, permission)}`,
  );
}
