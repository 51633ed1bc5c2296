import { describeTimelineEntry } from './timelineText';

const entry = (details: Record<string, unknown>) => ({
  id: '1',
  type: 'status-changed',
  actor: 'user:default/priya.nair',
  at: '2024-01-01T10:00:00Z',
  comment: null,
  details,
});

describe('describeTimelineEntry', () => {
  it('names the improvement whose shipping resolved the request', () => {
    expect(
      describeTimelineEntry(
        entry({ from: 'triaged', to: 'done', improvement: 'IMP-3' }),
      ),
    ).toBe('moved it from Triaged to Done by shipping IMP-3');
    expect(describeTimelineEntry(entry({ from: 'new', to: 'triaged' }))).toBe(
      'moved it from New to Triaged',
    );
  });
});
