/*
 * Template runs: copies scaffolder task outcomes (template, user, team,
 * status, duration, hours saved) into kpi_template_runs. It pages through
 * tasks newest first and stops at the point before which every task had
 * already finished at its last run, so it reads only what can have changed.
 * Upserts by task id: safe to rerun.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { Duration } from 'luxon';
import { CollectorState } from '../database/CollectorState';
import { PluginClient } from './PluginClient';

const PAGE = 100;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

type Task = {
  id: string;
  status: string;
  createdAt: string;
  lastHeartbeatAt?: string;
  createdBy?: string;
  spec?: {
    templateInfo?: { entityRef?: string };
    user?: { ref?: string };
  };
};

type State = { settledBefore: number };

/** Hours from a template's backstage.io/time-saved (an ISO 8601 duration). */
export function hoursSaved(template: Entity | undefined): number {
  const value = template?.metadata.annotations?.['backstage.io/time-saved'];
  if (!value) return 0;
  const hours = Duration.fromISO(value).as('hours');
  return Number.isFinite(hours) && hours > 0 ? hours : 0;
}

export async function collectTemplateRuns(deps: {
  knex: Knex;
  client: PluginClient;
  catalog: CatalogService;
  auth: AuthService;
  state: CollectorState;
  now?: () => number;
  /** Tasks per request to the scaffolder (smaller in tests, to page). */
  pageSize?: number;
}): Promise<{ tasks: number }> {
  const { knex, client, catalog, auth, state, pageSize = PAGE } = deps;
  const now = (deps.now ?? Date.now)();
  const previous = (await state.read<State>('template-runs')) ?? {
    settledBefore: 0,
  };
  const credentials = await auth.getOwnServiceCredentials();
  const entities = new Map<string, Promise<Entity | undefined>>();
  const entity = (ref: string) => {
    if (!entities.has(ref))
      entities.set(ref, catalog.getEntityByRef(ref, { credentials }));
    return entities.get(ref)!;
  };

  const rows: Record<string, unknown>[] = [];
  let oldestUnsettled = Number.POSITIVE_INFINITY;
  let newest = previous.settledBefore;
  for (let offset = 0; ; offset += pageSize) {
    const { tasks } = await client.get<{ tasks: Task[] }>(
      'scaffolder',
      `/v2/tasks?order=desc:created_at&limit=${pageSize}&offset=${offset}`,
    );
    let reachedSettled = false;
    for (const task of tasks) {
      const createdAt = Date.parse(task.createdAt);
      if (createdAt < previous.settledBefore) {
        reachedSettled = true;
        break;
      }
      newest = Math.max(newest, createdAt);
      if (!TERMINAL.has(task.status))
        oldestUnsettled = Math.min(oldestUnsettled, createdAt);
      const templateRef = task.spec?.templateInfo?.entityRef ?? 'unknown';
      const userRef = task.spec?.user?.ref ?? task.createdBy ?? null;
      const user = userRef ? await entity(userRef) : undefined;
      const team =
        (user?.relations ?? [])
          .find(r => r.type === 'memberOf')
          ?.targetRef.toLocaleLowerCase('en-US') ?? null;
      // The scaffolder stamps no finish time; a running task's heartbeat
      // (about every second) is the nearest.
      const finishedAt =
        TERMINAL.has(task.status) && task.lastHeartbeatAt
          ? Date.parse(task.lastHeartbeatAt)
          : null;
      rows.push({
        task_id: task.id,
        template_ref: templateRef.toLocaleLowerCase('en-US'),
        user_ref: userRef,
        team_ref: team,
        status: task.status,
        created_at: createdAt,
        finished_at: finishedAt,
        duration_ms:
          finishedAt === null ? null : Math.max(0, finishedAt - createdAt),
        hours_saved:
          task.status === 'completed' && templateRef !== 'unknown'
            ? hoursSaved(await entity(templateRef))
            : 0,
      });
    }
    if (reachedSettled || tasks.length < pageSize) break;
  }

  await knex.transaction(async tx => {
    for (let i = 0; i < rows.length; i += 100) {
      await tx('kpi_template_runs')
        .insert(rows.slice(i, i + 100))
        .onConflict('task_id')
        .merge();
    }
    const settledBefore = Number.isFinite(oldestUnsettled)
      ? oldestUnsettled
      : newest;
    await state.write('template-runs', { settledBefore }, now, tx);
  });
  return { tasks: rows.length };
}
