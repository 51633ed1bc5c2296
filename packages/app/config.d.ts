export interface Config {
  lodestar?: {
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page, in order.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github' | 'oidc'>;
    };
  };
}
