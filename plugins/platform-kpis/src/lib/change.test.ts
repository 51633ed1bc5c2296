import { createLocaleFormat } from '@internal/lodestar-react';
import { compareKpi } from './change';

const en = createLocaleFormat('en-US');

describe('compareKpi', () => {
  it('is better when a higher-is-better KPI rises', () => {
    expect(compareKpi(1.4, 1, 'higher', en)).toEqual({
      direction: 'up',
      verdict: 'better',
      label: '+40 %',
    });
  });

  it('is better when a lower-is-better KPI falls', () => {
    expect(compareKpi(3, 4, 'lower', en)).toEqual({
      direction: 'down',
      verdict: 'better',
      label: '−25 %',
    });
  });

  it('is worse when a lower-is-better KPI rises', () => {
    expect(compareKpi(5, 4, 'lower', en).verdict).toBe('worse');
    expect(compareKpi(0.9, 1, 'higher', en).verdict).toBe('worse');
  });

  it('counts shares in percentage points', () => {
    expect(compareKpi(0.08, 0.05, 'lower', en, 'share')).toEqual({
      direction: 'up',
      verdict: 'worse',
      label: '+3.0 pts',
    });
  });

  it("writes the size of the move in the person's locale", () => {
    const de = createLocaleFormat('de-DE');
    expect(compareKpi(0.08, 0.05, 'lower', de, 'share').label).toBe('+3,0 pts');
    expect(compareKpi(1.054, 1, 'higher', de).label).toBe('+5,4 %');
  });

  it('is neutral when either value is missing', () => {
    for (const [current, previous] of [
      [null, 1],
      [1, null],
      [undefined, 1],
    ] as const) {
      expect(compareKpi(current, previous, 'higher', en)).toEqual({
        direction: 'flat',
        verdict: 'neutral',
        label: null,
      });
    }
  });

  it('is neutral when nothing moved, and says "from 0" after a zero', () => {
    expect(compareKpi(2, 2, 'higher', en)).toMatchObject({
      verdict: 'neutral',
      label: 'no change',
    });
    expect(compareKpi(2, 0, 'higher', en)).toMatchObject({
      verdict: 'better',
      label: 'from 0',
    });
  });
});
