import { diffFields, EditableFields } from './changes';

const current: EditableFields = {
  title: 'Slow builds',
  description: 'They take an hour',
  category: 'pain-point',
  urgency: 'medium',
  requestingTeam: 'group:default/checkout',
  impact: { peopleAffected: 10, hoursLostPerWeek: 5 },
  tags: ['ci', 'builds'],
  relatedEntities: ['component:default/a', 'component:default/b'],
};

describe('diffFields', () => {
  it('finds nothing when the sent fields equal the current ones', () => {
    expect(
      diffFields(current, {
        ...current,
        impact: { ...current.impact },
        tags: [...current.tags],
        relatedEntities: ['component:default/b', 'component:default/a'],
      }),
    ).toEqual({ changed: [], from: {}, to: {} });
    expect(diffFields(current, {})).toEqual({ changed: [], from: {}, to: {} });
  });

  it('lists changed fields in a fixed order with old and new values', () => {
    const diff = diffFields(current, {
      tags: ['ci'],
      urgency: 'high',
      title: 'Very slow builds',
      impact: { peopleAffected: 10, hoursLostPerWeek: 6 },
    });
    expect(diff.changed).toEqual(['title', 'urgency', 'impact', 'tags']);
    expect(diff.from).toEqual({
      title: 'Slow builds',
      urgency: 'medium',
      impact: { peopleAffected: 10, hoursLostPerWeek: 5 },
      tags: ['ci', 'builds'],
    });
    expect(diff.to).toEqual({
      title: 'Very slow builds',
      urgency: 'high',
      impact: { peopleAffected: 10, hoursLostPerWeek: 6 },
      tags: ['ci'],
    });
  });

  it('names a changed description without copying the texts', () => {
    const diff = diffFields(current, { description: 'Two hours now' });
    expect(diff).toEqual({ changed: ['description'], from: {}, to: {} });
  });

  it('treats related entities as a set and sorts the new ones', () => {
    const diff = diffFields(current, {
      relatedEntities: ['component:default/c', 'component:default/a'],
    });
    expect(diff.changed).toEqual(['relatedEntities']);
    expect(diff.to.relatedEntities).toEqual([
      'component:default/a',
      'component:default/c',
    ]);
    expect(diff.from.relatedEntities).toEqual(current.relatedEntities);
  });

  it('counts a change of tag order as a change', () => {
    expect(diffFields(current, { tags: ['builds', 'ci'] }).changed).toEqual([
      'tags',
    ]);
  });
});
