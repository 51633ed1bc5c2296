/*
 * The weekly intake digest to the platform team: what was filed in the last
 * seven days (the five with the highest priority by name), what was
 * resolved, what is open by status and how many open requests are past an
 * SLA. One notification to the platform team's Group (topic
 * `request-digest`), so members get it by mail where email is on.
 *
 * Once per week (Monday-based, UTC) across runs and replicas: the week is
 * claimed in weekly_digests before sending and given back if sending fails.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  isolate,
  REQUEST_NOTIFICATION_TOPICS,
} from '@internal/plugin-platform-requests-common';
import { PlatformRequestsConfig } from '../config';
import { DigestStore } from '../database/DigestStore';
import { SlaAlertStore } from '../database/SlaAlertStore';
import { slaOf } from '../database/requestViews';
import { keyOf } from '../database/tables';
import { RequestNotifier } from './RequestNotifier';

const DAY_MS = 86_400_000;
const TOP = 5;

/** The Monday (UTC) of the week `now` is in, as YYYY-MM-DD. */
export function weekOf(now: Date): string {
  const day = (now.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(now.getTime() - day * DAY_MS);
  return monday.toISOString().slice(0, 10);
}

export class IntakeDigest {
  constructor(
    private readonly options: {
      digests: DigestStore;
      requests: SlaAlertStore;
      notifier: RequestNotifier;
      config: Pick<PlatformRequestsConfig, 'sla' | 'platformTeam'>;
      logger: LoggerService;
    },
  ) {}

  /** Sends this week's digest unless it went out already; true if sent. */
  async send(now: Date = new Date()): Promise<boolean> {
    const { digests, notifier, config, logger } = this.options;
    const week = weekOf(now);
    if (!(await digests.claimWeek(week, now))) return false;
    try {
      const { title, description } = await this.compose(now);
      await notifier.notifyGroup({
        group: config.platformTeam,
        title,
        description,
        link: '/requests/triage',
        topic: REQUEST_NOTIFICATION_TOPICS.digest,
        severity: 'low',
      });
      return true;
    } catch (error) {
      await digests.releaseWeek(week);
      logger.warn(
        `Could not send the weekly intake digest for ${week}; the next run tries again`,
        { error: String(error) },
      );
      return false;
    }
  }

  async compose(now: Date) {
    const { digests, requests, config } = this.options;
    const from = new Date(now.getTime() - 7 * DAY_MS);
    const filed = await digests.filed(from, now);
    const resolved = await digests.resolved(from, now);
    const open = await requests.openRequests();

    const byStatus = new Map<string, number>();
    let pastSla = 0;
    for (const row of open) {
      byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
      const sla = slaOf(row, config.sla, now);
      if (
        (!sla.triage.metAt && sla.triage.breached) ||
        (!sla.resolve.metAt && sla.resolve.breached)
      ) {
        pastSla++;
      }
    }
    const resolvedCount = Object.values(resolved).reduce((a, b) => a + b, 0);
    const list = (entries: Array<[string, number]>) =>
      entries.length
        ? entries
            .map(([name, n]) => `${n} ${name.replace('_', ' ')}`)
            .join(', ')
        : 'none';

    const lines = [
      `Filed in the last 7 days: ${filed.length}.`,
      ...filed
        .slice(0, TOP)
        // Isolated: where the lines run together, a title's right-to-left
        // override would reverse the lines after it.
        .map(r => `- ${keyOf(r.id)} (${r.urgency}): ${isolate(r.title)}`),
      ...(filed.length > TOP ? [`- and ${filed.length - TOP} more`] : []),
      `Resolved: ${resolvedCount} (${list(Object.entries(resolved))}).`,
      `Open now: ${open.length} (${list([
        ...byStatus.entries(),
      ])}); ${pastSla} past an SLA.`,
    ];
    return {
      title: `Weekly intake: ${filed.length} new, ${resolvedCount} resolved, ${open.length} open`,
      description: lines.join('\n'),
    };
  }
}
