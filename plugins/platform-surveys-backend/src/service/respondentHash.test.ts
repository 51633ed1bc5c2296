import { createRespondentHasher } from './respondentHash';

describe('respondent hash', () => {
  it('is the same for a person in a round, whatever the case of their ref', () => {
    const hash = createRespondentHasher('k'.repeat(32));
    expect(hash('s', 1, 'user:default/Sam')).toBe(
      hash('s', 1, 'user:default/sam'),
    );
  });

  it('differs between rounds, surveys and keys, and does not contain the ref', () => {
    const hash = createRespondentHasher('k'.repeat(32));
    const h = hash('s', 1, 'user:default/sam');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hash('s', 2, 'user:default/sam')).not.toBe(h);
    expect(hash('t', 1, 'user:default/sam')).not.toBe(h);
    expect(
      createRespondentHasher('j'.repeat(32))('s', 1, 'user:default/sam'),
    ).not.toBe(h);
  });
});
