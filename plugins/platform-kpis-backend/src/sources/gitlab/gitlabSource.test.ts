/*
 * The GitLab source against the payloads GitLab documents, transcribed in
 * __fixtures__ (see its README). Where the documentation has no example of
 * a case (a merged merge request, a production deployment), a copy of the
 * documented one is changed in the fields named in the test.
 */
import { AuthenticationError, InputError } from '@backstage/errors';
import { parseEvent } from '@internal/plugin-platform-kpis-common';
import { createGitlabSource } from './gitlabSource';
import { ParsedDelivery, UnclaimedEvent } from '../types';
import deploymentFixture from './__fixtures__/deployment.json';
import mergeRequestFixture from './__fixtures__/merge_request.json';
import pushFixture from './__fixtures__/push.json';

const source = createGitlabSource({
  productionEnvironments: ['production', 'prod'],
});

const fixture = <T>(json: T): any => structuredClone(json);
const hook = (name: string, extra: Record<string, string> = {}) => ({
  'x-gitlab-event': name,
  ...extra,
});

function eventsOf(parsed: ParsedDelivery): UnclaimedEvent[] {
  if (parsed.kind !== 'events') {
    throw new Error(`expected events, got ${JSON.stringify(parsed)}`);
  }
  return parsed.events;
}

function expectIngestible(events: UnclaimedEvent[]) {
  events.forEach((event, i) => {
    expect(
      parseEvent({ ...event, entityRef: 'component:default/diaspora' }, i),
    ).toMatchObject({ ok: true });
  });
}

/** The documented deployment, to production instead of staging. */
function productionDeployment() {
  const payload = fixture(deploymentFixture);
  payload.environment = 'production';
  return payload;
}

/** The documented merge request, merged (action, state, merge commit). */
function mergedRequest() {
  const payload = fixture(mergeRequestFixture);
  payload.object_attributes.action = 'merge';
  payload.object_attributes.state = 'merged';
  payload.object_attributes.merge_commit_sha =
    '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
  payload.object_attributes.updated_at = '2013-12-04 09:00:00 UTC';
  return payload;
}

describe('gitlab source: verify', () => {
  const body = Buffer.from(JSON.stringify(pushFixture));

  it('accepts the token GitLab sends when it equals a secret', () => {
    expect(() =>
      source.verify({ 'x-gitlab-token': 'team-secret' }, body, ['team-secret']),
    ).not.toThrow();
  });

  it('accepts the second of two secrets (rotation)', () => {
    expect(() =>
      source.verify({ 'x-gitlab-token': 'new-token' }, body, [
        'old-token',
        'new-token',
      ]),
    ).not.toThrow();
  });

  it('refuses a missing token', () => {
    expect(() => source.verify({}, body, ['team-secret'])).toThrow(
      new AuthenticationError('X-Gitlab-Token header is missing'),
    );
  });

  it('refuses a wrong token, including a prefix of the secret', () => {
    for (const token of ['team-secreT', 'team-', 'team-secret ']) {
      expect(() =>
        source.verify({ 'x-gitlab-token': token }, body, ['team-secret']),
      ).toThrow('X-Gitlab-Token matches none of the configured secrets');
    }
  });

  it('refuses everything when no secret is configured', () => {
    expect(() => source.verify({ 'x-gitlab-token': '' }, body, [''])).toThrow(
      AuthenticationError,
    );
  });
});

describe('gitlab source: parse', () => {
  it('maps a successful production deployment', () => {
    const parsed = source.parse(
      hook('Deployment Hook'),
      productionDeployment(),
    );
    expect(parsed).toEqual({
      kind: 'events',
      claim: {
        annotation: 'gitlab.com/project-slug',
        value: 'root/test-deployment-webhooks',
      },
      events: [
        {
          type: 'deployment',
          id: 'gitlab:deployment:15:success',
          environment: 'production',
          status: 'success',
          // GitLab's "2021-04-28 21:50:00 +0200", as ISO 8601.
          startedAt: '2021-04-28T21:50:00+0200',
          finishedAt: '2021-04-28T21:50:00+0200',
          // The full SHA from commit_url, not short_sha.
          commitShas: ['279484c09fbe69ededfced8c1bb6e6d24616b468'],
          source: 'gitlab',
        },
      ],
    });
    expectIngestible(eventsOf(parsed));
  });

  it('maps a failed deployment to a failure, with the job id when there is no deployment id', () => {
    const payload = productionDeployment();
    payload.status = 'failed';
    delete payload.deployment_id;
    const [event] = eventsOf(source.parse(hook('Deployment Hook'), payload));
    expect(event).toMatchObject({
      id: 'gitlab:job:796:failure',
      status: 'failure',
    });
  });

  it('falls back to short_sha when commit_url holds no SHA', () => {
    const payload = productionDeployment();
    payload.commit_url = null;
    const [event] = eventsOf(source.parse(hook('Deployment Hook'), payload));
    expect(event).toMatchObject({ commitShas: ['279484c0'] });
  });

  it('ignores unfinished deployments and other environments', () => {
    expect(
      source.parse(hook('Deployment Hook'), fixture(deploymentFixture)),
    ).toEqual({
      kind: 'ignored',
      reason:
        'environment "staging" is not a production environment (platformKpis.productionEnvironments: production, prod)',
    });
    for (const status of ['running', 'canceled', 'created']) {
      const payload = productionDeployment();
      payload.status = status;
      expect(source.parse(hook('Deployment Hook'), payload)).toEqual({
        kind: 'ignored',
        reason: `deployment status "${status}" is not a finished deployment (success or failed)`,
      });
    }
  });

  it('maps a merged merge request to a change dated when it was created', () => {
    const parsed = source.parse(hook('Merge Request Hook'), mergedRequest());
    expect(parsed).toEqual({
      kind: 'events',
      claim: {
        annotation: 'gitlab.com/project-slug',
        value: 'gitlabhq/gitlab-test',
      },
      events: [
        {
          type: 'change',
          id: 'gitlab:mr:1!1',
          kind: 'pull_request',
          sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
          committedAt: '2013-12-03T17:23:34Z',
          // No merged_at in the payload: updated_at, rewritten to ISO.
          mergedAt: '2013-12-04T09:00:00Z',
          source: 'gitlab',
        },
      ],
    });
    expectIngestible(eventsOf(parsed));
  });

  it('takes merged_at when present and the last commit for a fast-forward merge', () => {
    const payload = mergedRequest();
    payload.object_attributes.merge_commit_sha = null;
    payload.object_attributes.merged_at = '2013-12-04T08:00:00Z';
    const [event] = eventsOf(source.parse(hook('Merge Request Hook'), payload));
    expect(event).toMatchObject({
      sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      mergedAt: '2013-12-04T08:00:00Z',
    });
  });

  it('ignores merge requests that are not merged into the default branch', () => {
    expect(
      source.parse(hook('Merge Request Hook'), fixture(mergeRequestFixture)),
    ).toEqual({
      kind: 'ignored',
      reason: 'merge_request action "open" is not a merge',
    });
    const payload = mergedRequest();
    payload.object_attributes.target_branch = 'stable';
    expect(source.parse(hook('Merge Request Hook'), payload)).toEqual({
      kind: 'ignored',
      reason:
        'merge_request was merged into stable, not the default branch (master)',
    });
  });

  it('maps a push to the default branch to one change per commit', () => {
    const parsed = source.parse(hook('Push Hook'), fixture(pushFixture));
    expect(parsed).toEqual({
      kind: 'events',
      claim: { annotation: 'gitlab.com/project-slug', value: 'mike/diaspora' },
      events: [
        {
          type: 'change',
          id: 'gitlab:commit:15:b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
          kind: 'commit',
          sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
          committedAt: '2011-12-12T14:27:31+02:00',
          source: 'gitlab',
        },
        {
          type: 'change',
          id: 'gitlab:commit:15:da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
          kind: 'commit',
          sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
          committedAt: '2012-01-03T23:36:29+02:00',
          source: 'gitlab',
        },
      ],
    });
    expectIngestible(eventsOf(parsed));
  });

  it('ignores a push to another branch', () => {
    const payload = fixture(pushFixture);
    payload.ref = 'refs/heads/feature';
    expect(source.parse(hook('Push Hook'), payload)).toEqual({
      kind: 'ignored',
      reason:
        'push to refs/heads/feature is not to the default branch (refs/heads/master)',
    });
  });

  it('reads the kind from object_kind when the header does not name it', () => {
    expect(
      eventsOf(source.parse(hook('System Hook'), fixture(pushFixture))),
    ).toHaveLength(2);
    expect(eventsOf(source.parse({}, productionDeployment()))).toHaveLength(1);
  });

  it('ignores hooks the portal does not use', () => {
    expect(
      source.parse(hook('Pipeline Hook'), { object_kind: 'pipeline' }),
    ).toEqual({
      kind: 'ignored',
      reason: 'gitlab event "Pipeline Hook" is not used',
    });
  });

  it('names the field of a malformed payload', () => {
    const noTime = productionDeployment();
    delete noTime.status_changed_at;
    expect(() => source.parse(hook('Deployment Hook'), noTime)).toThrow(
      new InputError('deployment.status_changed_at: is required'),
    );

    const badTime = productionDeployment();
    badTime.status_changed_at = 'yesterday';
    expect(() => source.parse(hook('Deployment Hook'), badTime)).toThrow(
      /^deployment\.status_changed_at: must be an ISO 8601 timestamp/,
    );

    const noProject = mergedRequest();
    delete noProject.project;
    expect(() => source.parse(hook('Merge Request Hook'), noProject)).toThrow(
      'merge_request.project: is required',
    );

    const badCommit = fixture(pushFixture);
    badCommit.commits[1].id = 'fixed readme';
    expect(() => source.parse(hook('Push Hook'), badCommit)).toThrow(
      'push.commits[1].id: must be a commit SHA (7 to 64 hex digits)',
    );
  });
});

describe('gitlab source: deliveryId', () => {
  it('prefers Idempotency-Key, then X-Gitlab-Event-UUID', () => {
    const payload = fixture(pushFixture);
    expect(
      source.deliveryId(
        hook('Push Hook', {
          'idempotency-key': 'f4f1e2c3-1111-4b5a-9e0d-000000000001',
          'x-gitlab-event-uuid': '13792a34-cac6-4fda-95a8-c58e00a3954e',
        }),
        payload,
      ),
    ).toBe('f4f1e2c3-1111-4b5a-9e0d-000000000001');
    expect(
      source.deliveryId(
        hook('Push Hook', {
          'x-gitlab-event-uuid': '13792a34-cac6-4fda-95a8-c58e00a3954e',
        }),
        payload,
      ),
    ).toBe('13792a34-cac6-4fda-95a8-c58e00a3954e');
  });

  it('derives one from the object and its state without those headers', () => {
    expect(
      source.deliveryId(hook('Deployment Hook'), productionDeployment()),
    ).toBe('deployment:15:success');
    expect(source.deliveryId(hook('Merge Request Hook'), mergedRequest())).toBe(
      'merge_request:1:1:merge',
    );
    expect(source.deliveryId(hook('Push Hook'), fixture(pushFixture))).toBe(
      'push:15:refs/heads/master:95790bf891e76fee5e1747ab589903a6a1f80f22:da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    );
    expect(source.deliveryId(hook('Pipeline Hook'), {})).toBeUndefined();
  });
});
