/*
 * BENCH DATA: the text of the platform requests bench/platform-requests
 * files, comments on them and searches for them, from the seeded generator
 * (the same seed, the same text, so runs are comparable). Titles are made of
 * a subject, a problem and a context, so full-text search and similar-title
 * suggestions find many and varied matches.
 */
import {
  CreateRequestInput,
  DEFAULT_CATEGORIES,
  URGENCIES,
} from '@internal/plugin-platform-requests-common';
import { createRandom } from '../random';
import { REQUEST_PROBLEMS, REQUEST_SUBJECTS } from './requestPhrases';

const CONTEXTS = [
  'on Monday mornings',
  'for new services',
  'in the EU region',
  'since the last migration',
  'for mobile teams',
  'during releases',
  'for every pull request',
  'in staging',
  'for data pipelines',
  '',
];

/** The demo organisation's teams (catalog/) the requests come from. */
export const BENCH_REQUEST_TEAMS = [
  'checkout-team',
  'payments-team',
  'routing-team',
  'fleet-team',
  'customer-web-team',
  'data-team',
  'platform-team',
];

export function benchRequestText(seed = 42) {
  const random = createRandom(seed);
  const subject = () => random.pick(REQUEST_SUBJECTS);
  const problem = () => random.pick(REQUEST_PROBLEMS);
  return {
    /** A body for POST /requests, from one of BENCH_REQUEST_TEAMS. */
    request(): CreateRequestInput {
      const title = `${subject()} ${problem()} ${random.pick(CONTEXTS)}`.trim();
      return {
        title,
        description: `**${title}.**\n\nWe lose time every week: ${problem()}; ${subject().toLowerCase()} ${problem()}.`,
        category: random.pick(DEFAULT_CATEGORIES).id,
        urgency: random.pick(URGENCIES),
        impact: {
          peopleAffected: random.int(1, 80),
          hoursLostPerWeek: Math.round(random.float(0, 60) * 10) / 10,
        },
        requestingTeam: `group:default/${random.pick(BENCH_REQUEST_TEAMS)}`,
        tags: [random.pick(['ci', 'infra', 'security', 'dx', 'data'])],
      };
    },
    /** The body of a comment. */
    comment: () => `Same here: ${subject().toLowerCase()} ${problem()}.`,
    /** Two words for full-text search (`q`). */
    search: () => `${subject().split(' ')[0]} ${problem().split(' ').pop()}`,
    /** A title to ask similar-title suggestions for. */
    similarTitle: () => `${subject().toLowerCase()} ${problem()}`,
  };
}
