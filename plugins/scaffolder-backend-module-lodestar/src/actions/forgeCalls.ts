/*
 * Calls to a code host (GitHub, GitLab) on behalf of publish:lodestar, and
 * what a person reads when one fails: always the host and the HTTP status
 * (or that the host could not be reached), the step that failed, the
 * host's own reason, and what is left behind. Tokens never enter a message:
 * they travel in headers and basic auth only, and neither is ever quoted.
 */
import { STATUS_CODES } from 'node:http';

export type Forge = 'GitHub' | 'GitLab';

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
    e?.data?.statusCode ??
    (/HTTP Error: (\d{3})/.exec(message)
      ? Number(/HTTP Error: (\d{3})/.exec(message)![1])
      : undefined);
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

const CONNECTION_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+|CERT_\w+|\w*_CERT_\w*|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/;

/** A connection failure's code (ECONNREFUSED, ENOTFOUND, …), if it is one. */
function connectionCode(error: unknown): string | undefined {
  const e = error as any;
  for (const code of [
    e?.code,
    e?.cause?.code,
    e?.cause?.errors?.[0]?.code,
    e?.errors?.[0]?.code,
  ]) {
    if (typeof code === 'string' && CONNECTION_CODES.test(code)) return code;
  }
  return undefined;
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
