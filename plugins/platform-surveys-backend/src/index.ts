/**
 * The platform-surveys backend: pulse surveys the platform team defines,
 * answered once per round by their audience, with results shown only for
 * groups that reach the anonymity floor (default export).
 *
 * @packageDocumentation
 */
export { platformSurveysPlugin as default } from './plugin';
