/*
 * The GitHub source against the payloads GitHub documents, loaded from
 * @octokit/webhooks-examples (never copied by hand). Where the package has
 * no example of a case (a merged pull request, a failed deployment), a copy
 * of the nearest example is changed in the fields named in the test.
 */
import { AuthenticationError, InputError } from '@backstage/errors';
import { parseEvent } from '@internal/plugin-platform-kpis-common';
import webhookDefinitions from '@octokit/webhooks-examples';
import { createHmac } from 'node:crypto';
import { createGithubSource } from './githubSource';
import { ParsedDelivery, UnclaimedEvent } from '../types';

const source = createGithubSource({
  productionEnvironments: ['production', 'prod'],
});

/** The first documented example of `name` that satisfies `which`. */
function example(name: string, which: (payload: any) => boolean = () => true) {
  const definition = webhookDefinitions.find(d => d.name === name);
  const found = (definition?.examples as any[] | undefined)?.find(which);
  if (!found) throw new Error(`no ${name} example matches`);
  return structuredClone(found);
}

const headers = (event: string, delivery?: string) => ({
  'x-github-event': event,
  ...(delivery ? { 'x-github-delivery': delivery } : {}),
});

function eventsOf(parsed: ParsedDelivery): UnclaimedEvent[] {
  if (parsed.kind !== 'events') {
    throw new Error(`expected events, got ${JSON.stringify(parsed)}`);
  }
  return parsed.events;
}

/** Every mapped event is one POST /events would take. */
function expectIngestible(events: UnclaimedEvent[]) {
  events.forEach((event, i) => {
    const parsed = parseEvent(
      { ...event, entityRef: 'component:default/hello-world' },
      i,
    );
    expect(parsed).toMatchObject({ ok: true });
  });
}

const sign = (secret: string, body: Buffer) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('github source: verify', () => {
  // The test values GitHub publishes in "Validating webhook deliveries".
  const documentedSecret = "It's a Secret to Everybody";
  const documentedBody = Buffer.from('Hello, World!');
  const documentedSignature =
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it("accepts GitHub's documented test signature", () => {
    expect(() =>
      source.verify(
        { 'x-hub-signature-256': documentedSignature },
        documentedBody,
        [documentedSecret],
      ),
    ).not.toThrow();
  });

  it('accepts a body signed with the second of two secrets (rotation)', () => {
    const body = Buffer.from(JSON.stringify(example('ping')));
    expect(() =>
      source.verify({ 'x-hub-signature-256': sign('new-secret', body) }, body, [
        'old-secret',
        'new-secret',
      ]),
    ).not.toThrow();
  });

  it('refuses a missing signature', () => {
    expect(() => source.verify({}, documentedBody, [documentedSecret])).toThrow(
      new AuthenticationError('X-Hub-Signature-256 header is missing'),
    );
  });

  it('refuses a signature made with another secret', () => {
    expect(() =>
      source.verify(
        { 'x-hub-signature-256': sign('guessed', documentedBody) },
        documentedBody,
        [documentedSecret],
      ),
    ).toThrow(AuthenticationError);
  });

  it('refuses a body changed after signing', () => {
    expect(() =>
      source.verify(
        { 'x-hub-signature-256': documentedSignature },
        Buffer.from('Hello, World?'),
        [documentedSecret],
      ),
    ).toThrow('X-Hub-Signature-256 matches none of the configured secrets');
  });

  it('refuses the SHA-1 header format and garbage', () => {
    for (const value of [
      documentedSignature.replace('sha256=', 'sha1='),
      'sha256=zz',
      'sha256=',
    ]) {
      expect(() =>
        source.verify({ 'x-hub-signature-256': value }, documentedBody, [
          documentedSecret,
        ]),
      ).toThrow(AuthenticationError);
    }
  });

  it('refuses everything when no secret is configured', () => {
    const empty = Buffer.from('{}');
    expect(() =>
      source.verify({ 'x-hub-signature-256': sign('', empty) }, empty, ['']),
    ).toThrow('no webhook secret is configured for github');
  });
});

describe('github source: parse', () => {
  const productionSuccess = () =>
    example(
      'deployment_status',
      p =>
        p.deployment_status.state === 'success' &&
        p.deployment.environment === 'production',
    );

  it('answers ping with ping', () => {
    expect(source.parse(headers('ping'), example('ping'))).toEqual({
      kind: 'ping',
    });
  });

  it('maps a successful production deployment_status', () => {
    const payload = productionSuccess();
    const parsed = source.parse(headers('deployment_status'), payload);
    expect(parsed).toEqual({
      kind: 'events',
      claim: {
        annotation: 'github.com/project-slug',
        value: payload.repository.full_name,
      },
      events: [
        {
          type: 'deployment',
          id: `github:deployment:${payload.deployment.id}:success`,
          environment: 'production',
          status: 'success',
          startedAt: payload.deployment.created_at,
          finishedAt: payload.deployment_status.created_at,
          commitShas: [payload.deployment.sha],
          source: 'github',
        },
      ],
    });
    expect(payload.repository.full_name).toBe('Codertocat/Hello-World');
    expectIngestible(eventsOf(parsed));
  });

  it.each([
    ['failure', 'failure'],
    ['error', 'failure'],
  ])('maps a deployment_status "%s" to a %s', (state, status) => {
    const payload = productionSuccess();
    payload.deployment_status.state = state;
    const [event] = eventsOf(
      source.parse(headers('deployment_status'), payload),
    );
    expect(event).toMatchObject({
      status,
      id: `github:deployment:${payload.deployment.id}:failure`,
    });
  });

  it('ignores a deployment that has not finished', () => {
    const payload = example(
      'deployment_status',
      p => p.deployment_status.state === 'in_progress',
    );
    expect(source.parse(headers('deployment_status'), payload)).toEqual({
      kind: 'ignored',
      reason:
        'deployment_status "in_progress" is not a finished deployment (success, failure or error)',
    });
  });

  it('ignores a finished deployment to a non-production environment', () => {
    const payload = productionSuccess();
    payload.deployment.environment = 'staging';
    payload.deployment_status.environment = 'staging';
    expect(source.parse(headers('deployment_status'), payload)).toEqual({
      kind: 'ignored',
      reason:
        'environment "staging" is not a production environment (platformKpis.productionEnvironments: production, prod)',
    });
  });

  it('follows the configured production environments, case-insensitively', () => {
    const live = createGithubSource({ productionEnvironments: ['Live'] });
    const payload = productionSuccess();
    expect(live.parse(headers('deployment_status'), payload).kind).toBe(
      'ignored',
    );
    payload.deployment.environment = 'LIVE';
    payload.deployment_status.environment = 'LIVE';
    expect(eventsOf(live.parse(headers('deployment_status'), payload))).toEqual(
      [expect.objectContaining({ environment: 'LIVE' })],
    );
  });

  it('maps a push to the default branch to one change per commit', () => {
    const payload = example('push', p => p.ref === 'refs/heads/master');
    expect(payload.repository.default_branch).toBe('master');
    const parsed = source.parse(headers('push'), payload);
    expect(parsed).toEqual({
      kind: 'events',
      claim: {
        annotation: 'github.com/project-slug',
        value: 'Codertocat/Hello-World',
      },
      events: payload.commits.map((c: any) => ({
        type: 'change',
        id: `github:commit:codertocat/hello-world@${c.id}`,
        kind: 'commit',
        sha: c.id,
        committedAt: c.timestamp,
        source: 'github',
      })),
    });
    expect(eventsOf(parsed)).toHaveLength(payload.commits.length);
    expectIngestible(eventsOf(parsed));
  });

  it('ignores a push that is not to the default branch', () => {
    const tag = example('push', p => p.ref === 'refs/tags/simple-tag');
    expect(source.parse(headers('push'), tag)).toEqual({
      kind: 'ignored',
      reason:
        'push to refs/tags/simple-tag is not to the default branch (refs/heads/master)',
    });
    const branch = example('push', p => p.ref === 'refs/heads/master');
    branch.ref = 'refs/heads/feature';
    expect(source.parse(headers('push'), branch).kind).toBe('ignored');
  });

  it('maps a merged pull request to a change dated when it was opened', () => {
    // The package has no merged example: a closed one, merged.
    const payload = example('pull_request', p => p.action === 'closed');
    payload.pull_request.merged = true;
    payload.pull_request.merged_at = '2019-05-15T16:00:00Z';
    const parsed = source.parse(headers('pull_request'), payload);
    expect(parsed).toEqual({
      kind: 'events',
      claim: {
        annotation: 'github.com/project-slug',
        value: 'Codertocat/Hello-World',
      },
      events: [
        {
          type: 'change',
          id: `github:pr:codertocat/hello-world#${payload.number}`,
          kind: 'pull_request',
          sha: payload.pull_request.merge_commit_sha,
          committedAt: payload.pull_request.created_at,
          mergedAt: '2019-05-15T16:00:00Z',
          source: 'github',
        },
      ],
    });
    expectIngestible(eventsOf(parsed));
  });

  it('ignores pull requests closed without merging, other actions and other bases', () => {
    const closed = example('pull_request', p => p.action === 'closed');
    expect(source.parse(headers('pull_request'), closed)).toEqual({
      kind: 'ignored',
      reason: 'pull_request was closed without merging',
    });
    const opened = example('pull_request', p => p.action === 'opened');
    expect(source.parse(headers('pull_request'), opened)).toEqual({
      kind: 'ignored',
      reason: 'pull_request action "opened" is not a merge',
    });
    closed.pull_request.merged = true;
    closed.pull_request.merged_at = '2019-05-15T16:00:00Z';
    closed.pull_request.base.ref = 'release';
    expect(source.parse(headers('pull_request'), closed)).toEqual({
      kind: 'ignored',
      reason:
        'pull_request was merged into release, not the default branch (master)',
    });
  });

  it('ignores events the portal does not use', () => {
    expect(source.parse(headers('issues'), example('issues'))).toEqual({
      kind: 'ignored',
      reason: 'github event "issues" is not used',
    });
  });

  it('names the field of a malformed payload', () => {
    const noSha = productionSuccess();
    delete noSha.deployment.sha;
    expect(() => source.parse(headers('deployment_status'), noSha)).toThrow(
      new InputError('deployment_status.deployment.sha: is required'),
    );

    const badSha = productionSuccess();
    badSha.deployment.sha = 'not-a-sha';
    expect(() => source.parse(headers('deployment_status'), badSha)).toThrow(
      'deployment_status.deployment.sha: must be a commit SHA (7 to 64 hex digits)',
    );

    const badTime = example('push', p => p.ref === 'refs/heads/master');
    badTime.commits[0].timestamp = 1557933565;
    expect(() => source.parse(headers('push'), badTime)).toThrow(
      'push.commits[0].timestamp: must be a string',
    );

    const noRepo = example('push', p => p.ref === 'refs/heads/master');
    delete noRepo.repository;
    expect(() => source.parse(headers('push'), noRepo)).toThrow(
      'push.repository: is required',
    );

    expect(() => source.parse({}, {})).toThrow(InputError);
  });

  it('gives the same ids for a redelivery and different ones per object', () => {
    const payload = productionSuccess();
    const first = eventsOf(source.parse(headers('deployment_status'), payload));
    const again = eventsOf(
      source.parse(headers('deployment_status'), structuredClone(payload)),
    );
    expect(again.map(e => e.id)).toEqual(first.map(e => e.id));
    payload.deployment.id += 1;
    const other = eventsOf(source.parse(headers('deployment_status'), payload));
    expect(other[0].id).not.toBe(first[0].id);
  });
});

describe('github source: deliveryId', () => {
  it('is X-GitHub-Delivery', () => {
    expect(
      source.deliveryId(
        headers('ping', '72d3162e-cc78-11e3-81ab-4c9367dc0958'),
        {},
      ),
    ).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958');
    expect(source.deliveryId(headers('ping'), {})).toBeUndefined();
  });
});
