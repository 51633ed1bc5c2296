import { repositoryLocation } from './publishTarget';

describe('repositoryLocation', () => {
  it('names a GitHub repository owner/name', () => {
    expect(
      repositoryLocation(
        {
          target: 'github',
          host: 'github.tidewater.example',
          owner: 'tidewater',
          repoVisibility: 'internal',
        },
        'parcel-tracker',
      ),
    ).toEqual({
      target: 'github',
      slug: 'tidewater/parcel-tracker',
      slugAnnotation: 'github.com/project-slug',
    });
  });

  it('names a GitLab project by the group path and its name', () => {
    expect(
      repositoryLocation(
        {
          target: 'gitlab',
          host: 'gitlab.tidewater.example',
          owner: 'tidewater/services/',
          repoVisibility: 'private',
        },
        'quay-weather',
      ),
    ).toEqual({
      target: 'gitlab',
      slug: 'tidewater/services/quay-weather',
      slugAnnotation: 'gitlab.com/project-slug',
    });
  });

  it('gives no annotation for a local repository', () => {
    expect(
      repositoryLocation({ target: 'local', directory: '/srv/git' }, 'x-y-z'),
    ).toEqual({ target: 'local', slug: '', slugAnnotation: '' });
  });
});
