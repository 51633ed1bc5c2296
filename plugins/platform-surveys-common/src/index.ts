/**
 * Shared by the platform-surveys frontend and backend: the survey model,
 * zod schemas of every input, rounds, answer checks, the anonymity floor,
 * the permissions, the notification topic and score distributions.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './schemas';
export * from './rounds';
export * from './answers';
export * from './anonymity';
export * from './permissions';
export * from './notifications';
export * from './runRatings';
export * from './scoreDistribution';
