/*
 * DEMO DATA: the platform team's quarterly pulse survey, asked of everyone.
 * Its first round opened about three months ago and closed two weeks later,
 * with an answer from every demo person (so the organisation's results pass
 * the anonymity floor; no demo team has five people, so no team is shown on
 * its own); the second round opened a few days ago and is still open, with
 * some answers in. Deterministic for a given `now`; the seeder (seed.ts)
 * posts it as the people, dated with the demo header.
 */
import {
  addMonthsUtc,
  CreateSurveyInput,
} from '@internal/plugin-platform-surveys-common';
import { createRandom } from '../random';
import { DEMO_TEAMS } from './requestStory';

const DAY = 86_400_000;

export const DEMO_SURVEY_TITLE = 'Developer experience pulse';

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
  const opensAt = Math.floor((now - 95 * DAY) / DAY) * DAY + 8 * 3_600_000;
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
  const secondOpens = addMonthsUtc(new Date(opensAt), 3).getTime();
  const people = Object.values(DEMO_TEAMS).flat();
  const answers: DemoSurveyAnswer[] = [];
  for (const [round, from, to, share] of [
    [1, opensAt, opensAt + 13 * DAY, 1],
    [2, secondOpens, now, 0.5],
  ] as const) {
    for (const person of people) {
      const random = createRandom(`story|survey|${round}|${person}`);
      if (!random.chance(share) || to <= from) continue;
      // The second round reads a little better: the improvements shipped.
      const lift = round === 2 ? 1 : 0;
      answers.push({
        by: person,
        round,
        at: Math.round(random.float(from, to) / 1000) * 1000,
        answers: {
          q1: Math.min(5, random.int(2, 4) + lift),
          q2: Math.min(10, random.int(4, 9) + lift),
          q3: random.pick(SLOWDOWNS),
          q4: random.pick(WISHES),
        },
      });
    }
  }
  answers.sort((a, b) => a.at - b.at);
  return { createdAt: opensAt - DAY, input, answers };
}
