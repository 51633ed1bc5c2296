/*
 * The state of the "file a request" form and how it becomes the API's
 * CreateRequestInput (and, for the edit dialog, an UpdateRequestInput).
 */
import {
  CreateRequestInput,
  PlatformRequest,
  UpdateRequestInput,
  Urgency,
} from '@internal/plugin-platform-requests-common';
import { EntityOption } from '../../hooks/useCatalogPeople';

export type RequestFormState = {
  title: string;
  description: string;
  category: string;
  urgency: Urgency;
  peopleAffected: number;
  hoursLostPerWeek: number;
  requestingTeam: string | undefined;
  relatedEntities: EntityOption[];
  /** As typed: comma- or space-separated. */
  tags: string;
};

export const EMPTY_FORM: RequestFormState = {
  title: '',
  description: '',
  category: '',
  urgency: 'medium',
  peopleAffected: 1,
  hoursLostPerWeek: 0,
  requestingTeam: undefined,
  relatedEntities: [],
  tags: '',
};

export function parseTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map(t => t.trim())
    .filter(Boolean);
}

export function toCreateInput(form: RequestFormState): CreateRequestInput {
  return {
    title: form.title,
    description: form.description,
    category: form.category,
    urgency: form.urgency,
    impact: {
      peopleAffected: form.peopleAffected,
      hoursLostPerWeek: form.hoursLostPerWeek,
    },
    ...(form.requestingTeam ? { requestingTeam: form.requestingTeam } : {}),
    relatedEntities: form.relatedEntities.map(e => e.ref),
    tags: parseTags(form.tags),
  };
}

/** The form pre-filled from an existing request, for editing. */
export function fromRequest(request: PlatformRequest): RequestFormState {
  return {
    title: request.title,
    description: request.description,
    category: request.category,
    urgency: request.urgency,
    peopleAffected: request.impact.peopleAffected,
    hoursLostPerWeek: request.impact.hoursLostPerWeek,
    requestingTeam: request.requestingTeam,
    relatedEntities: request.relatedEntities.map(ref => ({ ref, label: ref })),
    tags: request.tags.join(', '),
  };
}

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Only the fields the form changed, for PATCH. */
export function toUpdateInput(
  form: RequestFormState,
  request: PlatformRequest,
): UpdateRequestInput {
  const next = toCreateInput(form);
  const patch: UpdateRequestInput = {};
  if (next.title !== request.title) patch.title = next.title;
  if (next.description !== request.description) {
    patch.description = next.description;
  }
  if (next.category !== request.category) patch.category = next.category;
  if (next.urgency !== request.urgency) patch.urgency = next.urgency;
  if (
    next.impact.peopleAffected !== request.impact.peopleAffected ||
    next.impact.hoursLostPerWeek !== request.impact.hoursLostPerWeek
  ) {
    patch.impact = next.impact;
  }
  if (next.requestingTeam && next.requestingTeam !== request.requestingTeam) {
    patch.requestingTeam = next.requestingTeam;
  }
  if (!sameList(next.relatedEntities ?? [], request.relatedEntities)) {
    patch.relatedEntities = next.relatedEntities;
  }
  if (!sameList(next.tags ?? [], request.tags)) patch.tags = next.tags;
  return patch;
}
