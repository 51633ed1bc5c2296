/*
 * GitLab project or group webhooks: Deployment, Merge Request (merged) and
 * Push hooks. Payload shapes: GitLab's "Webhook events" page (fixtures in
 * __fixtures__ name the sections).
 *
 * What GitLab's payloads do not say, and what is done instead:
 * - A deployment hook has one time, `status_changed_at`; a finished
 *   deployment is recorded as starting and finishing then.
 * - It has no `sha` field: the full SHA is the last segment of
 *   `commit_url`; only if that is not a SHA is `short_sha` used (which
 *   dates nothing, since change events carry full SHAs).
 * - A merge request hook has no commit times: its change is dated when the
 *   merge request was created (lead time starts there, as for GitHub), and
 *   merged at `merged_at` where present, else `updated_at`. Its SHA is
 *   `merge_commit_sha`, or for fast-forward merges (no merge commit) the
 *   last commit of the merge request.
 * Ids use the numeric project id, which survives renames and moves.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { AuthenticationError, InputError } from '@backstage/errors';
import { z } from 'zod';
import { commitSha, eventId, eventTime, header, readPayload } from '../payload';
import { anyTokenMatches, signingSecrets } from '../signatures';
import {
  CLAIM_ANNOTATIONS,
  ParsedDelivery,
  UnclaimedEvent,
  WebhookSource,
} from '../types';

export type GitlabSourceOptions = {
  /** Lowercased environment names that count (platformKpis.productionEnvironments). */
  productionEnvironments: readonly string[];
};

const TOKEN_HEADER = 'X-Gitlab-Token';
const SOURCE = 'gitlab';

/** X-Gitlab-Event values, and object_kind for hooks that send neither. */
const HOOKS: Record<string, GitlabKind> = {
  'Deployment Hook': 'deployment',
  'Merge Request Hook': 'merge_request',
  'Push Hook': 'push',
};
type GitlabKind = 'deployment' | 'merge_request' | 'push';
const KINDS: readonly string[] = ['deployment', 'merge_request', 'push'];

const FINISHED: Record<string, 'success' | 'failure'> = {
  success: 'success',
  failed: 'failure',
};

const project = z.object({
  id: z.number().int(),
  path_with_namespace: z.string().min(1),
  default_branch: z.string().min(1),
});

const deploymentRouting = z.object({
  status: z.string(),
  environment: z.string(),
});

const deploymentPayload = z
  .object({
    status_changed_at: eventTime,
    deployment_id: z.number().int().optional(),
    deployable_id: z.number().int().nullish(),
    short_sha: z.string().optional(),
    commit_url: z.string().nullish(),
    project,
  })
  .refine(
    p =>
      p.deployment_id !== undefined ||
      (p.deployable_id !== undefined && p.deployable_id !== null),
    { path: ['deployment_id'], message: 'is required (or deployable_id)' },
  );

const mergeRequestRouting = z.object({
  object_attributes: z.object({
    action: z.string().nullish(),
    state: z.string().nullish(),
  }),
});

const mergedRequestPayload = z.object({
  project,
  object_attributes: z.object({
    iid: z.number().int(),
    target_branch: z.string(),
    merge_commit_sha: commitSha.nullish(),
    last_commit: z.object({ id: commitSha }).nullish(),
    created_at: eventTime,
    updated_at: eventTime,
    merged_at: eventTime.nullish(),
  }),
});

const pushPayload = z.object({
  ref: z.string(),
  project,
  commits: z.array(z.object({ id: commitSha, timestamp: eventTime })),
});

export function createGitlabSource(
  options: GitlabSourceOptions,
): WebhookSource {
  const production = new Set(
    options.productionEnvironments.map(e => e.toLocaleLowerCase('en-US')),
  );

  const claim = (path: string) => ({
    annotation: CLAIM_ANNOTATIONS.gitlab,
    value: path,
  });

  function deployment(payload: unknown): ParsedDelivery {
    const routing = readPayload(deploymentRouting, payload, 'deployment');
    const status = FINISHED[routing.status];
    if (!status) {
      return {
        kind: 'ignored',
        reason: `deployment status "${routing.status}" is not a finished deployment (success or failed)`,
      };
    }
    const environment = routing.environment;
    if (!production.has(environment.toLocaleLowerCase('en-US'))) {
      return {
        kind: 'ignored',
        reason: `environment "${environment}" is not a production environment (platformKpis.productionEnvironments: ${[
          ...production,
        ].join(', ')})`,
      };
    }
    const p = readPayload(deploymentPayload, payload, 'deployment');
    const sha = deployedSha(p.commit_url, p.short_sha);
    const id =
      p.deployment_id !== undefined
        ? eventId(SOURCE, 'deployment', p.deployment_id, status)
        : eventId(SOURCE, 'job', p.deployable_id!, status);
    return {
      kind: 'events',
      claim: claim(p.project.path_with_namespace),
      events: [
        {
          type: 'deployment',
          id,
          environment,
          status,
          startedAt: p.status_changed_at,
          finishedAt: p.status_changed_at,
          commitShas: sha ? [sha] : [],
          source: SOURCE,
        },
      ],
    };
  }

  function mergeRequest(payload: unknown): ParsedDelivery {
    const event = 'merge_request';
    const routing = readPayload(mergeRequestRouting, payload, event);
    const { action, state } = routing.object_attributes;
    if (action !== 'merge' && state !== 'merged') {
      return {
        kind: 'ignored',
        reason: `merge_request action "${action ?? state}" is not a merge`,
      };
    }
    const p = readPayload(mergedRequestPayload, payload, event);
    const mr = p.object_attributes;
    if (mr.target_branch !== p.project.default_branch) {
      return {
        kind: 'ignored',
        reason: `merge_request was merged into ${mr.target_branch}, not the default branch (${p.project.default_branch})`,
      };
    }
    const sha = mr.merge_commit_sha ?? mr.last_commit?.id;
    if (!sha) {
      throw new InputError(
        `${event}.object_attributes.merge_commit_sha: is required (or last_commit.id)`,
      );
    }
    return {
      kind: 'events',
      claim: claim(p.project.path_with_namespace),
      events: [
        {
          type: 'change',
          id: eventId(SOURCE, 'mr', `${p.project.id}!${mr.iid}`),
          kind: 'pull_request',
          sha,
          committedAt: mr.created_at,
          mergedAt: mr.merged_at ?? mr.updated_at,
          source: SOURCE,
        },
      ],
    };
  }

  function push(payload: unknown): ParsedDelivery {
    const p = readPayload(pushPayload, payload, 'push');
    const branch = `refs/heads/${p.project.default_branch}`;
    if (p.ref !== branch) {
      return {
        kind: 'ignored',
        reason: `push to ${p.ref} is not to the default branch (${branch})`,
      };
    }
    if (p.commits.length === 0) {
      return { kind: 'ignored', reason: 'push carries no commits' };
    }
    const seen = new Set<string>();
    const events: UnclaimedEvent[] = [];
    for (const commit of p.commits) {
      if (seen.has(commit.id)) continue;
      seen.add(commit.id);
      events.push({
        type: 'change',
        id: eventId(SOURCE, 'commit', p.project.id, commit.id),
        kind: 'commit',
        sha: commit.id,
        committedAt: commit.timestamp,
        source: SOURCE,
      });
    }
    return {
      kind: 'events',
      claim: claim(p.project.path_with_namespace),
      events,
    };
  }

  return {
    id: 'gitlab',

    verify(
      headers: IncomingHttpHeaders,
      _rawBody: Buffer,
      secrets: readonly string[],
    ) {
      const usable = signingSecrets(secrets, SOURCE);
      const token = header(headers, TOKEN_HEADER);
      if (!token) {
        throw new AuthenticationError(`${TOKEN_HEADER} header is missing`);
      }
      if (!anyTokenMatches(token, usable)) {
        throw new AuthenticationError(
          `${TOKEN_HEADER} matches none of the configured secrets`,
        );
      }
    },

    parse(headers: IncomingHttpHeaders, payload: unknown): ParsedDelivery {
      const kind = kindOf(headers, payload);
      switch (kind.kind) {
        case 'deployment':
          return deployment(payload);
        case 'merge_request':
          return mergeRequest(payload);
        case 'push':
          return push(payload);
        default:
          return {
            kind: 'ignored',
            reason: `gitlab event "${kind.name}" is not used`,
          };
      }
    },

    deliveryId(headers: IncomingHttpHeaders, payload: unknown) {
      // Idempotency-Key (GitLab 17.4+) stays the same when GitLab retries a
      // delivery; X-Gitlab-Event-UUID names the event that caused it.
      const fromHeader =
        header(headers, 'Idempotency-Key') ??
        header(headers, 'X-Gitlab-Event-UUID');
      if (fromHeader) return fromHeader;
      return derivedDeliveryId(kindOf(headers, payload).kind, payload);
    },
  };
}

function kindOf(
  headers: IncomingHttpHeaders,
  payload: unknown,
): { kind: GitlabKind | undefined; name: string } {
  const hook = header(headers, 'X-Gitlab-Event');
  if (hook && HOOKS[hook]) return { kind: HOOKS[hook], name: hook };
  // System hooks say "System Hook" in the header and the kind in the body.
  const objectKind = isRecord(payload) ? payload.object_kind : undefined;
  if (typeof objectKind === 'string' && KINDS.includes(objectKind)) {
    return { kind: objectKind as GitlabKind, name: objectKind };
  }
  return {
    kind: undefined,
    name: hook ?? (typeof objectKind === 'string' ? objectKind : 'unknown'),
  };
}

/** The full SHA from `…/-/commit/<sha>`, else the short one. */
function deployedSha(
  commitUrl: string | null | undefined,
  shortSha: string | undefined,
): string | undefined {
  const last = commitUrl?.split(/[/?#]/).filter(Boolean).pop();
  const candidate = last && /^[0-9a-f]{40,64}$/i.test(last) ? last : shortSha;
  return candidate && /^[0-9a-f]{7,64}$/i.test(candidate)
    ? candidate.toLowerCase()
    : undefined;
}

/**
 * Without a delivery header: the object and the state it reached, so a
 * resend of the same hook has the same id.
 */
function derivedDeliveryId(
  kind: GitlabKind | undefined,
  payload: unknown,
): string | undefined {
  if (!isRecord(payload)) return undefined;
  const parts = deliveryParts(kind, payload);
  if (!parts || parts.some(p => p === undefined || p === null)) {
    return undefined;
  }
  return parts.map(String).join(':');
}

function deliveryParts(
  kind: GitlabKind | undefined,
  payload: Record<string, unknown>,
): unknown[] | undefined {
  const projectId = isRecord(payload.project) ? payload.project.id : undefined;
  const attrs = isRecord(payload.object_attributes)
    ? payload.object_attributes
    : {};
  switch (kind) {
    case 'deployment': {
      const job = payload.deployable_id;
      const object =
        payload.deployment_id ??
        (job === undefined || job === null ? undefined : `job-${job}`);
      return ['deployment', object, payload.status];
    }
    case 'merge_request':
      return [
        'merge_request',
        projectId,
        attrs.iid,
        attrs.action ?? attrs.state,
      ];
    case 'push':
      return ['push', projectId, payload.ref, payload.before, payload.after];
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
