/*
 * Real multi-user sign-in, for tests and for the demo seeder: signs a demo person in to a portal
 * through the whole authorization-code flow of the demo OpenID Connect
 * provider (@internal/harness startDemoOidc), as the browser would: portal
 * /start → provider login page → choose the person → portal /handler/frame,
 * which answers with the Backstage identity.
 */

/** A minimal cookie jar: name=value per origin, attributes ignored. */
class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  store(url: string, res: Response) {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') {
        cookies.delete(name);
      } else {
        cookies.set(name, value);
      }
    }
    this.jar.set(origin, cookies);
  }

  header(url: string): string {
    const cookies = this.jar.get(new URL(url).origin) ?? new Map();
    return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export type OidcSignInResult =
  | {
      ok: true;
      token: string;
      userEntityRef: string;
      ownershipEntityRefs: string[];
    }
  | { ok: false; error: { name: string; message: string } };

/**
 * Signs `user` (a demo provider id such as 'sam.rivera') in to the portal at
 * `baseUrl` and returns the Backstage identity, or the portal's refusal.
 */
export async function oidcSignIn(
  baseUrl: string,
  user: string,
  options: { env?: 'development' | 'production' } = {},
): Promise<OidcSignInResult> {
  const jar = new CookieJar();
  const get = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: jar.header(url) },
    });
    jar.store(url, res);
    return res;
  };
  const follow = async (res: Response, from: string): Promise<Response> => {
    let current = res;
    let url = from;
    for (let hops = 0; current.status >= 300 && current.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects in the OIDC flow');
      url = new URL(current.headers.get('location')!, url).toString();
      // The login page is where a person would choose; stop there.
      if (/\/interaction\/[^/]+$/.test(new URL(url).pathname)) {
        return Object.assign(current, { interactionUrl: url });
      }
      current = await get(url);
    }
    return Object.assign(current, { finalUrl: url });
  };

  const start = `${baseUrl}/api/auth/oidc/start?${new URLSearchParams({
    env: options.env ?? 'development',
    scope: 'openid profile email',
    origin: baseUrl,
    flow: 'popup',
  })}`;
  const toLogin = (await follow(await get(start), start)) as Response & {
    interactionUrl?: string;
  };
  if (!toLogin.interactionUrl) {
    throw new Error(
      `the OIDC flow did not reach the login page: ${
        toLogin.status
      } ${await toLogin.text()}`,
    );
  }
  const loginUrl = `${toLogin.interactionUrl}/login`;
  const afterLogin = await get(loginUrl, {
    method: 'POST',
    body: new URLSearchParams({ user }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const frame = await follow(afterLogin, loginUrl);
  const html = await frame.text();
  const match = html.match(
    /var authResponse = decodeURIComponent\('([^']*)'\)/,
  );
  if (!match) {
    throw new Error(
      `no sign-in response from the portal: ${frame.status} ${html}`,
    );
  }
  const message = JSON.parse(decodeURIComponent(match[1]));
  if (message.error) return { ok: false, error: message.error };
  const identity = message.response.backstageIdentity;
  return {
    ok: true,
    token: identity.token,
    userEntityRef: identity.identity.userEntityRef,
    ownershipEntityRefs: identity.identity.ownershipEntityRefs,
  };
}

/**
 * The Backstage token of a demo person, retrying while sign-in is refused
 * (the catalog may still be loading the people after a start).
 */
export async function oidcToken(
  baseUrl: string,
  user: string,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await oidcSignIn(baseUrl, user);
    if (result.ok) return result.token;
    if (Date.now() > deadline) {
      throw new Error(`${user} could not sign in: ${result.error.message}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}
