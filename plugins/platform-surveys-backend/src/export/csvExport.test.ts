import { csvBody, CSV_COLUMNS } from './csvExport';

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
