/*
 * The permissions of pulse surveys. Lodestar's policy
 * (plugins/permission-backend-module-lodestar-policy) decides them: the
 * platform team defines surveys and reads their results; everyone signed in
 * reads the surveys and answers those whose audience they are in (the
 * backend checks the audience, as it depends on the survey). Results are
 * aggregates cut at the anonymity floor whoever reads them: no permission
 * reaches one person's answers.
 */
import { createPermission } from '@backstage/plugin-permission-common';

export const platformSurveyCreatePermission = createPermission({
  name: 'platform-surveys.survey.create',
  attributes: { action: 'create' },
});

export const platformSurveyReadPermission = createPermission({
  name: 'platform-surveys.survey.read',
  attributes: { action: 'read' },
});

export const platformSurveyRespondPermission = createPermission({
  name: 'platform-surveys.response.submit',
  attributes: { action: 'update' },
});

/** Results, trends, the CSV export and survey scores. */
export const platformSurveyResultsReadPermission = createPermission({
  name: 'platform-surveys.results.read',
  attributes: { action: 'read' },
});

export const platformSurveyPermissions = [
  platformSurveyCreatePermission,
  platformSurveyReadPermission,
  platformSurveyRespondPermission,
  platformSurveyResultsReadPermission,
];
