/*
 * Reads `platformRequests.*` and `lodestar.platformTeam` once at start-up,
 * filling in the common package's defaults, so the rest of the plugin works
 * with plain values and a bad config fails the start instead of a request.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DEFAULT_CATEGORIES,
  DEFAULT_PLATFORM_TEAM,
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SLA_TARGETS,
  PriorityWeights,
  RequestCategory,
  SlaTargets,
  URGENCIES,
} from '@internal/plugin-platform-requests-common';

export type PlatformRequestsConfig = {
  categories: RequestCategory[];
  reopenWindowDays: number;
  priorityWeights: PriorityWeights;
  sla: SlaTargets;
  /** Entity ref of the Group that triages. */
  platformTeam: string;
};

export const DEFAULT_REOPEN_WINDOW_DAYS = 14;

export function readPlatformRequestsConfig(
  config: Config,
): PlatformRequestsConfig {
  const section = config.getOptionalConfig('platformRequests');

  const categories =
    section?.getOptionalConfigArray('categories')?.map(c => ({
      id: c.getString('id'),
      title: c.getString('title'),
    })) ?? DEFAULT_CATEGORIES;
  if (categories.length === 0) {
    throw new Error('platformRequests.categories must not be empty');
  }

  const reopenWindowDays =
    section?.getOptionalNumber('reopenWindowDays') ??
    DEFAULT_REOPEN_WINDOW_DAYS;
  if (!(reopenWindowDays >= 0)) {
    throw new Error('platformRequests.reopenWindowDays must be 0 or more');
  }

  const weights = section?.getOptionalConfig('priorityWeights');
  const priorityWeights = { ...DEFAULT_PRIORITY_WEIGHTS };
  for (const factor of Object.keys(priorityWeights) as Array<
    keyof PriorityWeights
  >) {
    priorityWeights[factor] =
      weights?.getOptionalNumber(factor) ?? priorityWeights[factor];
  }

  const slaSection = section?.getOptionalConfig('sla');
  const sla = {} as SlaTargets;
  for (const urgency of URGENCIES) {
    const target = slaSection?.getOptionalConfig(urgency);
    sla[urgency] = {
      triageHours:
        target?.getOptionalNumber('triageHours') ??
        DEFAULT_SLA_TARGETS[urgency].triageHours,
      resolveHours:
        target?.getOptionalNumber('resolveHours') ??
        DEFAULT_SLA_TARGETS[urgency].resolveHours,
    };
  }

  return {
    categories,
    reopenWindowDays,
    priorityWeights,
    sla,
    platformTeam:
      config.getOptionalString('lodestar.platformTeam') ??
      DEFAULT_PLATFORM_TEAM,
  };
}

/**
 * How often the SLA warnings are checked
 * (`platformRequests.slaAlerts.schedule`); every 5 minutes by default.
 */
export function readSlaAlertSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(
    'platformRequests.slaAlerts.schedule',
  );
  if (schedule) {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  }
  return {
    frequency: { minutes: 5 },
    timeout: { minutes: 2 },
    initialDelay: { minutes: 1 },
  };
}

/**
 * When the weekly intake digest goes out
 * (`platformRequests.weeklyDigest.schedule`); Mondays at 08:00 UTC by
 * default.
 */
export function readWeeklyDigestSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(
    'platformRequests.weeklyDigest.schedule',
  );
  if (schedule) {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  }
  return { frequency: { cron: '0 8 * * 1' }, timeout: { minutes: 5 } };
}
