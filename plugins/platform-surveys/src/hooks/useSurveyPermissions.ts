/*
 * What the signed-in person may do with surveys, for showing the platform
 * team's controls; the backend decides either way. Asked of the permission
 * API directly (not usePermission's process-wide cache), so that a page
 * always shows the answer for the person signed in now.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  platformSurveyCreatePermission,
  platformSurveyResultsReadPermission,
} from '@internal/plugin-platform-surveys-common';
import useAsync from 'react-use/esm/useAsync';

export function useSurveyPermissions() {
  const permissionApi = useApi(permissionApiRef);
  const { value } = useAsync(async () => {
    const [create, results] = await Promise.all(
      [platformSurveyCreatePermission, platformSurveyResultsReadPermission].map(
        permission => permissionApi.authorize({ permission }),
      ),
    );
    return {
      canCreate: create.result === AuthorizeResult.ALLOW,
      canReadResults: results.result === AuthorizeResult.ALLOW,
    };
  }, [permissionApi]);
  return value ?? { canCreate: false, canReadResults: false };
}
