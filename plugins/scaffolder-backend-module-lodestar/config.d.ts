export interface Config {
  lodestar?: {
    /** Where `publish:lodestar` puts the repositories it creates. */
    publish?: {
      /**
       * local: a bare git repository under `local.directory`, served by the
       * portal itself (the embedded default). github: a new repository under
       * `github.owner`, through the integration for `github.host`.
       */
      target: 'local' | 'github' | 'gitlab';
      local?: {
        /** Directory holding the bare repositories, relative to the backend's working directory. */
        directory: string;
      };
      gitlab?: {
        /** Defaults to gitlab.com; must have an entry with a token under integrations.gitlab. */
        host?: string;
        /** The group path that owns new projects, e.g. tidewater/services. */
        owner: string;
        /** Defaults to private. */
        repoVisibility?: 'private' | 'internal' | 'public';
      };
      github?: {
        /** Defaults to github.com; must have an entry under integrations.github. */
        host?: string;
        /** The organisation or user that owns new repositories. */
        owner: string;
        /** Defaults to private. */
        repoVisibility?: 'private' | 'internal' | 'public';
      };
    };
  };
}
