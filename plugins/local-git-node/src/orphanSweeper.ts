/*
 * A template run that publishes a repository and then fails (say, at
 * catalog:register) would leave a repository nobody asked for. Each local
 * repository remembers the task that created it; once that task has failed
 * or was cancelled, the repository is removed, so a retry with the same name
 * starts clean.
 */
import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { LocalGitStore } from './LocalGitStore';

const SETTLED = 'lodestar.settled';

export type TaskStatusLookup = (taskId: string) => Promise<string | undefined>;

/** Asks the scaffolder for a task's status, as this plugin (a service). */
export function scaffolderTaskStatus(
  discovery: DiscoveryService,
  auth: AuthService,
): TaskStatusLookup {
  return async taskId => {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const base = await discovery.getBaseUrl('scaffolder');
    const res = await fetch(`${base}/v2/tasks/${encodeURIComponent(taskId)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`scaffolder answered ${res.status}`);
    return (await res.json()).status;
  };
}

/** Removes repositories of failed runs; returns the names removed. */
export async function sweepOrphans(
  store: LocalGitStore,
  taskStatus: TaskStatusLookup,
  logger: LoggerService,
  options: {
    names?: string[];
    /**
     * Repositories known to be settled, kept between sweeps so that each
     * one's git config is read once per process, not every 10 seconds.
     */
    settled?: Set<string>;
  } = {},
): Promise<string[]> {
  const settled = options.settled ?? new Set<string>();
  const removed: string[] = [];
  for (const name of options.names ?? (await store.list())) {
    if (settled.has(name)) continue;
    const taskId = await store.getConfig(name, 'lodestar.taskId');
    if (!taskId || (await store.getConfig(name, SETTLED)) === 'true') {
      settled.add(name);
      continue;
    }
    const status = await taskStatus(taskId);
    if (status === 'failed' || status === 'cancelled') {
      await store.remove(name);
      removed.push(name);
      logger.info(
        `Removed repository ${name}: the template run ${taskId} that created it ${status}`,
      );
    } else if (status === 'completed' || status === undefined) {
      await store.setConfig(name, SETTLED, 'true');
      settled.add(name);
    }
  }
  return removed;
}
