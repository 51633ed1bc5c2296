/*
 * Reads `platformSurveys.*` and `lodestar.platformTeam` once at start-up, so
 * a missing respondent key or a floor below the minimum fails the start
 * instead of a request.
 */
import { Config } from '@backstage/config';
import {
  DEFAULT_ANONYMITY_FLOOR,
  MIN_ANONYMITY_FLOOR,
} from '@internal/plugin-platform-surveys-common';

export type PlatformSurveysConfig = {
  respondentKey: string;
  anonymityFloor: number;
};

/** Shorter keys are refused: the key is all that hides who answered. */
export const MIN_RESPONDENT_KEY_LENGTH = 32;

export function readPlatformSurveysConfig(
  config: Config,
): PlatformSurveysConfig {
  const section = config.getOptionalConfig('platformSurveys');
  const respondentKey = section?.getOptionalString('respondentKey');
  if (!respondentKey || respondentKey.length < MIN_RESPONDENT_KEY_LENGTH) {
    throw new Error(
      `platformSurveys.respondentKey must be set to a secret of at least ${MIN_RESPONDENT_KEY_LENGTH} characters (docs/operations.md, "Pulse surveys")`,
    );
  }
  const anonymityFloor =
    section?.getOptionalNumber('anonymityFloor') ?? DEFAULT_ANONYMITY_FLOOR;
  if (
    !Number.isInteger(anonymityFloor) ||
    anonymityFloor < MIN_ANONYMITY_FLOOR
  ) {
    throw new Error(
      `platformSurveys.anonymityFloor must be a whole number of at least ${MIN_ANONYMITY_FLOOR}, got ${anonymityFloor}`,
    );
  }
  return { respondentKey, anonymityFloor };
}
