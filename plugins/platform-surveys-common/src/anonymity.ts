/*
 * The anonymity floor: results are shown only for a group of at least this
 * many respondents. Configurable (`platformSurveys.anonymityFloor`), never
 * below MIN_ANONYMITY_FLOOR. docs/operations.md ("Pulse surveys") lists
 * every rule built on it.
 */
export const DEFAULT_ANONYMITY_FLOOR = 5;
export const MIN_ANONYMITY_FLOOR = 3;
