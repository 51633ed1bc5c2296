// The database engines the system tests and the backend's database tests
// run on. `npm test` sets LODESTAR_SKIP_POSTGRES=1 (loudly) only when
// PostgreSQL is missing outside CI.
export const engines: Array<'sqlite' | 'postgres'> =
  process.env.LODESTAR_SKIP_POSTGRES === '1'
    ? ['sqlite']
    : ['sqlite', 'postgres'];

/** Polls `fn` until it returns a truthy value or the time is up. */
export async function eventually<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`condition not met in ${timeoutMs} ms ${last ?? ''}`);
}
