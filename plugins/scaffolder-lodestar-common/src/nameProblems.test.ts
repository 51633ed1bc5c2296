import { nameProblems } from './nameProblems';

describe('nameProblems', () => {
  it('accepts a valid name', () => {
    expect(nameProblems('parcel-tracker')).toBeUndefined();
  });

  it('leaves an empty value to the required rule', () => {
    expect(nameProblems('')).toBeUndefined();
  });

  it.each([
    [
      '../x',
      'must contain only lowercase letters, digits and dashes (found ".", "/")',
    ],
    [
      'a/b',
      'must contain only lowercase letters, digits and dashes (found "/")',
    ],
    ['Parcel', 'use lowercase letters only'],
    ['a'.repeat(200), 'must be at most 40 characters (it has 200)'],
    ['ab', 'must be at least 3 characters (it has 2)'],
    ['1abc', 'must start with a letter'],
    ['abc-', 'must not end with a dash'],
  ])('rejects %j', (name, problem) => {
    expect(nameProblems(name)).toBe(problem);
  });

  it('names each offending character once, spaces included', () => {
    expect(nameProblems('my app..v2 app')).toBe(
      'must contain only lowercase letters, digits and dashes (found " ", ".")',
    );
  });

  it('accepts the shortest and the longest allowed names', () => {
    expect(nameProblems('abc')).toBeUndefined();
    expect(nameProblems(`a${'b'.repeat(39)}`)).toBeUndefined();
    expect(nameProblems(`a${'b'.repeat(40)}`)).toBe(
      'must be at most 40 characters (it has 41)',
    );
  });

  // The field and the template's `pattern` must never disagree.
  it('agrees with the pattern the templates declare', () => {
    const pattern = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
    for (const name of [
      'parcel-tracker',
      'a1-',
      '-ab',
      'a--b',
      'x9',
      'abc',
      'ab_c',
      `a${'b'.repeat(39)}`,
      `a${'b'.repeat(40)}`,
    ]) {
      expect(nameProblems(name) === undefined).toBe(pattern.test(name));
    }
  });
});
