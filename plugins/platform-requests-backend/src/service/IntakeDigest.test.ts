/*
 * The weekly intake digest on SQLite and PostgreSQL, at chosen moments: what
 * it says, once per week however often and on however many instances it
 * runs, and tried again when sending failed.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EventsService } from '@backstage/plugin-events-node';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SLA_TARGETS,
  isolate,
} from '@internal/plugin-platform-requests-common';
import { Knex } from 'knex';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { DigestStore } from '../database/DigestStore';
import { SlaAlertStore } from '../database/SlaAlertStore';
import { keyOf } from '../database/tables';
import { IntakeDigest, weekOf } from './IntakeDigest';
import { RequestNotifier } from './RequestNotifier';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const DAY_MS = 86_400_000;
const PLATFORM_TEAM = 'group:default/platform-team';
const sam = { userRef: 'user:default/sam', team: 'group:default/checkout' };
// A Monday, 08:00 UTC.
const MONDAY = new Date('2026-11-30T08:00:00.000Z');

const events: EventsService = { async publish() {}, async subscribe() {} };

describe('weekOf', () => {
  it('is the Monday (UTC) that starts the week', () => {
    expect(weekOf(MONDAY)).toBe('2026-11-30');
    expect(weekOf(new Date('2026-12-06T23:59:59.000Z'))).toBe('2026-11-30');
    expect(weekOf(new Date('2026-12-07T00:00:00.000Z'))).toBe('2026-12-07');
  });
});

describe.each(databases.eachSupportedId())('IntakeDigest on %p', id => {
  let knex: Knex;
  let store: DatabaseRequestStore;
  const sent: NotificationSendOptions[] = [];
  let failNext = 0;
  const notifications: NotificationService = {
    async send(options) {
      if (failNext > 0) {
        failNext--;
        throw new Error('notifications backend unavailable');
      }
      sent.push(options);
    },
  };

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
      settings: {
        priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
        sla: DEFAULT_SLA_TARGETS,
      },
    });
  });
  beforeEach(async () => {
    sent.length = 0;
    await knex('requests').delete();
    await knex('weekly_digests').delete();
  });

  const digest = () =>
    new IntakeDigest({
      digests: new DigestStore(knex),
      requests: new SlaAlertStore(knex),
      notifier: new RequestNotifier(
        events,
        notifications,
        mockServices.logger.mock(),
      ),
      config: { sla: DEFAULT_SLA_TARGETS, platformTeam: PLATFORM_TEAM },
      logger: mockServices.logger.mock(),
    });

  async function file(
    title: string,
    urgency: 'low' | 'critical',
    daysAgo: number,
  ) {
    const row = await store.createRequest(
      {
        title,
        description: '',
        category: 'other',
        urgency,
        impact: { peopleAffected: 5, hoursLostPerWeek: 5 },
        requestingTeam: sam.team,
        relatedEntities: [],
        tags: [],
      },
      sam,
    );
    const at = new Date(MONDAY.getTime() - daysAgo * DAY_MS).toISOString();
    await knex('requests')
      .where('id', row.id)
      .update({ created_at: at, opened_at: at });
    return row.id;
  }

  it('tells the platform team what came in, what was resolved and what is open, once a week', async () => {
    const old = await file('Old request', 'low', 30);
    const critical = await file('Deploys blocked', 'critical', 2);
    await file('Nice to have', 'low', 1);
    await knex('requests')
      .where('id', old)
      .update({
        status: 'done',
        resolved_at: new Date(MONDAY.getTime() - DAY_MS).toISOString(),
      });

    const a = digest();
    const b = digest();
    const runs = await Promise.all([
      a.send(MONDAY),
      b.send(MONDAY),
      a.send(new Date(MONDAY.getTime() + 3 * DAY_MS)),
    ]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: PLATFORM_TEAM },
      payload: {
        title: 'Weekly intake: 2 new, 1 resolved, 2 open',
        link: '/requests/triage',
        topic: 'request-digest',
        severity: 'low',
      },
    });
    expect(sent[0].payload.description).toBe(
      [
        'Filed in the last 7 days: 2.',
        `- ${keyOf(critical)} (critical): ${isolate('Deploys blocked')}`,
        `- ${keyOf(critical + 1)} (low): ${isolate('Nice to have')}`,
        'Resolved: 1 (1 done).',
        // The critical one is 2 days untriaged: past its 4 h triage SLA.
        'Open now: 2 (2 new); 1 past an SLA.',
      ].join('\n'),
    );

    // The next week gets its own.
    expect(await a.send(new Date(MONDAY.getTime() + 7 * DAY_MS))).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it('gives the week back when sending fails, so the next run sends it', async () => {
    failNext = 1;
    expect(await digest().send(MONDAY)).toBe(false);
    expect(await knex('weekly_digests')).toEqual([]);
    expect(await digest().send(MONDAY)).toBe(true);
    expect(sent.map(n => n.payload.title)).toEqual([
      'Weekly intake: 0 new, 0 resolved, 0 open',
    ]);
  });
});
