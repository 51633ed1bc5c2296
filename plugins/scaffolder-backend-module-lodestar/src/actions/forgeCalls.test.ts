/*
 * What a person reads when a code host fails: the host, the status or the
 * connection error, the host's own reason — from GitHub's and GitLab's
 * documented error bodies and from the errors git pushes throw.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  connectionCode,
  failedResponse,
  forgeFetch,
  pushFailure,
} from './forgeCalls';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('failedResponse', () => {
  it('names host, status and GitHub’s message with its errors', async () => {
    const error = await failedResponse(
      'GitHub',
      'github.example:8443',
      'creating the repository o/r',
      json(422, {
        message: 'Repository creation failed.',
        errors: [{ message: 'name already exists on this account' }],
      }),
      'choose another name',
    );
    expect(error.message).toBe(
      'GitHub at github.example:8443 answered 422 Unprocessable Entity when creating the repository o/r: Repository creation failed.: name already exists on this account; choose another name',
    );
    expect(error.status).toBe(422);
  });

  it('spells out GitLab’s per-field messages', async () => {
    const error = await failedResponse(
      'GitLab',
      'gitlab.example',
      'creating the project g/p',
      json(400, { message: { path: ['has already been taken'] } }),
    );
    expect(error.message).toBe(
      'GitLab at gitlab.example answered 400 Bad Request when creating the project g/p: path has already been taken',
    );
  });

  it('takes a non-JSON body as text, shortened', async () => {
    const error = await failedResponse(
      'GitLab',
      'gitlab.example',
      'looking up the group g',
      new Response(`<html>${'x'.repeat(1000)}</html>`, { status: 502 }),
    );
    // The body is cut to its first 200 characters.
    expect(error.message).toBe(
      `GitLab at gitlab.example answered 502 Bad Gateway when looking up the group g: <html>${'x'.repeat(
        194,
      )}`,
    );
  });
});

describe('forgeFetch', () => {
  it('says the host could not be reached, with the connection error', async () => {
    const server = http.createServer();
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise(r => server.close(r));
    await expect(
      forgeFetch(
        'GitHub',
        `127.0.0.1:${port}`,
        'looking up the owner o',
        `http://127.0.0.1:${port}/users/o`,
        {},
      ),
    ).rejects.toThrow(
      `GitHub at 127.0.0.1:${port} could not be reached when looking up the owner o (ECONNREFUSED)`,
    );
  });
});

describe('pushFailure', () => {
  it('reads the status scaffolder-node puts in the message', () => {
    const error = pushFailure(
      'GitLab',
      'gitlab.example',
      'https://gitlab.example/g/p.git',
      new Error('HTTP Error: 403 Forbidden {data={"statusCode":403}}'),
    );
    expect(error.message).toBe(
      'GitLab at gitlab.example answered 403 Forbidden when pushing to https://gitlab.example/g/p.git',
    );
  });

  it('says the host could not be reached on a connection error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(
      pushFailure('GitHub', 'h', 'https://h/o/r.git', refused).message,
    ).toBe(
      'GitHub at h could not be reached when pushing to https://h/o/r.git (ECONNREFUSED)',
    );
  });

  it('keeps any other message', () => {
    expect(
      pushFailure('GitHub', 'h', 'https://h/o/r.git', new Error('disk full'))
        .message,
    ).toBe('Pushing to https://h/o/r.git on GitHub at h failed: disk full');
  });
});

describe('connectionCode', () => {
  it('finds the code on a cause, or named in a rethrown message', () => {
    const fetchFailed = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(connectionCode(fetchFailed)).toBe('ECONNREFUSED');
    expect(
      connectionCode(new Error('request to https://h/x failed, EAI_AGAIN')),
    ).toBe('EAI_AGAIN');
  });

  it('is undefined for anything that is not a connection failure', () => {
    expect(connectionCode(new Error('HTTP Error: 403 Forbidden'))).toBe(
      undefined,
    );
    expect(
      connectionCode(Object.assign(new Error('x'), { code: 'ENOENT' })),
    ).toBeUndefined();
  });
});
