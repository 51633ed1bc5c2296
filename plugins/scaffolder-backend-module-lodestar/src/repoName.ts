import { InputError } from '@backstage/errors';

/**
 * The rule every golden-path name follows: a lowercase DNS label of 3 to 40
 * characters that starts with a letter. It is the repository name, the
 * catalog entity name and often a host name, so it is checked on the server
 * even though the form checks it too.
 */
export const REPO_NAME_PATTERN = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

/** Explains what is wrong with a name, or returns undefined when it is fine. */
export function repoNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'is required';
  if (name.length > 40) {
    return `must be at most 40 characters (it has ${name.length})`;
  }
  const bad = [...new Set(name.replace(/[a-z0-9-]/g, ''))];
  if (bad.length > 0) {
    return `must contain only lowercase letters, digits and dashes (found ${bad
      .map(c => JSON.stringify(c))
      .join(', ')})`;
  }
  if (name.length < 3) return 'must be at least 3 characters';
  if (!/^[a-z]/.test(name)) return 'must start with a letter';
  if (name.endsWith('-')) return 'must not end with a dash';
  return REPO_NAME_PATTERN.test(name) ? undefined : 'is not a valid name';
}

export function assertRepoName(name: unknown, field = 'repoName'): string {
  const problem = repoNameProblem(name);
  if (problem) throw new InputError(`${field} ${problem}`);
  return name as string;
}
