/*
 * GET /effort's figures on SQLite and PostgreSQL, against numbers worked
 * out by hand (see the comments at each expectation).
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  DEFAULT_SLA_TARGETS,
  RequestStatus,
} from '@internal/plugin-platform-requests-common';
import { DatabaseImprovementStore } from './DatabaseImprovementStore';
import { DatabaseRequestStore } from './DatabaseRequestStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const settings = {
  priorityWeights: DEFAULT_PRIORITY_WEIGHTS,
  sla: DEFAULT_SLA_TARGETS,
};
const PRIYA = 'user:default/priya';
const CHECKOUT = 'group:default/checkout';
const PAYMENTS = 'group:default/payments';
const day = (d: string) => new Date(`2026-${d}T00:00:00.000Z`);
const AT = day('06-30');
const PATH: RequestStatus[] = ['triaged', 'planned', 'in_progress', 'done'];

describe.each(databases.eachSupportedId())(
  'effort figures on %p',
  databaseId => {
    let requests: DatabaseRequestStore;
    let store: DatabaseImprovementStore;
    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      requests = await DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
        settings,
      });
      store = new DatabaseImprovementStore(knex, settings);
    });

    async function file(
      category: string,
      team: string,
      hours: number,
      filed: Date,
    ) {
      const row = await requests.createRequest(
        {
          title: `${category} ${hours}h`,
          description: '',
          category,
          urgency: 'medium',
          impact: { peopleAffected: 1, hoursLostPerWeek: hours },
          requestingTeam: team,
          relatedEntities: [],
          tags: [],
        },
        { userRef: 'user:default/sam', team, at: filed },
      );
      return row.key;
    }
    const platform = (at: Date) => ({ userRef: PRIYA, team: null, at });
    async function walk(key: string, to: RequestStatus, at: Date) {
      for (const step of PATH.slice(0, PATH.indexOf(to) + 1)) {
        await requests.transition(key, { to: step }, platform(at));
      }
    }
    async function improvement(title: string, linked: string[], at: Date) {
      return store.create(
        {
          title,
          problem: '',
          requests: linked,
          scope: { teams: [], entities: [] },
          targetKpis: [],
          plannedFor: null,
          owner: null,
        },
        PRIYA,
        at,
      );
    }
    async function ship(id: string) {
      await store.transition(id, { to: 'planned' }, PRIYA, AT);
      await store.transition(id, { to: 'in_progress' }, PRIYA, AT);
      await store.ship(id, { comment: 'done' }, PRIYA, AT);
    }
    async function vote(key: string, voter: string, at: Date) {
      await requests.vote(key, {
        userRef: `user:default/${voter}`,
        team: PAYMENTS,
        at,
      });
    }

    it('adds up demand, resolution times, top pains and the share answered', async () => {
      const a = await file('ci', CHECKOUT, 10, day('06-01'));
      const b = await file('ci', PAYMENTS, 4, day('06-02'));
      const c = await file('ci', CHECKOUT, 6, day('06-05'));
      const d = await file('ci', CHECKOUT, 2, day('06-10'));
      const e = await file('access', PAYMENTS, 3, day('06-01'));
      const f = await file('access', CHECKOUT, 8, day('04-01'));
      const g = await file('access', PAYMENTS, 5, day('06-03'));
      await vote(a, 'ana', day('06-02'));
      await vote(a, 'ben', day('06-02'));
      await vote(e, 'ana', day('06-02'));
      await vote(c, 'ana', day('06-05'));
      await walk(b, 'done', day('06-04')); // 48 h after filing
      await walk(c, 'done', day('06-06')); // 24 h
      await walk(d, 'done', day('06-20')); // 240 h
      await walk(e, 'triaged', day('06-02'));
      await requests.transition(
        g,
        { to: 'declined', reason: 'not ours' },
        platform(day('06-04')),
      );

      const shipped = await improvement('Faster CI', [b, c], day('06-03'));
      await ship(shipped.id);
      // A second shipped improvement answering b: b still counts once.
      const again = await improvement('Faster CI again', [b], AT);
      await ship(again.id);
      const proposed = await improvement('Self-service access', [a, e], AT);
      const dropped = await improvement('Dropped', [f], AT);
      await store.transition(
        dropped.id,
        { to: 'dropped', reason: 'later' },
        PRIYA,
        AT,
      );

      const effort = await store.effort({ days: 30 }, AT);

      expect(effort.days).toBe(30);
      expect(effort.until).toBe(AT.toISOString());
      // Open now: a (10 h, 2 votes), e (3 h, 1 vote), f (8 h).
      expect(effort.total).toEqual({
        openRequests: 3,
        votes: 3,
        hoursLostPerWeek: 21,
      });
      expect(effort.byCategory).toEqual([
        { category: 'access', openRequests: 2, votes: 1, hoursLostPerWeek: 11 },
        { category: 'ci', openRequests: 1, votes: 2, hoursLostPerWeek: 10 },
      ]);
      expect(effort.byTeam).toEqual([
        { team: CHECKOUT, openRequests: 2, votes: 2, hoursLostPerWeek: 18 },
        { team: PAYMENTS, openRequests: 1, votes: 1, hoursLostPerWeek: 3 },
      ]);
      // Linked requests, open or not; the dropped improvement is left out.
      expect(effort.byImprovement).toEqual([
        {
          id: proposed.id,
          title: 'Self-service access',
          status: 'proposed',
          linkedRequests: 2,
          openRequests: 2,
          votes: 3,
          hoursLostPerWeek: 13,
        },
        {
          id: shipped.id,
          title: 'Faster CI',
          status: 'shipped',
          linkedRequests: 2,
          openRequests: 0,
          votes: 1,
          hoursLostPerWeek: 10,
        },
        {
          id: again.id,
          title: 'Faster CI again',
          status: 'shipped',
          linkedRequests: 1,
          openRequests: 0,
          votes: 0,
          hoursLostPerWeek: 4,
        },
      ]);
      // ci resolved in 24, 48 and 240 h: median the 2nd, p90 the 3rd.
      expect(effort.resolutionByCategory).toEqual([
        { category: 'ci', resolved: 3, medianHours: 48, p90Hours: 240 },
      ]);
      expect(effort.topPains.map(p => [p.key, p.hoursLostPerWeek])).toEqual([
        [a, 10],
        [f, 8],
        [e, 3],
      ]);
      expect(effort.topPains[0]).toMatchObject({
        category: 'ci',
        requestingTeam: CHECKOUT,
        votes: 2,
      });
      // Filed in the window, not declined: a, b, c, d, e = 25 h and 4
      // votes; the shipped improvement answers b and c = 10 h and 1 vote.
      expect(effort.shareAnswered).toEqual({
        hoursLostPerWeek: 25,
        answeredHoursLostPerWeek: 10,
        votes: 4,
        answeredVotes: 1,
      });

      // A year's window takes in f, filed in April.
      const year = await store.effort({ days: 365 }, AT);
      expect(year.shareAnswered.hoursLostPerWeek).toBe(33);
    });
  },
);
