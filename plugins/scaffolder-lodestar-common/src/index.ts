/**
 * The naming rules of Lodestar's golden paths, one copy for the Create
 * form's field, publish:lodestar and the local-git plugin on the server.
 *
 * @packageDocumentation
 */
export { nameProblems, MIN_NAME_LENGTH, MAX_NAME_LENGTH } from './nameProblems';
export { repoNameProblem, assertRepoName } from './repoName';
