import { InputError } from '@backstage/errors';
import { nameProblems } from './nameProblems';

/**
 * Explains what is wrong with a repository name, or returns undefined when it
 * is fine. The rules are the Create form's (a lowercase DNS label of 3 to 40
 * characters that starts with a letter): it is the repository name, the
 * catalog entity name and often a host name, so the server checks it too.
 */
export function repoNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'is required';
  return nameProblems(name);
}

export function assertRepoName(name: unknown, field = 'repoName'): string {
  const problem = repoNameProblem(name);
  if (problem) throw new InputError(`${field} ${problem}`);
  return name as string;
}
