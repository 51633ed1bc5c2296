/*
 * DEMO DATA: the platform team's quarterly pulse survey, asked of everyone.
 * Its first round opened about six months ago, its second about three, each
 * closing two weeks later; the third opened a few days ago and is still
 * open, with some answers in. Every demo person answered the first round,
 * all but two the second (which reads a little better: improvements had
 * shipped in between). Between the first two closings Kafka topic
 * self-service shipped for the Customer Web team (requestStory.ts; it
 * targets the first question): its people answer that one clearly higher
 * from the second round on, everyone else about as before, so the
 * improvement's survey-score impact reads "improved". The Payments,
 * Routing and Customer Web teams have five or more people who answered, so
 * their results are shown on their own; the smaller teams' stay hidden
 * below the anonymity floor, and they are enough together that the shown
 * teams cannot be subtracted to find them. Deterministic for a given `now`; the seeder (seed.ts) posts it as
 * the people, dated with the demo header.
 */
import {
  addMonthsUtc,
  CreateSurveyInput,
  roundsOf,
} from '@internal/plugin-platform-surveys-common';
import { createRandom, Random } from '../random';
import { DEMO_IMPROVEMENTS, DEMO_TEAMS } from './requestStory';

const DAY = 86_400_000;

export const DEMO_SURVEY_TITLE = 'Developer experience pulse';

/** The improvement targeting the first question, whose teams' answers lift. */
export const DEMO_SURVEY_IMPROVEMENT = DEMO_IMPROVEMENTS.find(
  i => i.surveyQuestion,
)!;

/** Who did not answer the second round (one of them from a shown team). */
export const DEMO_SURVEY_ROUND_2_MISSING = ['ingrid.solberg', 'ben.carter'];

const SLOWDOWNS = ['CI', 'Environments', 'Access', 'Documentation'];
const WISHES = [
  'Faster builds.',
  'Preview environments for every change.',
  'Fewer tickets for access.',
  'Runbooks we can trust.',
  'Self-service databases.',
];

export type DemoSurveyAnswer = {
  by: string;
  round: number;
  at: number;
  answers: Record<string, number | string>;
};

export function demoSurvey(now: number): {
  createdAt: number;
  input: CreateSurveyInput;
  answers: DemoSurveyAnswer[];
} {
  // Two quarters before a morning about five days ago, so the third round
  // opens then (up to three days later where a month is short) and is open.
  const thirdOpens = Math.floor((now - 5 * DAY) / DAY) * DAY + 8 * 3_600_000;
  const opensAt = addMonthsUtc(new Date(thirdOpens), -6).getTime();
  const input: CreateSurveyInput = {
    title: DEMO_SURVEY_TITLE,
    description:
      'Four questions, two minutes. _Demo data, seeded by `npm start`._',
    questions: [
      {
        kind: 'agreement',
        text: 'I can get a change to production without waiting on others.',
      },
      {
        kind: 'recommend',
        text: 'How likely are you to recommend the platform to a colleague?',
      },
      {
        kind: 'choice',
        text: 'What slows you down most?',
        options: SLOWDOWNS,
      },
      { kind: 'text', text: 'What should the platform team fix next?' },
    ],
    audience: { kind: 'everyone' },
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(opensAt + 14 * DAY).toISOString(),
    repeat: { every: 'quarter', rounds: 4 },
  };
  const people = Object.entries(DEMO_TEAMS).flatMap(([team, ids]) =>
    ids.map(id => ({ id, team })),
  );
  const answers: DemoSurveyAnswer[] = [];
  const windows = roundsOf(
    { ...input, repeat: input.repeat ?? null },
    new Date(now),
  ).filter(w => w.state !== 'upcoming');
  for (const window of windows) {
    const { round } = window;
    const from = Date.parse(window.opensAt);
    // Answers come in before a round closes, and never after `now`.
    const to = Math.min(Date.parse(window.closesAt) - DAY, now);
    for (const { id: person, team } of people) {
      if (round === 2 && DEMO_SURVEY_ROUND_2_MISSING.includes(person)) {
        continue;
      }
      const random = createRandom(`story|survey|${round}|${person}`);
      // The open round has about half its answers so far.
      if (window.state === 'open' && !random.chance(0.5)) continue;
      if (to <= from) continue;
      answers.push({
        by: person,
        round,
        at: Math.round(random.float(from, to) / 1000) * 1000,
        answers: answersOf(random, round, team),
      });
    }
  }
  answers.sort((a, b) => a.at - b.at);
  return { createdAt: opensAt - DAY, input, answers };
}

/**
 * One person's answers. Later rounds recommend the platform a little more;
 * the first question stays about flat, except in the team the improvement
 * targeting it was shipped for, who wait on others clearly less after it
 * (2–3 before, 4–5 from the second round on: a lift the Mann–Whitney test
 * finds even among five people).
 */
function answersOf(
  random: Random,
  round: number,
  team: string,
): Record<string, number | string> {
  const lift = round >= 2 ? 1 : 0;
  const waits = random.int(2, 4);
  const lifted = DEMO_SURVEY_IMPROVEMENT.teams.includes(team);
  return {
    q1: lifted ? Math.min(waits, 3) + 2 * lift : waits,
    q2: Math.min(10, random.int(4, 9) + lift),
    q3: random.pick(SLOWDOWNS),
    q4: random.pick(WISHES),
  };
}
