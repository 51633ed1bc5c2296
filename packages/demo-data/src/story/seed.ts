/*
 * DEMO DATA seeder for the intake and improvements, run by `npm start`
 * (scripts/lib/backend.mjs) after the KPI seeder, only in the embedded
 * default with the demo OpenID provider running beside it:
 *
 *   node --require <repo>/node_modules/@backstage/cli-node/config/nodeTransform.cjs \
 *     packages/demo-data/src/story/seed.ts http://localhost:7007
 *
 * It goes through the public APIs only, as the demo people: each signs in
 * through the demo provider (oidcSignIn), then files, votes, comments,
 * triages, ships and rates what requestStory.ts scripts, each write dated
 * with the x-lodestar-demo-at header (honoured only where
 * lodestar.demo.backdating is on). Idempotent: every request is filed with a
 * stable Idempotency-Key, and one that comes back replayed was seeded
 * before, so nothing more is done for it; improvements are found by title.
 */
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { GoldenPathSeedResult, seedGoldenPathRuns } from './goldenPathStory';
import { oidcToken } from './oidcSignIn';
import { demoSurvey } from './surveyStory';
import {
  DEMO_IMPROVEMENTS,
  DEMO_TEAMS,
  demoRequestStory,
  StoryAction,
  StoryRequest,
} from './requestStory';

const DAY = 86_400_000;

export class StorySeedError extends Error {}

export type StorySeedResult = {
  requests: number;
  filed: number;
  improvements: number;
  created: number;
  /** Answers given to the demo pulse survey; 0 when it was there already. */
  survey: number;
  /** Golden-path runs started and rated (goldenPathStory.ts). */
  goldenPath: GoldenPathSeedResult;
};

type Api = {
  call(
    as: string,
    method: string,
    path: string,
    at: number,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
};

export async function seedDemoStory(
  baseUrl: string,
  options: { now?: number } = {},
): Promise<StorySeedResult> {
  const now = options.now ?? Date.now();
  const story = demoRequestStory(now);
  // One sign-in per person, shared by the writes running side by side.
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (person: string) => {
    let token = tokens.get(person);
    if (!token) {
      token = oidcToken(baseUrl, person, 120_000).catch(error => {
        throw new StorySeedError(
          `${person} could not sign in through the demo provider: ${error.message}`,
        );
      });
      tokens.set(person, token);
    }
    return token;
  };
  const api: Api = {
    async call(as, method, path, at, body, headers = {}) {
      // Paths under /api/platform-requests, or another plugin's from /api/.
      const url = path.startsWith('/api/')
        ? `${baseUrl}${path}`
        : `${baseUrl}/api/platform-requests${path}`;
      const res = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${await tokenOf(as)}`,
          'x-lodestar-demo-at': new Date(at).toISOString(),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      if (res.status >= 400) {
        throw new StorySeedError(
          `${method} ${path} as ${as} answered ${res.status} ${text.slice(
            0,
            300,
          )}`,
        );
      }
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };

  const result: Omit<StorySeedResult, 'goldenPath'> = {
    requests: story.requests.length,
    filed: 0,
    improvements: story.improvements.length,
    created: 0,
    survey: 0,
  };
  const keysByImprovement = new Map<string, StoryRequest[]>();
  const keyOf = new Map<string, string>();
  // A few requests at a time: each request's own writes stay in order.
  await inParallel(story.requests, 6, async request => {
    const { key, fresh } = await playRequest(api, request);
    keyOf.set(request.id, key);
    if (fresh) result.filed++;
  });
  for (const request of story.requests) {
    if (!request.improvement) continue;
    const list = keysByImprovement.get(request.improvement) ?? [];
    list.push(request);
    keysByImprovement.set(request.improvement, list);
  }

  // The survey first: an improvement may target one of its questions.
  const survey = await seedDemoSurvey(api, now);
  result.survey = survey.answers;
  const existing = await api.call(
    DEMO_TEAMS['platform-team'][0],
    'GET',
    '/improvements',
    now,
  );
  const titles = new Set(
    (existing.body.items as Array<{ title: string }>).map(i => i.title),
  );
  for (const improvement of DEMO_IMPROVEMENTS) {
    if (titles.has(improvement.title)) continue;
    const linked = keysByImprovement.get(improvement.title) ?? [];
    await playImprovement(
      api,
      improvement,
      linked.map(r => ({ ...r, key: keyOf.get(r.id)! })),
      now,
      survey.id,
    );
    result.created++;
  }
  return { ...result, goldenPath: await seedGoldenPathRuns(api, now) };
}

async function inParallel<T>(
  items: T[],
  width: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

async function playRequest(
  api: Api,
  request: StoryRequest,
): Promise<{ key: string; fresh: boolean }> {
  const filed = await api.call(
    request.requester,
    'POST',
    '/requests',
    request.at,
    request.input,
    { 'Idempotency-Key': request.id },
  );
  const key = (filed.body as PlatformRequest).key;
  if (filed.status !== 201) return { key, fresh: false };
  for (const action of request.actions) {
    await playAction(api, key, action);
  }
  return { key, fresh: true };
}

async function playAction(
  api: Api,
  key: string,
  action: StoryAction & { at: number },
) {
  const path = `/requests/${key}`;
  switch (action.type) {
    case 'triage': {
      const triaged = await api.call(
        action.by,
        'POST',
        `${path}/transitions`,
        action.at,
        {
          to: 'triaged',
        },
      );
      await api.call(
        action.by,
        'PATCH',
        path,
        action.at,
        { assignee: `user:default/${action.by}` },
        { 'If-Match': `"${triaged.body.version}"` },
      );
      return;
    }
    case 'move':
      await api.call(action.by, 'POST', `${path}/transitions`, action.at, {
        to: action.to,
      });
      return;
    case 'decline':
      await api.call(action.by, 'POST', `${path}/transitions`, action.at, {
        to: 'declined',
        reason: action.reason,
      });
      return;
    case 'vote':
      await api.call(action.by, 'POST', `${path}/votes`, action.at);
      return;
    case 'comment':
      await api.call(action.by, 'POST', `${path}/comments`, action.at, {
        body: action.body,
      });
      return;
    case 'rate':
      await api.call(action.by, 'POST', `${path}/rating`, action.at, {
        score: action.score,
      });
      return;
    default:
      throw new StorySeedError(`unknown action ${JSON.stringify(action)}`);
  }
}

/** Creates, plans, starts and (if it ships) ships one improvement, as Priya. */
async function playImprovement(
  api: Api,
  improvement: (typeof DEMO_IMPROVEMENTS)[number],
  requests: Array<StoryRequest & { key: string }>,
  now: number,
  surveyId: string,
) {
  const owner = DEMO_TEAMS['platform-team'][0];
  const created = now - improvement.createdDaysAgo * DAY;
  const shipped = improvement.shippedDaysAgo
    ? now - improvement.shippedDaysAgo * DAY
    : undefined;
  const span = (shipped ?? now) - created;
  const { body } = await api.call(owner, 'POST', '/improvements', created, {
    title: improvement.title,
    problem: `${improvement.problem}\n\n_Demo data, seeded by \`npm start\`._`,
    requests: requests.map(r => r.key),
    scope: {
      teams: improvement.teams.map(t => `group:default/${t}`),
      entities: [],
    },
    targetKpis: improvement.surveyQuestion
      ? [
          ...improvement.targetKpis,
          `survey:${surveyId}:${improvement.surveyQuestion}`,
        ]
      : improvement.targetKpis,
    owner: `user:default/${owner}`,
  });
  const path = `/improvements/${body.id}`;
  await api.call(owner, 'POST', `${path}/transitions`, created + span * 0.2, {
    to: 'planned',
  });
  await api.call(owner, 'POST', `${path}/transitions`, created + span * 0.4, {
    to: 'in_progress',
  });
  if (!shipped) return;
  await api.call(owner, 'POST', `${path}/ship`, shipped, {
    comment: `${improvement.title} shipped.`,
  });
  // The people who asked rate what they got, most of them within a week.
  for (const [i, request] of requests.entries()) {
    const ratedAt = shipped + (1 + i) * DAY;
    if (i % 4 === 3 || ratedAt > now) continue;
    await api.call(
      request.requester,
      'POST',
      `/requests/${request.key}/rating`,
      ratedAt,
      {
        score: improvement.effect === 'none' ? 3 : 4 + (i % 2),
      },
    );
  }
}

/**
 * The demo pulse survey, as Priya, and everyone's answers: its first two
 * rounds closed (results shown), its third open now. Skipped when a survey of
 * the same title exists. Its id, and how many answers were given now.
 */
async function seedDemoSurvey(
  api: Api,
  now: number,
): Promise<{ id: string; answers: number }> {
  const survey = demoSurvey(now);
  const owner = DEMO_TEAMS['platform-team'][0];
  const base = '/api/platform-surveys/surveys';
  const { body: list } = await api.call(owner, 'GET', base, now);
  const seeded = (list.items as Array<{ id: string; title: string }>).find(
    s => s.title === survey.input.title,
  );
  if (seeded) return { id: seeded.id, answers: 0 };
  const { body: created } = await api.call(
    owner,
    'POST',
    base,
    survey.createdAt,
    survey.input,
  );
  for (const answer of survey.answers) {
    await api.call(
      answer.by,
      'PUT',
      `${base}/${created.id}/rounds/${answer.round}/response`,
      answer.at,
      { answers: answer.answers },
    );
  }
  return { id: created.id, answers: survey.answers.length };
}

async function main(argv: string[]) {
  const baseUrl = (argv[0] ?? '').replace(/\/$/, '');
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new StorySeedError(
      'usage: seed.ts <baseUrl>, e.g. http://localhost:7007',
    );
  }
  const started = Date.now();
  const result = await seedDemoStory(baseUrl);
  process.stdout.write(
    `Seeded demo requests and improvements: ${result.requests} requests (${
      result.filed
    } new), ${result.improvements} improvements (${result.created} new), ${
      result.survey
    } survey answers, ${result.goldenPath.runs} golden-path runs (${
      result.goldenPath.ratings
    } rated) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch(error => {
    const message =
      error instanceof StorySeedError
        ? error.message
        : (error as Error)?.stack ?? String(error);
    process.stderr.write(`Demo requests not seeded: ${message}\n`);
    process.exit(1);
  });
}
