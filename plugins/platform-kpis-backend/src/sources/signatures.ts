/*
 * Checking a delivery's signature or token against the configured secrets.
 * Every comparison is over fixed-length digests with timingSafeEqual, so
 * neither the secret nor its length leaks through response times.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '@backstage/errors';

/** Hex HMAC-SHA256 of the raw body: what GitHub and PagerDuty sign. */
export function hmacSha256Hex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Secrets that can sign: an empty key would let anyone forge a signature. */
export function signingSecrets(
  secrets: readonly string[],
  source: string,
): string[] {
  const usable = secrets.filter(s => s.length > 0);
  if (usable.length === 0) {
    throw new AuthenticationError(
      `no webhook secret is configured for ${source}`,
    );
  }
  return usable;
}

/**
 * Whether any of the hex `signatures` is the HMAC of `body` under any of
 * `secrets`. Every pair is compared, whether or not an earlier one matched.
 */
export function anyHmacMatches(
  signatures: readonly string[],
  secrets: readonly string[],
  body: Buffer,
): boolean {
  const expected = secrets.map(s => Buffer.from(hmacSha256Hex(s, body), 'hex'));
  let matched = false;
  for (const signature of signatures) {
    if (!/^[0-9a-f]{64}$/i.test(signature)) continue;
    const given = Buffer.from(signature, 'hex');
    for (const digest of expected) {
      if (timingSafeEqual(given, digest)) matched = true;
    }
  }
  return matched;
}

/**
 * Whether a plain shared token (GitLab's) equals any of `secrets`. Both
 * sides are hashed first, so the compare is constant-time whatever the
 * lengths.
 */
export function anyTokenMatches(
  token: string,
  secrets: readonly string[],
): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  const given = digest(token);
  let matched = false;
  for (const secret of secrets) {
    if (timingSafeEqual(given, digest(secret))) matched = true;
  }
  return matched;
}
