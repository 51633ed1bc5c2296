/*
 * Whether fetch:cookiecutter can run here without Docker. The action runs
 * the `cookiecutter` it finds on the backend's PATH (through command-exists)
 * and only otherwise falls back to a container; the test backends inherit
 * this process's PATH, so the lookup here is the one the action makes.
 */
import { execFileSync } from 'node:child_process';

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
 * a line starting with SKIPPING and, when CI=true, throws (CI installs it).
 */
export function cookiecutterAvailableOrSkip(what: string): boolean {
  if (cookiecutterVersion()) return true;
  const line = `SKIPPING ${what}: no cookiecutter on PATH (apt-get install cookiecutter).`;
  console.warn(line);
  // npm test decided already, loudly (scripts/lib/tests.mjs), and runs jest
  // with CI=true either way.
  if (process.env.LODESTAR_SKIP_COOKIECUTTER === '1') return false;
  if (process.env.CI === 'true') {
    throw new Error(`${line} CI must install cookiecutter.`);
  }
  return false;
}
