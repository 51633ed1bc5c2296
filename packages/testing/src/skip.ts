/*
 * What a test file does when an outside program it needs (slapd, git and
 * its http-backend, …) is not installed: one loud line starting with
 * SKIPPING, and a failure when CI=true, where it must be installed.
 */

/**
 * For a test file's top level: true when nothing is `missing`. Otherwise
 * prints `SKIPPING <what>: <missing>.` and, when CI=true, throws.
 */
export function availableOrSkip(
  what: string,
  missing: string | undefined,
  install: string,
): boolean {
  if (!missing) return true;
  const line = `SKIPPING ${what}: ${missing}.`;
  // eslint-disable-next-line no-console
  console.warn(line);
  // npm test sets LODESTAR_SKIP_MISSING_TOOLS outside CI, having said what
  // is missing; under CI (and in a bare CI=true jest run) it fails.
  if (
    process.env.CI === 'true' &&
    process.env.LODESTAR_SKIP_MISSING_TOOLS !== '1'
  ) {
    throw new Error(`${line} CI must install ${install}.`);
  }
  return false;
}
