/*
 * What the signed-in user may do with one request. The permission policy
 * decides who (the requester, the platform team); the workflow decides when
 * (edit while new, rate when done, reopen within the window after it
 * closed). The server checks both again, so this only hides what would be
 * refused.
 */
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  isOpen,
  PlatformRequest,
  platformRequestCommentPermission,
  platformRequestEditPermission,
  platformRequestRequesterActionPermission,
  platformRequestTriagePermission,
  platformRequestVotePermission,
} from '@internal/plugin-platform-requests-common';
import useAsync from 'react-use/esm/useAsync';
import { canStillReopen } from '../lib/reopenWindow';
import { usePlatformRequestsConfig } from './usePlatformRequestsConfig';

export function useRequestPermissions(request: PlatformRequest | undefined) {
  const key = request?.key;
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const config = usePlatformRequestsConfig();
  const vote = usePermission({ permission: platformRequestVotePermission });
  const comment = usePermission({
    permission: platformRequestCommentPermission,
  });
  const triage = usePermission({ permission: platformRequestTriagePermission });
  const edit = usePermission({
    permission: platformRequestEditPermission,
    resourceRef: key,
  });
  const requester = usePermission({
    permission: platformRequestRequesterActionPermission,
    resourceRef: key,
  });
  const status = request?.status;
  const isRequester =
    !!request && identity.value?.userEntityRef === request.requester;
  const closed = status === 'done' || status === 'declined';
  return {
    // Votes steer what is still to do; the server refuses them once closed.
    canVote: vote.allowed && !!status && isOpen(status),
    canComment: comment.allowed,
    canTriage: triage.allowed,
    canEdit: edit.allowed && status === 'new',
    // The policy also lets the platform team act for requesters; rating is
    // the requester's own verdict, so only they are offered it.
    canRate:
      requester.allowed && isRequester && status === 'done' && !request?.rating,
    canReopen:
      requester.allowed &&
      closed &&
      !!request &&
      canStillReopen(request, config.value?.reopenWindowDays),
  };
}
