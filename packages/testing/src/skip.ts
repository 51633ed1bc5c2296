/*
 * What a test file does when an outside program it needs (slapd, git and
 * its http-backend, cookiecutter, …) is not installed: one loud line
 * starting with SKIPPING, and a failure when CI=true, where it must be
 * installed.
 */

/**
 * For a test file's top level: true when nothing is `missing`. Otherwise
 * prints `SKIPPING <what>: <missing>.` and, when CI=true, throws — unless
 * `npm test` has already said, loudly, that the tool is missing and set
 * `skipVariable` (LODESTAR_SKIP_MISSING_TOOLS unless told otherwise) to 1.
 */
export function availableOrSkip(
  what: string,
  missing: string | undefined,
  install: string,
  options: { skipVariable?: string } = {},
): boolean {
  if (!missing) return true;
  const line = `SKIPPING ${what}: ${missing}.`;
  // eslint-disable-next-line no-console
  console.warn(line);
  // npm test sets the skip variable outside CI, having said what is
  // missing; under CI (and in a bare CI=true jest run) it fails.
  const skipVariable = options.skipVariable ?? 'LODESTAR_SKIP_MISSING_TOOLS';
  if (process.env.CI === 'true' && process.env[skipVariable] !== '1') {
    throw new Error(`${line} CI must install ${install}.`);
  }
  return false;
}
