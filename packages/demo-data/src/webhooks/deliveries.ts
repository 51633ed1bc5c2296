/*
 * TEST AND BENCH DATA: signed webhook deliveries, built from the payloads the
 * vendors document: GitHub's from @octokit/webhooks-examples, PagerDuty's
 * transcribed in pagerduty/ (see its README). Each builder changes only the
 * fields it names (repository, ids, SHAs, times) in a copy of the documented
 * example. Used by the KPI plugin's webhook and source tests, the backend's
 * system test and the webhook benchmark's mix (benchMix.ts).
 */
import webhookDefinitions from '@octokit/webhooks-examples';
import { createHmac } from 'node:crypto';
import priorityUpdated from './pagerduty/incident.priority_updated.json';
import serviceUpdated from './pagerduty/service.updated.json';

export type Delivery = {
  source: 'github' | 'pagerduty';
  headers: Record<string, string>;
  body: string;
};

/** A copy of the first GitHub example of event `name` that `which` accepts. */
export function githubExample(
  name: string,
  which: (payload: any) => boolean = () => true,
): any {
  const definition = webhookDefinitions.find(d => d.name === name);
  const found = (definition?.examples as any[] | undefined)?.find(which);
  if (!found) throw new Error(`no ${name} example matches`);
  return structuredClone(found);
}

const PAGERDUTY_EXAMPLES = {
  'incident.priority_updated': priorityUpdated,
  'service.updated': serviceUpdated,
};

/** A copy of a PagerDuty v3 delivery as PagerDuty documents it. */
export function pagerdutyExample(name: keyof typeof PAGERDUTY_EXAMPLES): any {
  return structuredClone(PAGERDUTY_EXAMPLES[name]);
}

const hmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

/** A GitHub delivery signed with `secret` (X-Hub-Signature-256). */
export function github(
  event: string,
  payload: unknown,
  options: { secret: string; delivery: string },
): Delivery {
  return githubRaw(event, JSON.stringify(payload), options);
}

/** A GitHub delivery of exactly `body`, signed. */
export function githubRaw(
  event: string,
  body: string,
  options: { secret: string; delivery: string },
): Delivery {
  return {
    source: 'github',
    headers: {
      'x-github-event': event,
      'x-github-delivery': options.delivery,
      'x-hub-signature-256': `sha256=${hmac(options.secret, body)}`,
    },
    body,
  };
}

/** A PagerDuty v3 delivery signed with `secret` (X-PagerDuty-Signature). */
export function pagerduty(payload: unknown, secret: string): Delivery {
  const body = JSON.stringify(payload);
  return {
    source: 'pagerduty',
    headers: { 'x-pagerduty-signature': `v1=${hmac(secret, body)}` },
    body,
  };
}

export function pingPayload() {
  return githubExample('ping');
}

function withRepository(payload: any, repo: string) {
  payload.repository.full_name = repo;
  payload.repository.name = repo.split('/')[1];
  payload.repository.default_branch = 'main';
  return payload;
}

/** A push of `commits` to the default branch (main). */
export function pushPayload(
  repo: string,
  commits: Array<{ sha: string; at: string }>,
) {
  const payload = withRepository(
    githubExample(
      'push',
      p => p.ref === 'refs/heads/master' && p.commits.length,
    ),
    repo,
  );
  const template = payload.commits[0];
  payload.ref = 'refs/heads/main';
  payload.commits = commits.map(c => ({
    ...template,
    id: c.sha,
    tree_id: c.sha,
    timestamp: c.at,
  }));
  payload.head_commit = payload.commits[payload.commits.length - 1];
  payload.after = commits[commits.length - 1].sha;
  return payload;
}

/** A pull request merged into main. */
export function mergedPullRequestPayload(
  repo: string,
  pr: { number: number; mergeSha: string; createdAt: string; mergedAt: string },
) {
  const payload = withRepository(
    githubExample('pull_request', p => p.action === 'closed'),
    repo,
  );
  payload.number = pr.number;
  Object.assign(payload.pull_request, {
    number: pr.number,
    merged: true,
    merge_commit_sha: pr.mergeSha,
    created_at: pr.createdAt,
    merged_at: pr.mergedAt,
    closed_at: pr.mergedAt,
  });
  payload.pull_request.base.ref = 'main';
  return payload;
}

/** A finished deployment to `environment` (state success, failure, …). */
export function deploymentStatusPayload(
  repo: string,
  deployment: {
    id: number;
    sha: string;
    state: string;
    startedAt: string;
    finishedAt: string;
    environment?: string;
  },
) {
  const payload = withRepository(
    githubExample(
      'deployment_status',
      p => p.deployment_status.state === 'success',
    ),
    repo,
  );
  const environment = deployment.environment ?? 'production';
  Object.assign(payload.deployment, {
    id: deployment.id,
    sha: deployment.sha,
    environment,
    created_at: deployment.startedAt,
  });
  Object.assign(payload.deployment_status, {
    state: deployment.state,
    environment,
    created_at: deployment.finishedAt,
  });
  return payload;
}

/** incident.triggered or incident.resolved for `service`. */
export function incidentPayload(incident: {
  deliveryId: string;
  eventType: 'incident.triggered' | 'incident.resolved';
  service: string;
  incidentId: string;
  createdAt: string;
  occurredAt: string;
}) {
  const payload = pagerdutyExample('incident.priority_updated');
  payload.event.id = incident.deliveryId;
  payload.event.event_type = incident.eventType;
  payload.event.occurred_at = incident.occurredAt;
  payload.event.data.id = incident.incidentId;
  payload.event.data.created_at = incident.createdAt;
  payload.event.data.service.id = incident.service;
  payload.event.data.status =
    incident.eventType === 'incident.resolved' ? 'resolved' : 'triggered';
  return payload;
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

/**
 * One service's history as GitHub and PagerDuty would deliver it, starting
 * at `start`: a push of two commits and a deployment of the second (lead
 * time 3 h), a merged pull request, a failed deployment of its merge commit
 * with an incident resolved an hour later, and a successful deployment of
 * it (lead time 9 h from the pull request's creation).
 */
export function serviceHistory(options: {
  repo: string;
  pagerdutyService: string;
  start: number;
  secrets: { github: string; pagerduty: string };
  /** Keeps delivery and object ids apart between runs in one database. */
  tag: string;
}): Delivery[] {
  const { repo, start, tag } = options;
  const at = (hours: number) => iso(start + hours * HOUR);
  const sha = (digit: string) => digit.repeat(40);
  const gh = (event: string, payload: unknown, n: number) =>
    github(event, payload, {
      secret: options.secrets.github,
      delivery: `${tag}-gh-${n}`,
    });
  const deploy = (id: number, sha1: string, state: string, hours: number) =>
    deploymentStatusPayload(repo, {
      id,
      sha: sha1,
      state,
      startedAt: at(hours - 0.1),
      finishedAt: at(hours),
    });
  const incident = (
    eventType: 'incident.triggered' | 'incident.resolved',
    hours: number,
  ) =>
    pagerduty(
      incidentPayload({
        deliveryId: `${tag}-pd-${eventType}`,
        eventType,
        service: options.pagerdutyService,
        incidentId: `${tag.toUpperCase()}INC`,
        createdAt: at(31.2),
        occurredAt: at(hours),
      }),
      options.secrets.pagerduty,
    );
  return [
    gh(
      'push',
      pushPayload(repo, [
        { sha: sha('1'), at: at(0) },
        { sha: sha('2'), at: at(1) },
      ]),
      1,
    ),
    gh('deployment_status', deploy(9001, sha('2'), 'success', 4), 2),
    gh(
      'pull_request',
      mergedPullRequestPayload(repo, {
        number: 7,
        mergeSha: sha('3'),
        createdAt: at(24),
        mergedAt: at(30),
      }),
      3,
    ),
    gh('deployment_status', deploy(9002, sha('3'), 'failure', 31), 4),
    incident('incident.triggered', 31.2),
    incident('incident.resolved', 32.2),
    gh('deployment_status', deploy(9003, sha('3'), 'success', 33), 5),
  ];
}
