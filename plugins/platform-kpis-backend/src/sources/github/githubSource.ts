/*
 * GitHub webhooks (repository or organisation hooks, or a GitHub App):
 * finished production deployments, pushes and merged pull requests into
 * the default branch. Payload shapes: GitHub's webhook reference, as the
 * @octokit/webhooks-examples package holds them.
 *
 * Lead time: a deployment names its one SHA; the change event for that SHA
 * dates it. A push dates each commit with its commit time. A merged pull
 * request dates its merge commit with the time the pull request was opened,
 * because GitHub's pull_request payload carries no commit times: lead time
 * from a pull request starts when it was opened, which understates it when
 * commits were made long before. The store takes the earliest date known
 * for the SHA, so the pull request's date wins over its merge commit's.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { AuthenticationError, InputError } from '@backstage/errors';
import { z } from 'zod';
import { commitSha, eventId, eventTime, header, readPayload } from '../payload';
import { anyHmacMatches, signingSecrets } from '../signatures';
import {
  CLAIM_ANNOTATIONS,
  ParsedDelivery,
  UnclaimedEvent,
  WebhookSource,
} from '../types';

export type GithubSourceOptions = {
  /** Lowercased environment names that count (platformKpis.productionEnvironments). */
  productionEnvironments: readonly string[];
};

const SIGNATURE_HEADER = 'X-Hub-Signature-256';
const SOURCE = 'github';

/** Deployment states after which nothing more happens. */
const FINISHED_STATES: Record<string, 'success' | 'failure'> = {
  success: 'success',
  failure: 'failure',
  error: 'failure',
};

const repository = z.object({ full_name: z.string().min(1) });

const deploymentStatusRouting = z.object({
  deployment_status: z.object({
    state: z.string(),
    environment: z.string().nullish(),
  }),
  deployment: z.object({ environment: z.string() }),
});

const deploymentStatusPayload = z.object({
  deployment_status: z.object({ created_at: eventTime }),
  deployment: z.object({
    id: z.number().int(),
    sha: commitSha,
    created_at: eventTime,
  }),
  repository,
});

const pushPayload = z.object({
  ref: z.string(),
  deleted: z.boolean().optional(),
  repository: repository.extend({ default_branch: z.string().min(1) }),
  commits: z.array(z.object({ id: commitSha, timestamp: eventTime })),
});

const pullRequestRouting = z.object({
  action: z.string(),
  pull_request: z.object({ merged: z.boolean().nullish() }),
});

const mergedPullRequestPayload = z.object({
  number: z.number().int(),
  pull_request: z.object({
    merge_commit_sha: commitSha,
    created_at: eventTime,
    merged_at: eventTime,
    base: z.object({ ref: z.string() }),
  }),
  repository: repository.extend({ default_branch: z.string().min(1) }),
});

export function createGithubSource(
  options: GithubSourceOptions,
): WebhookSource {
  const production = new Set(
    options.productionEnvironments.map(e => e.toLocaleLowerCase('en-US')),
  );

  const claim = (fullName: string) => ({
    annotation: CLAIM_ANNOTATIONS.github,
    value: fullName,
  });

  function deploymentStatus(payload: unknown): ParsedDelivery {
    const event = 'deployment_status';
    const routing = readPayload(deploymentStatusRouting, payload, event);
    const state = routing.deployment_status.state;
    const status = FINISHED_STATES[state];
    if (!status) {
      return {
        kind: 'ignored',
        reason: `deployment_status "${state}" is not a finished deployment (success, failure or error)`,
      };
    }
    const environment =
      routing.deployment_status.environment ?? routing.deployment.environment;
    if (!production.has(environment.toLocaleLowerCase('en-US'))) {
      return {
        kind: 'ignored',
        reason: `environment "${environment}" is not a production environment (platformKpis.productionEnvironments: ${[
          ...production,
        ].join(', ')})`,
      };
    }
    const p = readPayload(deploymentStatusPayload, payload, event);
    return {
      kind: 'events',
      claim: claim(p.repository.full_name),
      events: [
        {
          type: 'deployment',
          // The status is part of the id: a deployment that failed and
          // then succeeded on a re-run is one failure and one success.
          id: eventId(SOURCE, 'deployment', p.deployment.id, status),
          environment,
          status,
          startedAt: p.deployment.created_at,
          finishedAt: p.deployment_status.created_at,
          commitShas: [p.deployment.sha],
          source: SOURCE,
        },
      ],
    };
  }

  function push(payload: unknown): ParsedDelivery {
    const p = readPayload(pushPayload, payload, 'push');
    const branch = `refs/heads/${p.repository.default_branch}`;
    if (p.ref !== branch) {
      return {
        kind: 'ignored',
        reason: `push to ${p.ref} is not to the default branch (${branch})`,
      };
    }
    if (p.deleted || p.commits.length === 0) {
      return { kind: 'ignored', reason: 'push carries no commits' };
    }
    const repo = p.repository.full_name;
    const seen = new Set<string>();
    const events: UnclaimedEvent[] = [];
    for (const commit of p.commits) {
      if (seen.has(commit.id)) continue;
      seen.add(commit.id);
      events.push({
        type: 'change',
        id: eventId(SOURCE, 'commit', `${repo.toLowerCase()}@${commit.id}`),
        kind: 'commit',
        sha: commit.id,
        committedAt: commit.timestamp,
        source: SOURCE,
      });
    }
    return { kind: 'events', claim: claim(repo), events };
  }

  function pullRequest(payload: unknown): ParsedDelivery {
    const event = 'pull_request';
    const routing = readPayload(pullRequestRouting, payload, event);
    if (routing.action !== 'closed') {
      return {
        kind: 'ignored',
        reason: `pull_request action "${routing.action}" is not a merge`,
      };
    }
    if (routing.pull_request.merged !== true) {
      return {
        kind: 'ignored',
        reason: 'pull_request was closed without merging',
      };
    }
    const p = readPayload(mergedPullRequestPayload, payload, event);
    const base = p.pull_request.base.ref;
    if (base !== p.repository.default_branch) {
      return {
        kind: 'ignored',
        reason: `pull_request was merged into ${base}, not the default branch (${p.repository.default_branch})`,
      };
    }
    const repo = p.repository.full_name;
    return {
      kind: 'events',
      claim: claim(repo),
      events: [
        {
          type: 'change',
          id: eventId(SOURCE, 'pr', `${repo.toLowerCase()}#${p.number}`),
          kind: 'pull_request',
          sha: p.pull_request.merge_commit_sha,
          // No commit times in this payload: see the note at the top.
          committedAt: p.pull_request.created_at,
          mergedAt: p.pull_request.merged_at,
          source: SOURCE,
        },
      ],
    };
  }

  return {
    id: 'github',

    verify(
      headers: IncomingHttpHeaders,
      rawBody: Buffer,
      secrets: readonly string[],
    ) {
      const usable = signingSecrets(secrets, SOURCE);
      const value = header(headers, SIGNATURE_HEADER);
      if (!value) {
        throw new AuthenticationError(`${SIGNATURE_HEADER} header is missing`);
      }
      if (!value.startsWith('sha256=')) {
        throw new AuthenticationError(
          `${SIGNATURE_HEADER} must look like sha256=<hex HMAC>`,
        );
      }
      if (!anyHmacMatches([value.slice('sha256='.length)], usable, rawBody)) {
        throw new AuthenticationError(
          `${SIGNATURE_HEADER} matches none of the configured secrets`,
        );
      }
    },

    parse(headers: IncomingHttpHeaders, payload: unknown): ParsedDelivery {
      const event = header(headers, 'X-GitHub-Event');
      if (!event) throw new InputError('X-GitHub-Event header is missing');
      switch (event) {
        case 'ping':
          return { kind: 'ping' };
        case 'deployment_status':
          return deploymentStatus(payload);
        case 'push':
          return push(payload);
        case 'pull_request':
          return pullRequest(payload);
        default:
          return {
            kind: 'ignored',
            reason: `github event "${event}" is not used`,
          };
      }
    },

    deliveryId(headers: IncomingHttpHeaders) {
      return header(headers, 'X-GitHub-Delivery');
    },
  };
}
