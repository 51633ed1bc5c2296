import {
  createRequestSchema,
  DEFAULT_CATEGORIES,
} from '@internal/plugin-platform-requests-common';
import { benchRequestText, BENCH_REQUEST_TEAMS } from './benchRequests';

const sample = (seed: number) => {
  const text = benchRequestText(seed);
  return Array.from({ length: 200 }, () => ({
    request: text.request(),
    comment: text.comment(),
    search: text.search(),
    similarTitle: text.similarTitle(),
  }));
};

describe('benchRequestText', () => {
  it('writes the same text for the same seed, other text for another', () => {
    expect(sample(42)).toEqual(sample(42));
    expect(sample(42)).not.toEqual(sample(43));
  });

  it('writes requests the API accepts, from the demo teams, in every category', () => {
    const requests = sample(42).map(s => s.request);
    const refused = requests
      .map(r => createRequestSchema.safeParse(r))
      .filter(parsed => !parsed.success);
    expect(refused).toEqual([]);
    expect(new Set(requests.map(r => r.category))).toEqual(
      new Set(DEFAULT_CATEGORIES.map(c => c.id)),
    );
    expect(
      requests.every(r =>
        BENCH_REQUEST_TEAMS.includes(r.requestingTeam!.split('/')[1]),
      ),
    ).toBe(true);
    expect(new Set(requests.map(r => r.title)).size).toBeGreaterThan(150);
  });

  it('searches for words the titles contain', () => {
    const samples = sample(42);
    const titles = samples.map(s => s.request.title.toLowerCase()).join('\n');
    for (const { search } of samples) {
      for (const word of search.toLowerCase().split(' ')) {
        expect(titles).toContain(word);
      }
    }
  });
});
