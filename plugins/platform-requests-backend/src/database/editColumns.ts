/*
 * Between a row and the editable fields as the common rules name them:
 * the fields an edit compares (diffFields) and the columns that store the
 * fields it changed.
 */
import {
  EditableField,
  EditableFields,
} from '@internal/plugin-platform-requests-common';
import { RequestRow } from './tables';

/** The editable fields of a row, as the common rules name them. */
export function fieldsOf(
  row: RequestRow,
): Omit<EditableFields, 'relatedEntities'> {
  return {
    title: row.title,
    description: row.description,
    category: row.category,
    urgency: row.urgency,
    requestingTeam: row.requesting_team,
    impact: {
      peopleAffected: row.people_affected,
      hoursLostPerWeek: row.hours_lost_per_week,
    },
    tags: JSON.parse(row.tags),
  };
}

/** The column values that store the `changed` fields (entities: own table). */
export function columnsOf(
  changed: EditableField[],
  fields: Partial<EditableFields>,
): Partial<RequestRow> {
  const update: Partial<RequestRow> = {};
  for (const field of changed) {
    if (field === 'title') update.title = fields.title;
    if (field === 'description') update.description = fields.description;
    if (field === 'category') update.category = fields.category;
    if (field === 'urgency') update.urgency = fields.urgency;
    if (field === 'requestingTeam') {
      update.requesting_team = fields.requestingTeam;
    }
    if (field === 'impact') {
      update.people_affected = fields.impact!.peopleAffected;
      update.hours_lost_per_week = fields.impact!.hoursLostPerWeek;
    }
    if (field === 'tags') update.tags = JSON.stringify(fields.tags);
  }
  return update;
}
