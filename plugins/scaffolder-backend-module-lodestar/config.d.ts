export interface Config {
  lodestar?: {
    /** Where `publish:lodestar` puts the repositories it creates. */
    publish?: {
      /**
       * local: a bare git repository under `local.directory` (declared by
       * `@internal/plugin-local-git-node`), served by the portal itself (the
       * embedded default). github: a new repository under `github.owner`,
       * through the integration for `github.host`; gitlab likewise.
       */
      target: 'local' | 'github' | 'gitlab';
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
