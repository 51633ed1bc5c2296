/*
 * The respondent as stored: HMAC-SHA256 of the survey, the round and the
 * user ref, with the key from `platformSurveys.respondentKey`. It enforces
 * one answer per person and round and lets a person replace their answer;
 * without the key nobody can tell whose it is, and because the survey and
 * round are part of it, the same person's responses cannot be linked across
 * rounds or surveys either.
 */
import { createHmac } from 'node:crypto';

export type RespondentHasher = (
  surveyId: string,
  round: number,
  userEntityRef: string,
) => string;

export function createRespondentHasher(key: string): RespondentHasher {
  return (surveyId, round, userEntityRef) =>
    createHmac('sha256', key)
      .update(
        `${surveyId}\n${round}\n${userEntityRef.toLocaleLowerCase('en-US')}`,
      )
      .digest('hex');
}
