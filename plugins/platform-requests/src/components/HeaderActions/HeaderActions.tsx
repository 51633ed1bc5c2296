/*
 * Shortcuts in the header of every platform-requests page: file a request,
 * and for the platform team the triage board. A shortcut to the page being
 * shown is left out: the form needs no button that opens the form.
 */
import { usePermission } from '@backstage/plugin-permission-react';
import { ButtonLink, Flex } from '@backstage/ui';
import {
  platformRequestCreatePermission,
  platformRequestTriagePermission,
} from '@internal/plugin-platform-requests-common';
import { useLocation } from 'react-router-dom';
import { useRequestLinks } from '../../hooks/useRequestLinks';

const withoutTrailingSlash = (path: string) => path.replace(/\/+$/, '');

export const HeaderActions = () => {
  const { newRequestLink, triageLink } = useRequestLinks();
  const { pathname } = useLocation();
  const triage = usePermission({ permission: platformRequestTriagePermission });
  const create = usePermission({ permission: platformRequestCreatePermission });
  const elsewhere = (link: string | undefined): link is string =>
    !!link && withoutTrailingSlash(link) !== withoutTrailingSlash(pathname);
  return (
    <Flex gap="2">
      {triage.allowed && elsewhere(triageLink) && (
        <ButtonLink href={triageLink} variant="secondary" size="small">
          Triage board
        </ButtonLink>
      )}
      {create.allowed && elsewhere(newRequestLink) && (
        <ButtonLink href={newRequestLink} variant="primary" size="small">
          File a request
        </ButtonLink>
      )}
    </Flex>
  );
};
