/*
 * Whether fetch:cookiecutter can run here without Docker. The action runs
 * the `cookiecutter` it finds on the backend's PATH (through command-exists)
 * and only otherwise falls back to a container; the test backends inherit
 * this process's PATH, so the lookup here is the one the action makes.
 */
import { execFileSync } from 'node:child_process';
import { availableOrSkip } from '@internal/testing';

/** `cookiecutter --version` of the one on PATH, or undefined when there is none. */
export function cookiecutterVersion(): string | undefined {
  try {
    return execFileSync('cookiecutter', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/**
 * For a test file's top level: true when cookiecutter runs. Otherwise prints
 * a line starting with SKIPPING and, when CI=true, throws (CI installs it),
 * unless npm test has already said so and set LODESTAR_SKIP_COOKIECUTTER
 * (scripts/lib/tests.mjs).
 */
export function cookiecutterAvailableOrSkip(what: string): boolean {
  return availableOrSkip(
    what,
    cookiecutterVersion()
      ? undefined
      : 'no cookiecutter on PATH (apt-get install cookiecutter)',
    'cookiecutter',
    { skipVariable: 'LODESTAR_SKIP_COOKIECUTTER' },
  );
}
