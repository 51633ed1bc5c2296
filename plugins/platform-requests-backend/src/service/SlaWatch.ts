/*
 * Warns the platform team when an open request reaches 80 % of its triage or
 * resolve SLA, and again when it breaches it: a notification to the team's
 * Group (and so an email to each member who has email on). The clocks are
 * the common package's (slaOf); a request first seen past its due time gets
 * the breach warning only.
 *
 * Once per request, clock and threshold, across runs and replicas: the
 * warning is claimed in sla_alerts (insert-or-ignore on the primary key)
 * before it is sent, and given back if sending fails, so the next run
 * tries again. The scheduled task is global, so normally one replica runs
 * it; the claim holds even if two do.
 *
 * A reopened request keeps the warnings it already had.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  REQUEST_NOTIFICATION_TOPICS,
  SlaClock,
} from '@internal/plugin-platform-requests-common';
import { PlatformRequestsConfig } from '../config';
import {
  alertId,
  SlaAlertKey,
  SlaAlertStore,
  SlaClockName,
  SlaThreshold,
} from '../database/SlaAlertStore';
import { slaOf } from '../database/requestViews';
import type { StoredRequest } from '../database/RequestStore';
import { keyOf } from '../database/tables';
import { requestLink, RequestNotifier } from './RequestNotifier';

const WARN_AT = 0.8;
const HOUR_MS = 3_600_000;

/** The highest threshold a running clock has reached, if any. */
export function reachedThreshold(
  clock: SlaClock,
  now: Date,
): SlaThreshold | undefined {
  if (clock.metAt) return undefined;
  if (clock.breached) return 100;
  const targetMs = clock.targetHours * HOUR_MS;
  const startedAt = Date.parse(clock.dueAt) - targetMs;
  return now.getTime() - startedAt >= WARN_AT * targetMs ? 80 : undefined;
}

export class SlaWatch {
  constructor(
    private readonly options: {
      store: SlaAlertStore;
      notifier: RequestNotifier;
      config: Pick<PlatformRequestsConfig, 'sla' | 'platformTeam'>;
      logger: LoggerService;
    },
  ) {}

  /** Sends the warnings due at `now`; returns how many this run sent. */
  async check(now: Date = new Date()): Promise<number> {
    const { store } = this.options;
    const rows = await store.openRequests();
    const sent = await store.sent(rows.map(r => r.id));
    let count = 0;
    for (const row of rows) {
      const sla = slaOf(row, this.options.config.sla, now);
      for (const clock of ['triage', 'resolve'] as const) {
        const threshold = reachedThreshold(sla[clock], now);
        if (!threshold || sent.has(alertId(row.id, clock, threshold))) {
          continue;
        }
        const key = { requestId: row.id, clock, threshold };
        if (await this.warn(row, key, sla[clock], now)) count++;
      }
    }
    return count;
  }

  private async warn(
    row: StoredRequest,
    alert: SlaAlertKey,
    clock: SlaClock,
    now: Date,
  ): Promise<boolean> {
    const { store, notifier, logger, config } = this.options;
    if (!(await store.claim(alert, now))) return false;
    const key = keyOf(row.id);
    try {
      await notifier.notifyGroup({
        group: config.platformTeam,
        link: requestLink(key),
        ...warningText(row, alert.clock, alert.threshold, clock),
        topic: REQUEST_NOTIFICATION_TOPICS.sla,
        severity: alert.threshold === 100 ? 'critical' : 'high',
      });
      return true;
    } catch (error) {
      await store.release(alert);
      logger.warn(
        `Could not send the ${alert.threshold} % ${alert.clock} SLA warning for ${key}; the next check tries again`,
        { error: String(error) },
      );
      return false;
    }
  }
}

function warningText(
  row: StoredRequest,
  clockName: SlaClockName,
  threshold: SlaThreshold,
  clock: SlaClock,
) {
  const key = keyOf(row.id);
  const what = clockName === 'triage' ? 'triage' : 'resolve';
  const title =
    threshold === 100
      ? `${key} breached its ${what} SLA: ${row.title}`
      : `${key} is at 80 % of its ${what} SLA: ${row.title}`;
  const due = `${what === 'triage' ? 'Triage' : 'Resolution'} was due ${
    threshold === 100 ? '' : 'by '
  }${clock.dueAt} (${row.urgency} urgency, ${clock.targetHours} h target)`;
  return {
    title,
    description: `${due}. Requested by ${row.requester} for ${row.requestingTeam}; status ${row.status}.`,
  };
}
