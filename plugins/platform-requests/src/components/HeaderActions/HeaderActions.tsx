/*
 * Shortcuts in the header of every platform-requests page: file a request,
 * and for the platform team the triage board.
 */
import { usePermission } from '@backstage/plugin-permission-react';
import { ButtonLink, Flex } from '@backstage/ui';
import {
  platformRequestCreatePermission,
  platformRequestTriagePermission,
} from '@internal/plugin-platform-requests-common';
import { useRequestLinks } from '../../hooks/useRequestLinks';

export const HeaderActions = () => {
  const { newRequestLink, triageLink } = useRequestLinks();
  const triage = usePermission({ permission: platformRequestTriagePermission });
  const create = usePermission({ permission: platformRequestCreatePermission });
  return (
    <Flex gap="2">
      {triage.allowed && triageLink && (
        <ButtonLink href={triageLink} variant="secondary" size="small">
          Triage board
        </ButtonLink>
      )}
      {create.allowed && newRequestLink && (
        <ButtonLink href={newRequestLink} variant="primary" size="small">
          File a request
        </ButtonLink>
      )}
    </Flex>
  );
};
