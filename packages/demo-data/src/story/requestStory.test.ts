import {
  createImprovementSchema,
  createRequestSchema,
  DEFAULT_SLA_TARGETS,
} from '@internal/plugin-platform-requests-common';
import { IMPROVEMENT_EFFECTS } from '../kpis/demoHistory';
import {
  DEMO_IMPROVEMENTS,
  DEMO_STORY_REQUESTS,
  DEMO_TEAMS,
  demoRequestStory,
  TRIAGERS,
} from './requestStory';

const DAY = 86_400_000;
const now = Date.parse('2026-12-06T12:00:00Z');

describe('demoRequestStory', () => {
  const story = demoRequestStory(now);

  it('is the same script for the same now, and the same bodies a week later', () => {
    expect(demoRequestStory(now)).toEqual(story);
    const later = demoRequestStory(now + 7 * DAY);
    const bodies = (s: typeof story) =>
      new Map(s.requests.map(r => [r.id, r.input]));
    expect(bodies(later)).toEqual(bodies(story));
  });

  it('files about 150 valid requests over a year, from all seven teams', () => {
    expect(story.requests).toHaveLength(DEMO_STORY_REQUESTS);
    expect(new Set(story.requests.map(r => r.id)).size).toBe(
      DEMO_STORY_REQUESTS,
    );
    for (const request of story.requests) {
      expect(createRequestSchema.safeParse(request.input).success).toBe(true);
      expect(DEMO_TEAMS[request.team]).toContain(request.requester);
      expect(request.input.tags).toContain('demo');
    }
    expect(new Set(story.requests.map(r => r.team))).toEqual(
      new Set(Object.keys(DEMO_TEAMS)),
    );
    const ages = story.requests.map(r => (now - r.at) / DAY);
    expect(Math.max(...ages)).toBeGreaterThan(300);
    expect(Math.min(...ages)).toBeLessThan(30);
  });

  it('keeps every action in order, after the filing and not after now', () => {
    for (const request of story.requests) {
      const times = request.actions.map(a => a.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.every(t => t > request.at && t <= now)).toBe(true);
      const votes = request.actions.filter(a => a.type === 'vote');
      expect(votes.every(v => v.by !== request.requester)).toBe(true);
      expect(new Set(votes.map(v => v.by)).size).toBe(votes.length);
    }
  });

  it('has the two platform engineers triage, some within the SLA and some late', () => {
    let met = 0;
    let late = 0;
    for (const request of story.requests) {
      const triage = request.actions.find(a => a.type === 'triage');
      if (!triage) continue;
      expect(TRIAGERS).toContain(triage.by);
      const target =
        DEFAULT_SLA_TARGETS[request.input.urgency].triageHours * 3_600_000;
      if (triage.at - request.at <= target) met++;
      else late++;
    }
    expect(met).toBeGreaterThan(100);
    expect(late).toBeGreaterThan(5);
    const rated = story.requests.filter(r =>
      r.actions.some(a => a.type === 'rate'),
    );
    expect(rated.length).toBeGreaterThan(30);
  });

  it('has improvements the API accepts, shipped when the KPI history changes', () => {
    for (const improvement of DEMO_IMPROVEMENTS) {
      expect(
        createImprovementSchema.safeParse({
          title: improvement.title,
          targetKpis: improvement.targetKpis,
        }).success,
      ).toBe(true);
      const linked = story.requests.filter(
        r => r.improvement === improvement.title,
      );
      expect(linked).toHaveLength(improvement.requests);
      const shipped = now - (improvement.shippedDaysAgo ?? 0) * DAY;
      for (const request of linked) {
        expect(request.actions.every(a => a.at < shipped)).toBe(true);
      }
    }
    for (const effect of IMPROVEMENT_EFFECTS) {
      const improvement = DEMO_IMPROVEMENTS.find(i => i.title === effect.title);
      expect(improvement).toMatchObject({
        shippedDaysAgo: effect.shippedDaysAgo,
        teams: effect.teams,
        effect: 'improved',
      });
    }
  });
});
