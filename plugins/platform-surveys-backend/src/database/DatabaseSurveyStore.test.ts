import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { RoundNotifier } from '../service/RoundNotifier';
import { DatabaseSurveyStore } from './DatabaseSurveyStore';
import { migrationsDir } from './migrations';
import { StoredSurvey } from './SurveyStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function survey(overrides: Partial<StoredSurvey> = {}): StoredSurvey {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    title: 'Pulse',
    description: '',
    questions: [{ id: 'q1', kind: 'agreement', text: 'Fast CI' }],
    audience: { kind: 'groups', groups: ['group:default/search-team'] },
    opensAt: '2026-01-05T09:00:00.000Z',
    closesAt: '2026-01-19T09:00:00.000Z',
    repeat: { every: 'quarter', rounds: 2 },
    createdBy: 'user:default/priya',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('DatabaseSurveyStore on %p', id => {
  let knex: Knex;
  let store: DatabaseSurveyStore;
  beforeAll(async () => {
    knex = await databases.init(id);
    store = await DatabaseSurveyStore.create({
      database: mockServices.database({ knex }),
    });
  });

  it('round-trips a survey', async () => {
    const s = survey({ id: '00000000-0000-4000-8000-0000000000aa' });
    await store.createSurvey(s);
    expect(await store.getSurvey(s.id)).toEqual(s);
  });

  it('replaces a response whole, answers and team together', async () => {
    const s = survey({ id: '00000000-0000-4000-8000-0000000000bb' });
    await store.createSurvey(s);
    const key = { surveyId: s.id, round: 1, respondentHash: 'h'.repeat(64) };
    expect(await store.saveResponse(key, 'group:default/a', { q1: 2 })).toEqual(
      { replaced: false },
    );
    expect(await store.saveResponse(key, 'group:default/b', { q1: 5 })).toEqual(
      { replaced: true },
    );
    expect(await store.respondentsByTeam(s.id, 1)).toEqual([
      { team: 'group:default/b', n: 1 },
    ]);
    expect(
      await store.valueCounts(s.id, 1, ['q1'], {
        kind: 'teams',
        teams: ['group:default/a'],
      }),
    ).toEqual([]);
    expect(await store.valueCounts(s.id, 1, ['q1'], { kind: 'all' })).toEqual([
      { questionId: 'q1', value: 5, count: 1 },
    ]);
    expect(await store.answered([key, { ...key, round: 2 }])).toEqual(
      new Set([key.respondentHash]),
    );
  });

  it('counts and reads free text per team in one query, only for the named teams', async () => {
    const s = survey({
      id: '00000000-0000-4000-8000-0000000000dd',
      questions: [
        { id: 'q1', kind: 'agreement', text: 'Fast CI' },
        { id: 'q2', kind: 'text', text: 'Anything else?' },
      ],
    });
    await store.createSurvey(s);
    const answer = async (
      hash: string,
      team: string | null,
      answers: Record<string, number | string>,
    ) =>
      store.saveResponse(
        { surveyId: s.id, round: 1, respondentHash: hash.repeat(64) },
        team,
        answers,
      );
    await answer('a', 'group:default/a', { q1: 4, q2: 'zebra' });
    await answer('b', 'group:default/a', { q1: 4, q2: 'apple' });
    await answer('c', null, { q1: 2 });
    await answer('d', 'group:default/hidden', { q1: 1, q2: 'secret' });
    const teams = ['group:default/a', null];

    const counts = await store.valueCountsByTeam(s.id, 1, ['q1'], teams);
    expect(counts.sort((x, y) => Number(x.value) - Number(y.value))).toEqual([
      { team: null, questionId: 'q1', value: 2, count: 1 },
      { team: 'group:default/a', questionId: 'q1', value: 4, count: 2 },
    ]);
    expect(await store.textAnswersByTeam(s.id, 1, ['q2'], teams)).toEqual([
      { team: 'group:default/a', questionId: 'q2', text: 'apple' },
      { team: 'group:default/a', questionId: 'q2', text: 'zebra' },
    ]);
    expect(await store.textAnswersByTeam(s.id, 1, ['q2'], [])).toEqual([]);
  });

  it('announces an open round once, to its audience, and again after a failed send', async () => {
    const s = survey({
      id: '00000000-0000-4000-8000-0000000000cc',
      audience: { kind: 'groups', groups: ['group:default/search-team'] },
    });
    await store.createSurvey(s);
    const sent: NotificationSendOptions[] = [];
    let fail = true;
    const notifier = new RoundNotifier(
      store,
      {
        async send(n) {
          if (fail) throw new Error('notifications backend is down');
          sent.push(n);
        },
      },
      mockServices.logger.mock(),
    );
    // Round 2 of every stored survey is open on 2026-04-10.
    const during = new Date('2026-04-10T00:00:00Z');
    expect(await notifier.notifyOpenRounds(during)).toBe(0);
    fail = false;
    const count = await notifier.notifyOpenRounds(during);
    expect(count).toBeGreaterThan(0);
    expect(await notifier.notifyOpenRounds(during)).toBe(0);
    expect(sent.find(n => n.payload.link === `/surveys/${s.id}`)).toEqual({
      recipients: { type: 'entity', entityRef: ['group:default/search-team'] },
      payload: expect.objectContaining({
        title: 'Pulse survey: Pulse',
        topic: 'survey-round-opened',
      }),
    });
  });

  it('migrates down and up again', async () => {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
    expect(await knex.schema.hasTable('survey_responses')).toBe(false);
    await knex.migrate.latest({ directory: migrationsDir });
    expect(await knex.schema.hasTable('survey_responses')).toBe(true);
  });
});
