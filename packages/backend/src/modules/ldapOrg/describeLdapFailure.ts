/*
 * Turns a failed LDAP org sync into one sentence a platform engineer can act
 * on. The upstream provider reports every failure as a nested
 * ForwardedError ("LDAP bind failed for …, Error: connect ECONNREFUSED …;
 * caused by …", a refused connection included) with a stack trace; this
 * finds the root cause and names it.
 */

type ErrorLike = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve (DNS unavailable)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the server closed the connection',
  EPIPE: 'the server closed the connection',
};

/** The chain from the outermost error to its root cause. */
function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 10) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

/** The cause of a failed sync, in a few words, without secrets. */
export function describeLdapFailure(
  error: unknown,
  options: { bindDn?: string } = {},
): string {
  const chain = causeChain(error);
  const root = chain[chain.length - 1] ?? {};
  // Lodestar's own refusal of a read with no people (ScheduledOrgSync's
  // NoPeopleGuard) says it all.
  const refused = chain.find(e => e.name === 'NoPeopleReadError');
  if (refused) return String(refused.message);
  const has = (predicate: (e: ErrorLike) => boolean) => chain.some(predicate);

  const networkError = chain.find(
    e => typeof e.code === 'string' && e.code in NETWORK_CODES,
  );
  if (networkError) {
    const code = networkError.code as string;
    return `cannot reach the directory: ${NETWORK_CODES[code]} (${code})`;
  }
  if (has(e => e.name === 'InvalidCredentialsError' || e.code === 49)) {
    return `the directory refused the bind credentials${
      options.bindDn ? ` of ${options.bindDn}` : ''
    } (invalid credentials, LDAP result 49): check LDAP_BIND_DN and LDAP_BIND_SECRET`;
  }
  if (has(e => e.name === 'InsufficientAccessError' || e.code === 50)) {
    return 'the bind account may not read the users or groups (insufficient access, LDAP result 50)';
  }
  if (has(e => e.name === 'NoSuchObjectError' || e.code === 32)) {
    const search = chain.find(
      e => typeof e.message === 'string' && /LDAP search at DN/.test(e.message),
    );
    const dn = search && String(search.message).match(/DN "([^"]*)"/)?.[1];
    return `a base DN does not exist in the directory${
      dn ? ` (${dn})` : ''
    }: check LDAP_USERS_BASE_DN and LDAP_GROUPS_BASE_DN`;
  }
  if (has(e => e.name === 'SizeLimitExceededError' || e.code === 4)) {
    return 'the directory stopped the search at its size limit (LDAP result 4): allow the bind account more entries, or page the search';
  }
  const name = typeof root.name === 'string' ? root.name : 'Error';
  const message =
    typeof root.message === 'string' && root.message.trim()
      ? root.message.trim()
      : String(error);
  // Entity validation and other non-LDAP errors: the outermost message says
  // what the provider was doing.
  const outer = chain[0];
  const context =
    outer && outer !== root && typeof outer.message === 'string'
      ? ` (${outer.message.split(';')[0]})`
      : '';
  return `${name}: ${message}${context}`.replace(/\s+/g, ' ');
}

/** The URL without any user information, for logs. */
export function redactUrl(target: string): string {
  try {
    const url = new URL(target);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return target.replace(/\/\/[^@/]*@/, '//');
  }
}
