/*
 * Whether every org sync (the catalog's LDAP, Entra ID and GitHub org
 * providers) has finished at least one run since start-up, read from the
 * catalog plugin's scheduler API (GET <catalog>/.backstage/scheduler/v1/tasks,
 * https://backstage.io/docs/backend-system/core-services/scheduler#rest-api).
 * A run that failed counts as finished: the source had its chance. With no
 * org source configured there is nothing to wait for.
 */
import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';

/** Task ids of the org entity providers' scheduled refreshes. */
const ORG_SYNC_TASK =
  /^(LdapOrgEntityProvider|MicrosoftGraphOrgEntityProvider|GithubMultiOrgEntityProvider|GithubOrgEntityProvider):.+:refresh$/;

type SchedulerTasks = {
  tasks: Array<{
    taskId: string;
    taskState: { lastRunEndedAt?: string } | null;
  }>;
};

export function createOrgSyncProgress(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
}): () => Promise<boolean> {
  const { discovery, auth, logger } = options;
  return async () => {
    try {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'catalog',
      });
      const base = await discovery.getBaseUrl('catalog');
      const res = await fetch(`${base}/.backstage/scheduler/v1/tasks`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { tasks } = (await res.json()) as SchedulerTasks;
      return tasks
        .filter(t => ORG_SYNC_TASK.test(t.taskId))
        .every(t => !!t.taskState?.lastRunEndedAt);
    } catch (e) {
      // Not knowing must not silence the check for good.
      logger.debug(`Could not read the catalog's org sync tasks: ${e}`);
      return true;
    }
  };
}
