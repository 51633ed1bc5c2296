export interface Config {
  lodestar?: {
    publish?: {
      /**
       * Read when `lodestar.publish.target` (the scaffolder module's) is
       * `local`, the default: where the local-git plugin keeps the bare
       * repositories publish:lodestar creates.
       */
      local?: {
        /** Directory holding the bare repositories, relative to the backend's working directory. */
        directory: string;
      };
    };
  };
}
