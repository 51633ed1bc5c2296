/**
 * The naming rules of Lodestar's golden paths, one copy for the Create
 * form's field and for publish:lodestar on the server.
 *
 * @packageDocumentation
 */
export { nameProblems, MIN_NAME_LENGTH, MAX_NAME_LENGTH } from './nameProblems';
