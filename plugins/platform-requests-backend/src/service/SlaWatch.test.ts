/*
 * The SLA warnings on SQLite and PostgreSQL: a request opened at a fixed
 * time, checked at chosen moments (the check takes `now`), so it crosses
 * 80 % and then 100 % of its triage SLA. One warning per threshold, however
 * often and on however many instances the check runs; a failed send is
 * tried again. What the warnings become as mail is tested in the backend
 * package (real notifications backend, real SMTP server).
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SLA_TARGETS,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { SlaAlertStore } from '../database/SlaAlertStore';
import { keyOf } from '../database/tables';
import { RequestNotifier } from './RequestNotifier';
import { SlaWatch } from './SlaWatch';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR_MS = 3_600_000;
const PLATFORM_TEAM = 'group:default/platform-team';
const sam = { userRef: 'user:default/sam', team: 'group:default/checkout' };
// Critical: 4 h to triage, 72 h to resolve.
const OPENED = Date.parse('2026-12-01T08:00:00.000Z');
const at = (hours: number) => new Date(OPENED + hours * HOUR_MS);

const events: EventsService = {
  async publish() {},
  async subscribe() {},
};

function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  let failNext = 0;
  const service: NotificationService = {
    async send(options) {
      if (failNext > 0) {
        failNext--;
        throw new Error('notifications backend unavailable');
      }
      sent.push(options);
    },
  };
  return {
    sent,
    service,
    failNextSends: (n: number) => {
      failNext = n;
    },
  };
}

describe.each(databases.eachSupportedId())('SlaWatch on %p', databaseId => {
  let knex: Knex;
  let store: DatabaseRequestStore;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    store = await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
      settings: {
        priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
        sla: DEFAULT_SLA_TARGETS,
      },
    });
  });

  beforeEach(async () => {
    // Each test looks at its own requests only.
    await knex('requests').delete();
  });

  async function fileCritical(title: string) {
    const row = await store.createRequest(
      {
        title,
        description: 'Production deploys are blocked.',
        category: 'pain-point',
        urgency: 'critical',
        impact: { peopleAffected: 40, hoursLostPerWeek: 80 },
        requestingTeam: sam.team,
        relatedEntities: [],
        tags: [],
      },
      sam,
    );
    const opened = new Date(OPENED).toISOString();
    await knex('requests')
      .where('id', row.id)
      .update({ created_at: opened, opened_at: opened });
    return keyOf(row.id);
  }

  function watch(notifications = recordingNotifications()) {
    const slaWatch = new SlaWatch({
      store: new SlaAlertStore(knex),
      notifier: new RequestNotifier(
        events,
        notifications.service,
        mockServices.logger.mock(),
      ),
      config: { sla: DEFAULT_SLA_TARGETS, platformTeam: PLATFORM_TEAM },
      logger: mockServices.logger.mock(),
    });
    return { slaWatch, notifications };
  }

  it('warns the platform team once at 80 % and once at the breach, on two instances running concurrently', async () => {
    const key = await fileCritical('Deploys blocked');
    const notifications = recordingNotifications();
    const a = watch(notifications).slaWatch;
    const b = watch(notifications).slaWatch;

    // 3 h of 4: 75 %, nothing yet.
    expect(await a.check(at(3))).toBe(0);
    expect(notifications.sent).toEqual([]);

    // 3.2 h: 80 %, checked twice on both instances at once.
    const first = await Promise.all([
      a.check(at(3.2)),
      b.check(at(3.2)),
      a.check(at(3.25)),
      b.check(at(3.25)),
    ]);
    expect(first.reduce((x, y) => x + y)).toBe(1);
    expect(notifications.sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: PLATFORM_TEAM },
        payload: {
          title: `${key} is at 80 % of its triage SLA: Deploys blocked`,
          description:
            'Triage was due by 2026-12-01T12:00:00.000Z (critical urgency, 4 h target). Requested by user:default/sam for group:default/checkout; status new.',
          link: `/requests/${key}`,
          topic: 'request-sla',
          severity: 'high',
        },
      },
    ]);

    // Past 4 h: breached; again twice on both.
    const second = await Promise.all([
      a.check(at(4.1)),
      b.check(at(4.1)),
      a.check(at(5)),
      b.check(at(5)),
    ]);
    expect(second.reduce((x, y) => x + y)).toBe(1);
    expect(notifications.sent).toHaveLength(2);
    expect(notifications.sent[1].payload).toMatchObject({
      title: `${key} breached its triage SLA: Deploys blocked`,
      severity: 'critical',
      topic: 'request-sla',
      link: `/requests/${key}`,
    });

    expect(
      await knex('sla_alerts')
        .select('clock', 'threshold')
        .orderBy('threshold'),
    ).toEqual([
      { clock: 'triage', threshold: 80 },
      { clock: 'triage', threshold: 100 },
    ]);
  });

  it('stops the triage clock once triaged, and warns about resolving later', async () => {
    const key = await fileCritical('Certificates expire');
    const { slaWatch, notifications } = watch();
    await knex('requests')
      .where('id', Number(key.split('-')[1]))
      .update({ status: 'triaged', triaged_at: at(1).toISOString() });

    expect(await slaWatch.check(at(10))).toBe(0);
    // 72 h to resolve: 80 % at 57.6 h.
    expect(await slaWatch.check(at(58))).toBe(1);
    expect(notifications.sent.map(n => n.payload.title)).toEqual([
      `${key} is at 80 % of its resolve SLA: Certificates expire`,
    ]);
  });

  it('sends only the breach for a request first seen past its due time, and nothing once it is closed', async () => {
    const key = await fileCritical('Old and forgotten');
    const { slaWatch, notifications } = watch();
    expect(await slaWatch.check(at(6))).toBe(1);
    expect(notifications.sent.map(n => n.payload.title)).toEqual([
      `${key} breached its triage SLA: Old and forgotten`,
    ]);

    await knex('requests')
      .where('id', Number(key.split('-')[1]))
      .update({ status: 'declined', resolved_at: at(7).toISOString() });
    expect(await slaWatch.check(at(100))).toBe(0);
  });

  it('gives the claim back when sending fails, so the next check sends it', async () => {
    const key = await fileCritical('Flaky runners');
    const { slaWatch, notifications } = watch();
    notifications.failNextSends(1);

    expect(await slaWatch.check(at(3.5))).toBe(0);
    expect(await knex('sla_alerts')).toEqual([]);

    expect(await slaWatch.check(at(3.6))).toBe(1);
    expect(notifications.sent.map(n => n.payload.title)).toEqual([
      `${key} is at 80 % of its triage SLA: Flaky runners`,
    ]);
  });
});
