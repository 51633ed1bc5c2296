import { kpiTitle, surveyScoreOptions } from './improvements';

describe('survey scores as target KPIs', () => {
  const surveys = [
    {
      id: 'b1c2',
      title: 'Developer pulse',
      questions: [
        { id: 'q1', kind: 'agreement' as const, text: 'CI is fast' },
        {
          id: 'q2',
          kind: 'choice' as const,
          text: 'Biggest pain',
          options: ['CI', 'Docs'],
        },
        { id: 'q3', kind: 'recommend' as const, text: 'Would recommend' },
        { id: 'q4', kind: 'text' as const, text: 'Anything else?' },
      ],
    },
  ];

  it('offers only questions with a score, labelled survey — question', () => {
    expect(surveyScoreOptions(surveys)).toEqual([
      { kpi: 'survey:b1c2:q1', label: 'Developer pulse — CI is fast' },
      { kpi: 'survey:b1c2:q3', label: 'Developer pulse — Would recommend' },
    ]);
  });

  it('names a chosen survey KPI by its label, the raw id only when unknown', () => {
    const labels = new Map(
      surveyScoreOptions(surveys).map(o => [o.kpi, o.label]),
    );
    expect(kpiTitle('survey:b1c2:q3', labels)).toBe(
      'Developer pulse — Would recommend',
    );
    expect(kpiTitle('survey:gone:q1', labels)).toBe('Survey score (gone, q1)');
    expect(kpiTitle('leadTime', labels)).toBe('Lead time for changes');
  });
});
