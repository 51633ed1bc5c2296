/*
 * What an edit changes. Pure: the store compares the request as it is with
 * the fields sent, writes only what differs and keeps the difference in the
 * timeline, so an edit that changes nothing leaves no trace.
 */
import { PlatformRequest } from './model';

/** The fields a requester edits, in the order an edit lists them. */
export const EDITABLE_FIELDS = [
  'title',
  'description',
  'category',
  'urgency',
  'requestingTeam',
  'impact',
  'tags',
  'relatedEntities',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export type EditableFields = Pick<PlatformRequest, EditableField>;

export type FieldDiff = {
  /** The fields that differ, in the order of the timeline entry. */
  changed: EditableField[];
  /** Old and new values; long texts (description) are only named. */
  from: Partial<EditableFields>;
  to: Partial<EditableFields>;
};

/** Fields whose old and new values are named in `changed` only. */
const NAMED_ONLY: ReadonlySet<EditableField> = new Set(['description']);

function same(field: EditableField, a: unknown, b: unknown): boolean {
  if (field === 'relatedEntities') {
    return (
      [...(a as string[])].sort().join('\n') ===
      [...(b as string[])].sort().join('\n')
    );
  }
  if (field === 'impact') {
    const x = a as EditableFields['impact'];
    const y = b as EditableFields['impact'];
    return (
      x.peopleAffected === y.peopleAffected &&
      x.hoursLostPerWeek === y.hoursLostPerWeek
    );
  }
  if (field === 'tags') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/**
 * Compares `current` with the `sent` fields (undefined = not sent). Related
 * entities are a set: their order does not count, and `to` has them sorted.
 */
export function diffFields(
  current: EditableFields,
  sent: Partial<EditableFields>,
): FieldDiff {
  const diff: FieldDiff = { changed: [], from: {}, to: {} };
  for (const field of EDITABLE_FIELDS) {
    const value = sent[field];
    if (value === undefined || same(field, current[field], value)) continue;
    diff.changed.push(field);
    if (NAMED_ONLY.has(field)) continue;
    const next =
      field === 'relatedEntities' ? [...(value as string[])].sort() : value;
    (diff.from as Record<string, unknown>)[field] = current[field];
    (diff.to as Record<string, unknown>)[field] = next;
  }
  return diff;
}
