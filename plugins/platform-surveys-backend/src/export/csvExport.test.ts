import { RoundResults } from '@internal/plugin-platform-surveys-common';
import { csvBody, csvOf, CSV_COLUMNS } from './csvExport';

describe('csvBody', () => {
  it('writes the header and rows after a BOM, quoting only what needs it', () => {
    const body = csvBody([
      [1, 'everyone', 12, 'q1', 'Fast, reliable CI', 3, 4, 3.5, 3, ''],
      [
        1,
        'everyone',
        12,
        'q3',
        'Anything?',
        'say "hi"\nthen go',
        '',
        '',
        '',
        '',
      ],
      [1, 'everyone', 12, 'q1', 'CI', 1, 0, NaN, NaN, 'carriage\rreturn'],
    ]);
    expect(body).toBe(
      [
        `\ufeff${CSV_COLUMNS.join(',')}`,
        '1,everyone,12,q1,"Fast, reliable CI",3,4,3.5,3,',
        '1,everyone,12,q3,Anything?,"say ""hi""\nthen go",,,,',
        '1,everyone,12,q1,CI,1,0,NaN,NaN,"carriage\rreturn"',
        '',
      ].join('\n'),
    );
  });
});

describe('csvOf', () => {
  const questions = [{ id: 'q1', kind: 'agreement' as const, text: 'Fast CI' }];
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
    const first = csvOf(kept, questions);
    expect(first).toContain('1,everyone,6,q1,Fast CI,1,6,1,1,');
    expect(csvOf(kept, questions)).toBe(first);
    expect(csvOf(results(7), questions)).toContain(
      '1,everyone,7,q1,Fast CI,1,7,1,1,',
    );
  });
});
