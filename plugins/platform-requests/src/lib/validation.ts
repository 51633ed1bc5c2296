/*
 * Client-side validation with the same zod schemas the backend uses, turned
 * into messages that name the field ("Title: must be at least 3 characters").
 */
import {
  createRequestSchema,
  updateRequestSchema,
} from '@internal/plugin-platform-requests-common';

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  category: 'Category',
  urgency: 'Urgency',
  impact: 'Impact',
  'impact.peopleAffected': 'People affected',
  'impact.hoursLostPerWeek': 'Hours lost per week',
  requestingTeam: 'Requesting team',
  relatedEntities: 'Related entities',
  tags: 'Tags',
  body: 'Comment',
  score: 'Rating',
  comment: 'Comment',
  reason: 'Reason',
  duplicateOf: 'Original request',
  assignee: 'Assignee',
};

type Issue = { path: PropertyKey[]; message: string };

/** The field an issue belongs to: array positions fold into the array. */
export function issueField(issue: Issue): string {
  return issue.path.filter(p => typeof p === 'string').join('.');
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? (field || 'Request');
}

export type FieldErrors = Record<string, string>;

/** The first message per field, keyed by field. */
export function toFieldErrors(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issueField(issue);
    errors[field] ??= issue.message;
  }
  return errors;
}

/** "Title: must be at least 3 characters", one per field. */
export function describeFieldErrors(errors: FieldErrors): string[] {
  return Object.entries(errors).map(
    ([field, message]) => `${fieldLabel(field)}: ${message}`,
  );
}

export function validateCreateRequest(input: unknown): FieldErrors {
  const result = createRequestSchema.safeParse(input);
  return result.success ? {} : toFieldErrors(result.error.issues);
}

export function validateUpdateRequest(input: unknown): FieldErrors {
  const result = updateRequestSchema.safeParse(input);
  return result.success ? {} : toFieldErrors(result.error.issues);
}
