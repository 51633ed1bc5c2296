import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readLocalGitConfig } from './config';

const config = (publish?: object) =>
  new ConfigReader(publish ? { lodestar: { publish } } : {});

describe('readLocalGitConfig', () => {
  it('resolves the directory from the working directory, local being the default target', () => {
    const local = { local: { directory: '../../.data/git' } };
    const expected = { directory: path.resolve('../../.data/git') };
    expect(readLocalGitConfig(config(local))).toEqual(expected);
    expect(readLocalGitConfig(config({ target: 'local', ...local }))).toEqual(
      expected,
    );
  });

  it('asks for the directory when the target is local', () => {
    expect(() => readLocalGitConfig(config())).toThrow(
      'lodestar.publish.local.directory is missing',
    );
  });

  it('is off when publish:lodestar publishes to a code host', () => {
    const local = { local: { directory: '../../.data/git' } };
    expect(readLocalGitConfig(config({ target: 'github', ...local }))).toBe(
      undefined,
    );
    expect(readLocalGitConfig(config({ target: 'gitlab' }))).toBe(undefined);
  });
});
