/*
 * Backstage's OIDC authenticator reads the provider's discovery document
 * once, when the backend starts, and keeps a failure forever: an identity
 * provider that was down for a minute at start-up would break sign-in on
 * that replica until it restarts. This wrapper starts over on the next
 * sign-in instead, so the portal recovers on its own.
 */
import { Config } from '@backstage/config';
import {
  createOAuthAuthenticator,
  OAuthAuthenticator,
} from '@backstage/plugin-auth-node';

type Initialized = { promise: Promise<unknown> };
type InitInput = { callbackUrl: string; config: Config };
/** One per auth environment: its own input, its current attempt. */
type Holder<C> = { input: InitInput; current: C };

export function retryingAuthenticator<C extends Initialized, P>(
  inner: OAuthAuthenticator<C, P>,
): OAuthAuthenticator<Holder<C>, P> {
  const fresh = (input: InitInput) => {
    const ctx = inner.initialize(input);
    // Awaited on use; a failure here must not crash the process.
    ctx.promise.catch(() => {});
    return ctx;
  };
  async function ready(holder: Holder<C>): Promise<C> {
    try {
      await holder.current.promise;
    } catch {
      holder.current = fresh(holder.input);
      await holder.current.promise;
    }
    return holder.current;
  }
  return createOAuthAuthenticator({
    ...inner,
    initialize: input => ({ input, current: fresh(input) }),
    start: async (input, holder) => inner.start(input, await ready(holder)),
    authenticate: async (input, holder) =>
      inner.authenticate(input, await ready(holder)),
    refresh: async (input, holder) => inner.refresh(input, await ready(holder)),
    logout: inner.logout
      ? async (input, holder) => inner.logout!(input, await ready(holder))
      : undefined,
  });
}
