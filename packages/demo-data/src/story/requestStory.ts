/*
 * DEMO DATA: a year of the platform team's intake, as a script of who did
 * what when: about 150 requests filed by the people of the seven demo teams,
 * votes and comments from their colleagues, triage by the two platform
 * engineers (Priya and Tomas), most within the SLA and some late, ratings on
 * resolved ones, and five improvements answering groups of them (four
 * shipped, one in progress). Pure and deterministic: the same script for the
 * same `now`, and the same request bodies for any `now` (so the seeder's
 * Idempotency-Keys replay on a restart). Times are offsets from `now`,
 * never after it. The seeder (seed.ts) posts it.
 */
import {
  CreateRequestInput,
  DEFAULT_CATEGORIES,
  DEFAULT_SLA_TARGETS,
  Urgency,
} from '@internal/plugin-platform-requests-common';
import { IMPROVEMENT_EFFECTS } from '../kpis/demoHistory';
import { createRandom, Random } from '../random';
import { REQUEST_PROBLEMS, REQUEST_SUBJECTS } from '../requests/requestPhrases';

/** When an improvement shipped: the day its effect starts in the KPI history. */
const shippedDaysAgo = (title: string) =>
  IMPROVEMENT_EFFECTS.find(e => e.title === title)!.shippedDaysAgo;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every request and improvement says it is demo data. */
export const DEMO_STORY_TAG = 'demo';
const DEMO_NOTE = '\n\n_Demo data, seeded by `npm start`._';

/** The demo people (catalog/org.yaml) by team, first name first. */
export const DEMO_TEAMS: Record<string, string[]> = {
  'checkout-team': ['sam.rivera', 'ana.silva', 'lucas.bernard', 'mei.tanaka'],
  'payments-team': [
    'jonas.weber',
    'fatima.haddad',
    'oliver.grant',
    'chloe.dubois',
    'kenji.watanabe',
    'ingrid.solberg',
  ],
  'routing-team': [
    'arjun.mehta',
    'elena.petrova',
    'kwame.mensah',
    'zainab.bello',
    'mateo.fernandez',
  ],
  'fleet-team': ['hannah.schmidt', 'rafael.costa', 'yuki.sato'],
  'customer-web-team': [
    'nora.jensen',
    'isaac.cohen',
    'leila.rahimi',
    'linh.nguyen',
    'liam.byrne',
  ],
  'data-team': ['marta.kowalska', 'ben.carter', 'sofia.romano'],
  'platform-team': [
    'priya.nair',
    'tomas.lindqvist',
    'grace.okafor',
    'diego.morales',
  ],
};

/** The two platform engineers who triage. */
export const TRIAGERS = ['priya.nair', 'tomas.lindqvist'];

export type StoryAction =
  | { type: 'triage'; by: string }
  | { type: 'move'; by: string; to: 'planned' | 'in_progress' | 'done' }
  | { type: 'decline'; by: string; reason: string }
  | { type: 'vote'; by: string }
  | { type: 'comment'; by: string; body: string }
  | { type: 'rate'; by: string; score: number };

export type StoryRequest = {
  /** Stable across runs: the seeder's Idempotency-Key. */
  id: string;
  requester: string;
  team: string;
  at: number;
  input: CreateRequestInput;
  /** In time order, all after `at` and not after `now`. */
  actions: Array<StoryAction & { at: number }>;
  /** The improvement answering it, if any. */
  improvement?: string;
};

export type StoryImprovement = {
  title: string;
  problem: string;
  teams: string[];
  targetKpis: string[];
  /**
   * A question of the demo pulse survey (surveyStory.ts) it targets as well:
   * the seeder adds `survey:<surveyId>:<question>` once the survey exists.
   */
  surveyQuestion?: string;
  /** Days before `now`: created, planned, in progress, shipped (if it ships). */
  createdDaysAgo: number;
  shippedDaysAgo?: number;
  /** Whether its effect shows in the demo KPI history (demoHistory.ts). */
  effect: 'improved' | 'none' | 'in progress';
};

/** What the platform team did about groups of requests. */
export const DEMO_IMPROVEMENTS: Array<
  StoryImprovement & { subject: string; askers: string[]; requests: number }
> = [
  {
    title: 'Faster CI runners',
    problem:
      'Builds of the routing and fleet services queue for shared runners and take long, so changes wait days to reach production.',
    subject: 'CI runners',
    askers: ['routing-team', 'fleet-team'],
    teams: ['routing-team', 'fleet-team'],
    targetKpis: ['leadTime'],
    createdDaysAgo: 200,
    shippedDaysAgo: shippedDaysAgo('Faster CI runners'),
    requests: 7,
    effect: 'improved',
  },
  {
    title: 'Self-service preview environments',
    problem:
      'Every preview environment is a ticket to the platform team, so the web teams batch their changes.',
    subject: 'Preview environments',
    askers: ['customer-web-team', 'checkout-team'],
    teams: ['customer-web-team', 'checkout-team'],
    targetKpis: ['deploymentFrequency'],
    createdDaysAgo: 90,
    shippedDaysAgo: shippedDaysAgo('Self-service preview environments'),
    requests: 6,
    effect: 'improved',
  },
  {
    title: 'Self-service staging databases',
    problem:
      'A staging database for a change is a ticket and days of waiting, so the payments and data teams hold changes back.',
    subject: 'Staging database',
    askers: ['payments-team', 'data-team'],
    teams: ['payments-team', 'data-team'],
    targetKpis: ['leadTime'],
    createdDaysAgo: 80,
    shippedDaysAgo: shippedDaysAgo('Self-service staging databases'),
    requests: 6,
    effect: 'improved',
  },
  {
    title: 'Kafka topic self-service',
    problem:
      'Creating a Kafka topic takes a ticket and a week, so the Customer Web team waits on the platform team for every new event.',
    subject: 'Kafka topics',
    askers: ['checkout-team', 'customer-web-team'],
    // A team the survey results show, so its pulse answers can be compared.
    teams: ['customer-web-team'],
    targetKpis: ['leadTime'],
    // "I can get a change to production without waiting on others."
    surveyQuestion: 'q1',
    createdDaysAgo: 130,
    // Between the pulse survey's first two closings (about 173 and 82 days
    // ago), each within 90 days; its 30-day lead-time windows clear of the
    // other improvements' (shipped 140 and 40 days ago).
    shippedDaysAgo: 100,
    requests: 5,
    effect: 'none',
  },
  {
    title: 'Automatic Vault secret rotation',
    problem: 'Secrets are rotated by hand, and some not at all.',
    subject: 'Vault secrets',
    askers: ['payments-team', 'checkout-team'],
    teams: ['payments-team', 'checkout-team'],
    targetKpis: ['changeFailureRate'],
    createdDaysAgo: 40,
    requests: 4,
    effect: 'in progress',
  },
];

/**
 * The other requests' subjects: none of the improvements' (their requests
 * are filed above), and no log search, as the story has always had them.
 */
const SUBJECTS = REQUEST_SUBJECTS.filter(
  subject =>
    subject !== 'Log search' &&
    !DEMO_IMPROVEMENTS.some(improvement => improvement.subject === subject),
);
/** Every problem but cost: the story's requests are about time lost. */
const PROBLEMS = REQUEST_PROBLEMS.filter(
  problem => problem !== 'cost too much',
);
const CATEGORIES = DEFAULT_CATEGORIES.map(category => category.id);
const URGENCY_WEIGHTS: Array<readonly [Urgency, number]> = [
  ['low', 3],
  ['medium', 5],
  ['high', 2],
  ['critical', 0.4],
];
/** Stream-aligned teams file most; the platform team files a few of its own. */
const TEAM_WEIGHTS: Array<readonly [string, number]> = [
  ['checkout-team', 4],
  ['payments-team', 4],
  ['routing-team', 3],
  ['fleet-team', 3],
  ['customer-web-team', 3],
  ['data-team', 3],
  ['platform-team', 1],
];
const COMMENTS = [
  'Same for us, this costs us every week.',
  'Any workaround until this is fixed?',
  'We can help test a fix.',
  'Looking into it; more details in the next days.',
  'This blocks our next release.',
  '+1, we hit this on Monday again.',
];
const DECLINE_REASONS = [
  'Out of scope for the platform team; the owning team has been told.',
  'Already possible with the self-service docs, linked in the comment.',
  'Not planned this year; we will revisit it in the next planning.',
];

export const DEMO_STORY_REQUESTS = 150;

/** The whole script: requests, oldest first, and the improvements. */
export function demoRequestStory(now: number): {
  requests: StoryRequest[];
  improvements: StoryImprovement[];
} {
  const requests: StoryRequest[] = [];
  let n = 0;
  for (const improvement of DEMO_IMPROVEMENTS) {
    for (let i = 0; i < improvement.requests; i++) {
      const random = createRandom(`story|request|${++n}`);
      const team = improvement.askers[i % improvement.askers.length];
      const beforeDays = (improvement.shippedDaysAgo ?? 0) + 20;
      const filedDaysAgo = beforeDays + random.float(0, 200 - beforeDays / 2);
      requests.push(
        storyRequest(random, n, now, {
          team,
          subject: improvement.subject,
          filedDaysAgo,
          improvement,
        }),
      );
    }
  }
  while (n < DEMO_STORY_REQUESTS) {
    const random = createRandom(`story|request|${++n}`);
    requests.push(
      storyRequest(random, n, now, {
        team: random.weighted(TEAM_WEIGHTS),
        subject: random.pick(SUBJECTS),
        filedDaysAgo: random.float(0.5, 360),
      }),
    );
  }
  requests.sort((a, b) => a.at - b.at);
  return {
    requests,
    improvements: DEMO_IMPROVEMENTS.map(
      ({ subject: _s, askers: _a, requests: _r, ...rest }) => rest,
    ),
  };
}

function storyRequest(
  random: Random,
  n: number,
  now: number,
  story: {
    team: string;
    subject: string;
    filedDaysAgo: number;
    improvement?: StoryImprovement;
  },
): StoryRequest {
  const people = DEMO_TEAMS[story.team];
  const requester = random.pick(people);
  const urgency = random.weighted(URGENCY_WEIGHTS);
  const problem = random.pick(PROBLEMS);
  const input: CreateRequestInput = {
    title: `${story.subject} ${problem}`,
    description: `${story.subject} ${problem} for ${story.team}; we lose time on it every week.${DEMO_NOTE}`,
    category: story.improvement ? 'pain-point' : random.pick(CATEGORIES),
    urgency,
    impact: {
      peopleAffected: random.int(2, 25),
      hoursLostPerWeek: random.int(1, 16),
    },
    tags: [DEMO_STORY_TAG],
  };
  // Whole minutes in working hours, so the times read like people's.
  const at = Math.min(
    workingTime(now - story.filedDaysAgo * DAY, random),
    Math.floor((now - HOUR) / 60_000) * 60_000,
  );
  const actions: Array<StoryAction & { at: number }> = [];
  const sla = DEFAULT_SLA_TARGETS[urgency];
  const triager = random.pick(TRIAGERS);

  // Triage: mostly within the SLA, one in six late.
  const triagedAt =
    at +
    sla.triageHours *
      HOUR *
      (random.chance(1 / 6) ? random.float(1.2, 3) : random.float(0.1, 0.9));
  actions.push({ type: 'triage', by: triager, at: triagedAt });
  let end: number;
  if (story.improvement) {
    // Waits for the improvement, which resolves it when it ships.
    actions.push({
      type: 'move',
      by: triager,
      to: 'planned',
      at: triagedAt + DAY,
    });
    end = story.improvement.shippedDaysAgo
      ? now - story.improvement.shippedDaysAgo * DAY
      : now;
  } else if (random.chance(0.12)) {
    end = triagedAt + random.float(1, 5) * DAY;
    actions.push({
      type: 'decline',
      by: triager,
      reason: random.pick(DECLINE_REASONS),
      at: end,
    });
  } else {
    // Resolved within the SLA three times in four.
    const doneAt =
      at +
      sla.resolveHours *
        HOUR *
        (random.chance(0.25) ? random.float(1.1, 2) : random.float(0.2, 0.9));
    const plannedAt = triagedAt + (doneAt - triagedAt) * random.float(0.1, 0.3);
    const startedAt = plannedAt + (doneAt - plannedAt) * random.float(0.2, 0.6);
    actions.push({ type: 'move', by: triager, to: 'planned', at: plannedAt });
    actions.push({
      type: 'move',
      by: triager,
      to: 'in_progress',
      at: startedAt,
    });
    actions.push({ type: 'move', by: triager, to: 'done', at: doneAt });
    end = doneAt;
    if (random.chance(0.7)) {
      actions.push({
        type: 'rate',
        by: requester,
        score: random.weighted([
          [5, 4],
          [4, 4],
          [3, 2],
          [2, 1],
        ] as const),
        at: doneAt + random.float(0.1, 5) * DAY,
      });
    }
  }

  // Colleagues vote and comment while it is open.
  const open = Math.min(end, now) - at;
  const others = Object.values(DEMO_TEAMS)
    .flat()
    .filter(p => p !== requester);
  const voters = random.shuffle(others).slice(
    0,
    random.weighted([
      [0, 2],
      [1, 3],
      [2, 3],
      [4, 2],
      [7, 1],
    ] as const),
  );
  for (const voter of voters) {
    actions.push({
      type: 'vote',
      by: voter,
      at: at + open * random.float(0.05, 0.95),
    });
  }
  const comments = random.weighted([
    [0, 5],
    [1, 3],
    [2, 2],
  ] as const);
  for (let c = 0; c < comments; c++) {
    actions.push({
      type: 'comment',
      by: c === 0 && voters.length ? voters[0] : triager,
      body: random.pick(COMMENTS),
      at: at + open * random.float(0.1, 0.95),
    });
  }

  return {
    id: `demo-story-${n}`,
    requester,
    team: story.team,
    at,
    input,
    actions: actions
      .map(a => ({ ...a, at: Math.round(a.at / 1000) * 1000 }))
      .filter(a => a.at <= now && a.at > at)
      .sort((a, b) => a.at - b.at),
    improvement: story.improvement?.title,
  };
}

/** The day of `ms` at a time between 08:00 and 17:00 UTC, whole minutes. */
function workingTime(ms: number, random: Random): number {
  const day = Math.floor(ms / DAY) * DAY;
  return day + 8 * HOUR + random.int(0, 9 * 60 - 1) * 60_000;
}
