/*
 * The warning on the triage board when the platform team's Group
 * (lodestar.platformTeam) is not in the catalog: then nobody is on the
 * platform team, so nobody can triage. The backend decides (GET
 * /platform-team, after the org sync had its chance); nothing shows while it
 * is still pending or when the lookup fails.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { Alert } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { platformRequestsApiRef } from '../../api';

export const PlatformTeamBanner = () => {
  const api = useApi(platformRequestsApiRef);
  const { value } = useAsync(() => api.getPlatformTeamStatus(), [api]);
  if (value?.status !== 'missing') return null;
  return (
    <div style={{ marginBottom: 16 }}>
      <Alert
        status="warning"
        icon
        title={`The platform team's group ${value.ref} is not in the catalog.`}
        description="Nobody can triage requests until it is. Set LODESTAR_PLATFORM_TEAM (lodestar.platformTeam) to a group your org sync brings in; see “People and teams” in docs/operations.md."
      />
    </div>
  );
};
