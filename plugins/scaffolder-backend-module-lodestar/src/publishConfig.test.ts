import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readPublishConfig } from './publishConfig';

const config = (data: object) => new ConfigReader(data);

describe('readPublishConfig', () => {
  it('defaults to nothing and asks for the local directory', () => {
    expect(() => readPublishConfig(config({}))).toThrow(
      'lodestar.publish.local.directory is missing',
    );
    expect(
      readPublishConfig(
        config({
          lodestar: { publish: { local: { directory: '../../.data/git' } } },
        }),
      ),
      // Relative to the backend's working directory, as app-config.yaml has it.
    ).toEqual({
      target: 'local',
      directory: path.resolve('../../.data/git'),
    });
  });

  it('needs an organisation and a GitHub token or app for github', () => {
    const github = { target: 'github', github: { owner: 'tidewater' } };
    expect(() =>
      readPublishConfig(config({ lodestar: { publish: github } })),
    ).toThrow(
      'lodestar.publish.target is github, but integrations.github has no token or app for github.com',
    );
    expect(() =>
      readPublishConfig(
        config({
          lodestar: { publish: { target: 'github', github: {} } },
          integrations: { github: [{ host: 'github.com', token: 't' }] },
        }),
      ),
    ).toThrow('lodestar.publish.github.owner is missing');
    expect(
      readPublishConfig(
        config({
          lodestar: { publish: github },
          integrations: { github: [{ host: 'github.com', token: 't' }] },
        }),
      ),
    ).toEqual({
      target: 'github',
      host: 'github.com',
      owner: 'tidewater',
      repoVisibility: 'private',
    });
  });

  it('needs a group and a GitLab token for gitlab', () => {
    const gitlab = {
      target: 'gitlab',
      gitlab: { host: 'gitlab.example.com', owner: 'tidewater/services' },
    };
    expect(() =>
      readPublishConfig(config({ lodestar: { publish: gitlab } })),
    ).toThrow(
      'lodestar.publish.target is gitlab, but integrations.gitlab has no token for gitlab.example.com',
    );
    expect(
      readPublishConfig(
        config({
          lodestar: { publish: gitlab },
          integrations: {
            gitlab: [
              {
                host: 'gitlab.example.com',
                apiBaseUrl: 'https://gitlab.example.com/api/v4',
                token: 't',
              },
            ],
          },
        }),
      ),
    ).toEqual({
      target: 'gitlab',
      host: 'gitlab.example.com',
      owner: 'tidewater/services',
      repoVisibility: 'private',
    });
  });

  it('refuses an unknown target or visibility by name', () => {
    expect(() =>
      readPublishConfig(config({ lodestar: { publish: { target: 'svn' } } })),
    ).toThrow(
      'lodestar.publish.target must be "local", "github" or "gitlab", not "svn"',
    );
    expect(() =>
      readPublishConfig(
        config({
          lodestar: {
            publish: {
              target: 'github',
              github: { owner: 'o', repoVisibility: 'secret' },
            },
          },
          integrations: { github: [{ host: 'github.com', token: 't' }] },
        }),
      ),
    ).toThrow(
      'repoVisibility must be private, internal or public, not "secret"',
    );
  });
});
