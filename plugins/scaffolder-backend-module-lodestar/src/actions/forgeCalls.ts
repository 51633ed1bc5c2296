/*
 * Calls to a code host (GitHub, GitLab) on behalf of publish:lodestar, and
 * what a person reads when one fails: always the host and the HTTP status
 * (or that the host could not be reached), the step that failed, the
 * host's own reason, and what is left behind. Tokens never enter a message:
 * they travel in headers and basic auth only, and neither is ever quoted.
 * What both publishers do once a repository exists (push, or delete it
 * again) is here too, so GitHub and GitLab fail in the same words.
 */
import { STATUS_CODES } from 'node:http';
import { LoggerService } from '@backstage/backend-plugin-api';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { DEFAULT_BRANCH, GitPerson } from '@internal/plugin-local-git-node';

export type Forge = 'GitHub' | 'GitLab';

/** What publish:lodestar hands to publishToGithub and publishToGitlab. */
export type ForgePublishRequest = {
  name: string;
  description?: string;
  workspacePath: string;
  author: GitPerson;
  commitMessage: string;
  logger: LoggerService;
};

/** A failed call to a code host, with the host and the status named. */
export class ForgeError extends Error {
  readonly status?: number;

  constructor(
    message: string,
    options: { status?: number; name?: string } = {},
  ) {
    super(message);
    this.status = options.status;
    // ConflictError-like name for "the name is taken", so it reads as such.
    this.name = options.name ?? 'ForgeError';
  }
}

export const NOTHING_CREATED = 'nothing was created';

/** A call made before anything exists: unreachable also means nothing was created. */
export function beforeCreation(call: Promise<Response>): Promise<Response> {
  return call.catch((e: ForgeError) => {
    throw new ForgeError(`${e.message}; ${NOTHING_CREATED}`);
  });
}

/** fetch that turns "could not connect" into a ForgeError naming the host. */
export async function forgeFetch(
  forge: Forge,
  host: string,
  step: string,
  url: string,
  init: RequestInit,
): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new ForgeError(
      `${forge} at ${host} could not be reached when ${step} (${networkCode(
        error,
      )})`,
    );
  }
}

/** The ForgeError for a response that was not ok. */
export async function failedResponse(
  forge: Forge,
  host: string,
  step: string,
  res: Response,
  hint?: string,
): Promise<ForgeError> {
  const reason = await reasonOf(res);
  return new ForgeError(
    `${forge} at ${host} answered ${res.status} ${
      STATUS_CODES[res.status] ?? ''
    } when ${step}${reason ? `: ${reason}` : ''}${hint ? `; ${hint}` : ''}`
      .replace(/\s+:/, ':')
      .trim(),
    {
      status: res.status,
      name: res.status === 409 ? 'ConflictError' : undefined,
    },
  );
}

/**
 * What a failed git push says: isomorphic-git's HttpError carries the
 * status, a connection failure its code.
 */
export function pushFailure(
  forge: Forge,
  host: string,
  remote: string,
  error: unknown,
): ForgeError {
  const e = error as any;
  const message: string = e?.message ?? String(error);
  // scaffolder-node's Git.push rethrows isomorphic-git's HttpError as
  // "HTTP Error: 403 Forbidden {data=…}".
  const status: number | undefined =
    e?.data?.statusCode ?? statusInMessage(message);
  if (status) {
    return new ForgeError(
      `${forge} at ${host} answered ${status} ${
        STATUS_CODES[status] ?? ''
      } when pushing to ${remote}`,
      { status },
    );
  }
  const code = connectionCode(error);
  if (code) {
    return new ForgeError(
      `${forge} at ${host} could not be reached when pushing to ${remote} (${code})`,
    );
  }
  return new ForgeError(
    `Pushing to ${remote} on ${forge} at ${host} failed: ${message}`,
  );
}

/**
 * The status in a message as scaffolder-node's Git rethrows isomorphic-git's
 * HttpError ("HTTP Error: 403 Forbidden {data=…}").
 */
export function statusInMessage(message: string): number | undefined {
  const match = /HTTP Error: (\d{3})/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** The end of a message when a repository this run created could not be deleted. */
export function stillThere(kind: string, webUrl: string, why: string): string {
  return `the ${kind} ${webUrl} this run created is still there (${why}): delete it by hand before running the template again`;
}

/**
 * Pushes the workspace as the first commit of a repository this run has
 * just created, then runs `after` (settings such as branch protection).
 * When that fails the repository is deleted again and the error says so,
 * or says exactly what is left and why.
 */
export async function pushToNewRepository(options: {
  forge: Forge;
  host: string;
  /** 'repository' (GitHub) or 'project' (GitLab). */
  kind: string;
  webUrl: string;
  remoteUrl: string;
  auth: { username: string; password: string };
  request: ForgePublishRequest;
  after?: () => Promise<void>;
  /** Deletes the repository again. */
  remove: () => Promise<Response>;
  /** What the token needs when the host refuses the delete. */
  deleteRights: string;
}): Promise<{ commitHash: string }> {
  const { forge, host, kind, webUrl, remoteUrl, request } = options;
  try {
    let commitHash: string;
    try {
      ({ commitHash } = await initRepoAndPush({
        dir: request.workspacePath,
        remoteUrl,
        auth: options.auth,
        logger: request.logger,
        defaultBranch: DEFAULT_BRANCH,
        commitMessage: request.commitMessage,
        gitAuthorInfo: request.author,
      }));
    } catch (error) {
      throw pushFailure(forge, host, remoteUrl, error);
    }
    await options.after?.();
    return { commitHash };
  } catch (error) {
    const message = (error as Error).message;
    const status = (error as ForgeError).status;
    const deleted = await options.remove().catch((e: Error) => e);
    if (deleted instanceof Response && deleted.ok) {
      throw new ForgeError(
        `${message}; the ${kind} ${webUrl} this run created was deleted again`,
        { status },
      );
    }
    const why =
      deleted instanceof Response
        ? `${forge} answered ${deleted.status} to the delete; ${options.deleteRights}`
        : deleted.message;
    throw new ForgeError(`${message}; ${stillThere(kind, webUrl, why)}`, {
      status,
    });
  }
}

const CONNECTION_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+|CERT_\w+|\w*_CERT_\w*|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;

/**
 * A connection failure's code (ECONNREFUSED, ENOTFOUND, …), if it is one:
 * from the error or its causes (fetch puts it in `cause`, a refused
 * dual-stack connection in `errors`), or named in one of their messages
 * (libraries that rethrow keep only the message).
 */
export function connectionCode(error: unknown): string | undefined {
  const chain: any[] = [];
  for (let e: any = error; e && chain.length < 5; e = e.cause) chain.push(e);
  const candidates = [
    ...chain.flatMap(e => [e.code, e.errors?.[0]?.code]),
    ...chain.flatMap(e =>
      String(e.message ?? '').match(/\b[A-Z][A-Z_]{3,}\b/g),
    ),
  ];
  return candidates.find(
    (code): code is string =>
      typeof code === 'string' && CONNECTION_CODES.test(code),
  );
}

function networkCode(error: unknown): string {
  const e = error as any;
  return (
    connectionCode(error) ?? e?.cause?.message ?? e?.message ?? 'unknown error'
  );
}

/** The host's reason: GitHub's and GitLab's JSON `message` (and errors). */
async function reasonOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    const parts: string[] = [];
    const message = body?.message ?? body?.error;
    if (typeof message === 'string') parts.push(message);
    else if (Array.isArray(message)) parts.push(message.join('; '));
    else if (message && typeof message === 'object') {
      // GitLab: { name: ['has already been taken'], … }
      parts.push(
        Object.entries(message)
          .map(
            ([field, problems]) => `${field} ${[problems].flat().join(', ')}`,
          )
          .join('; '),
      );
    }
    for (const item of Array.isArray(body?.errors) ? body.errors : []) {
      if (item?.message) parts.push(String(item.message));
    }
    return parts.join(': ').slice(0, 500);
  } catch {
    return text.replace(/\s+/g, ' ').trim().slice(0, 200);
  }
}
