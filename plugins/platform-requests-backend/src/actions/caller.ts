/*
 * Who is calling an action, checked exactly as the routes check it: the
 * same permissions through the same RequestAuthorizer, and a refusal leaves
 * the same `permission-denied` audit event the routes leave (with the actor
 * in `meta`, since an action has no HTTP request for the auditor to read).
 */
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserInfo,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { auditRefusal, principalOf } from '@internal/plugin-platform-node';
import { platformRequestReadPermission } from '@internal/plugin-platform-requests-common';
import { ONLY_PEOPLE_CHANGE } from '../permissions/onlyPeople';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { ImprovementService } from '../service/ImprovementService';
import { RequestService } from '../service/RequestService';

export type RequestActionsOptions = {
  service: RequestService;
  authorizer: RequestAuthorizer;
  userInfo: UserInfoService;
  auditor: AuditorService;
  /** The portal's address, for links back to a request's page. */
  appBaseUrl: string;
  /** For where-effort-goes; without it that action is not offered. */
  improvements?: Pick<ImprovementService, 'effort'>;
};

/** Users and services read; the viewer is undefined for a service. */
export async function readerOf(
  options: RequestActionsOptions,
  credentials: BackstageCredentials,
): Promise<string | undefined> {
  await options.authorizer.require(
    credentials,
    platformRequestReadPermission,
    'read platform requests',
  );
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

/** Only people change requests: every change needs a person behind it. */
export async function actorOf(
  options: RequestActionsOptions,
  credentials: BackstageCredentials,
): Promise<BackstageUserInfo> {
  if ((credentials.principal as { type: string }).type !== 'user') {
    throw new NotAllowedError(
      `${ONLY_PEOPLE_CHANGE}; call this tool with a user token`,
    );
  }
  return options.userInfo.getUserInfo(credentials);
}

/**
 * Runs an action's body; a refusal is audited as the routes audit it
 * (`permission-denied`, naming the action and the target) and rethrown.
 */
export async function auditingRefusals<T>(
  options: RequestActionsOptions,
  call: { action: string; target?: string; credentials: BackstageCredentials },
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    await auditRefusal(options.auditor, error, {
      action: `action ${call.action}`,
      target: call.target ?? 'platform requests',
      actor: principalOf(call.credentials),
    });
    throw error;
  }
}
