/*
 * The improvement form's values as typed (text fields stay text until
 * submitted) and their conversion to and from what the API takes, shared
 * by the create page and the edit form.
 */
import {
  CreateImprovementInput,
  Improvement,
} from '@internal/plugin-platform-requests-common';

export type ImprovementFormValues = {
  title: string;
  problem: string;
  /** Request keys as typed, e.g. "REQ-1, REQ-4". */
  requests: string;
  teams: string[];
  /** Entity refs as typed, separated by commas or spaces. */
  entities: string;
  targetKpis: string[];
  /** YYYY-MM-DD or empty. */
  plannedFor: string;
  owner?: string;
};

export const EMPTY_IMPROVEMENT_FORM: ImprovementFormValues = {
  title: '',
  problem: '',
  requests: '',
  teams: [],
  entities: '',
  targetKpis: [],
  plannedFor: '',
  owner: undefined,
};

const words = (text: string) =>
  text
    .split(/[\s,]+/)
    .map(w => w.trim())
    .filter(Boolean);

/** "REQ-1, REQ-4 REQ-7" → ["REQ-1", "REQ-4", "REQ-7"]. */
export function parseRequestKeys(text: string): string[] {
  return words(text).map(k => k.toUpperCase());
}

export function toImprovementInput(
  values: ImprovementFormValues,
): Required<CreateImprovementInput> {
  return {
    title: values.title,
    problem: values.problem,
    requests: parseRequestKeys(values.requests),
    scope: { teams: values.teams, entities: words(values.entities) },
    targetKpis: values.targetKpis,
    plannedFor: values.plannedFor || null,
    owner: values.owner ?? null,
  };
}

/** The form filled in with an improvement as it is now. */
export function improvementFormValues(
  improvement: Improvement,
): ImprovementFormValues {
  return {
    title: improvement.title,
    problem: improvement.problem,
    requests: improvement.requests.map(r => r.key).join(', '),
    teams: improvement.scope.teams,
    entities: improvement.scope.entities.join(', '),
    targetKpis: improvement.targetKpis,
    plannedFor: improvement.plannedFor ?? '',
    owner: improvement.owner ?? undefined,
  };
}
