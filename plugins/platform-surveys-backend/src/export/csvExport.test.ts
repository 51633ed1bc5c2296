import { RoundResults } from '@internal/plugin-platform-surveys-common';
import { csvOf, CSV_COLUMNS } from './csvExport';

describe('csvOf', () => {
  const questions = [
    { id: 'q1', kind: 'agreement' as const, text: 'Fast, "reliable" CI' },
  ];
  const names = new Map<string, string>();
  const results = (respondents: number): RoundResults => ({
    surveyId: 's',
    round: 1,
    state: 'closed',
    floor: 5,
    overall: {
      team: null,
      enough: true,
      respondents,
      questions: [
        {
          questionId: 'q1',
          kind: 'agreement',
          n: respondents,
          distribution: [{ value: 1, count: respondents }],
          mean: 1,
          median: 1,
        },
      ],
    },
    byTeam: [],
  });

  it('builds the CSV of the results it is given, again for new results', () => {
    const kept = results(6);
    const first = csvOf(kept, questions, names);
    expect(first).toBe(
      [
        `\ufeff${CSV_COLUMNS.join(',')}`,
        '1,everyone,Everyone,6,q1,"Fast, ""reliable"" CI",1,6,1,1,',
        '',
      ].join('\n'),
    );
    expect(csvOf(kept, questions, names)).toBe(first);
    expect(csvOf(results(7), questions, names)).toContain(
      '1,everyone,Everyone,7,q1,"Fast, ""reliable"" CI",1,7,1,1,',
    );
  });
});
