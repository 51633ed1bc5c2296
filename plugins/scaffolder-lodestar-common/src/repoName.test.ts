import { repoNameProblem } from './repoName';

describe('repoNameProblem', () => {
  it.each([
    ['parcel-tracker', undefined],
    ['abc', undefined],
    ['a'.repeat(40), undefined],
    ['', 'is required'],
    ['a'.repeat(41), 'must be at most 40 characters (it has 41)'],
    [
      '../x',
      'must contain only lowercase letters, digits and dashes (found ".", "/")',
    ],
    [
      'a/b',
      'must contain only lowercase letters, digits and dashes (found "/")',
    ],
    ['Parcel', 'use lowercase letters only'],
    [
      '${{ x }}',
      'must contain only lowercase letters, digits and dashes (found "$", "{", " ", "}")',
    ],
    ['ab', 'must be at least 3 characters (it has 2)'],
    ['1abc', 'must start with a letter'],
    ['abc-', 'must not end with a dash'],
  ])('%j: %s', (name, problem) => {
    expect(repoNameProblem(name)).toBe(problem);
  });
});
