/*
 * The rating after a golden-path run. Only the person who ran it rates it,
 * once it has finished (completed or failed: a failed run is worth hearing
 * about too); rating again replaces the score. The scaffolder is asked for
 * the run with the person's own credentials, so it applies its own rules to
 * who may see the task. Results are per template, cut at the anonymity
 * floor; there is no total across templates, so hidden templates cannot be
 * worked out by differencing.
 */
import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import {
  RunRatings,
  SCALES,
  TemplateRating,
} from '@internal/plugin-platform-surveys-common';
import { createHmac } from 'node:crypto';
import { SurveyStore } from '../database/SurveyStore';
import { compareText } from './anonymity';
import { meanOf, round2 } from './statistics';

const FINISHED = new Set(['completed', 'failed']);

export type ScaffolderTask = {
  id: string;
  status: string;
  createdBy?: string;
  spec?: {
    templateInfo?: { entityRef?: string };
    user?: { ref?: string };
  };
};

/** Reads one scaffolder task as the person asking. */
export type TaskReader = (
  taskId: string,
  credentials: BackstageCredentials,
) => Promise<ScaffolderTask | undefined>;

export function createTaskReader(deps: {
  discovery: DiscoveryService;
  auth: AuthService;
  fetch?: typeof fetch;
}): TaskReader {
  const doFetch = deps.fetch ?? fetch;
  return async (taskId, credentials) => {
    const base = await deps.discovery.getBaseUrl('scaffolder');
    const { token } = await deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'scaffolder',
    });
    const res = await doFetch(
      `${base}/v2/tasks/${encodeURIComponent(taskId)}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (res.status === 404) return undefined;
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as ScaffolderTask;
  };
}

export class RunRatingService {
  constructor(
    private readonly store: SurveyStore,
    private readonly readTask: TaskReader,
    private readonly key: string,
    private readonly floor: number,
  ) {}

  async rate(
    taskId: string,
    score: number,
    person: { userEntityRef: string; credentials: BackstageCredentials },
    now: Date,
  ): Promise<{ rated: true }> {
    const task = await this.readTask(taskId, person.credentials);
    if (!task) throw new NotFoundError(`no golden-path run ${taskId}`);
    const ranBy = task.spec?.user?.ref ?? task.createdBy;
    if (
      ranBy?.toLocaleLowerCase('en-US') !==
      person.userEntityRef.toLocaleLowerCase('en-US')
    ) {
      throw new NotAllowedError(
        'only the person who ran a golden path rates the run',
      );
    }
    if (!FINISHED.has(task.status)) {
      throw new ConflictError(
        `run ${taskId} is ${task.status}; rate it once it has finished`,
      );
    }
    await this.store.saveRunRating({
      runHash: createHmac('sha256', this.key)
        .update(`golden-path-run\n${taskId}`)
        .digest('hex'),
      templateRef: task.spec?.templateInfo?.entityRef ?? 'unknown',
      score,
      month: now.toISOString().slice(0, 7),
    });
    return { rated: true };
  }

  async ratings(): Promise<RunRatings> {
    const counts = await this.store.runRatingCounts();
    const templates = [...new Set(counts.map(c => c.templateRef))].sort(
      compareText,
    );
    return {
      floor: this.floor,
      templates: templates.map((template): TemplateRating => {
        const mine = counts.filter(c => c.templateRef === template);
        const distribution = SCALES.agreement.map(value => ({
          value,
          count: mine.find(c => c.score === value)?.count ?? 0,
        }));
        const n = distribution.reduce((sum, d) => sum + d.count, 0);
        if (n < this.floor) return { template, enough: false };
        return {
          template,
          enough: true,
          n,
          mean: round2(meanOf(distribution)),
          distribution,
        };
      }),
    };
  }
}
