import { FSI, isolate, PDI } from './isolate';

const RLO = '\u202E';

describe('isolate', () => {
  it('wraps user text in a first-strong isolate', () => {
    expect(isolate(`${RLO}abc`)).toBe(`${FSI}${RLO}abc${PDI}`);
    expect(`Declined: ${isolate('not now')} (priya)`).toBe(
      `Declined: ${FSI}not now${PDI} (priya)`,
    );
  });

  it('keeps the isolates the text balances itself', () => {
    expect(isolate(`a${FSI}b${PDI}c`)).toBe(`${FSI}a${FSI}b${PDI}c${PDI}`);
  });

  it('lets no pop in the text end the isolate early', () => {
    expect(isolate(`abc${PDI}${RLO}tail`)).toBe(`${FSI}abc${RLO}tail${PDI}`);
  });

  it('closes the isolates the text leaves open', () => {
    expect(isolate(`abc\u2067def`)).toBe(`${FSI}abc\u2067def${PDI}${PDI}`);
  });
});
