export interface Config {
  /** Platform KPIs. */
  platformKpis?: {
    /**
     * Deployment environments that count as production for DORA, compared
     * without regard to case. Default: production, prod.
     */
    productionEnvironments?: string[];
    /**
     * Run every collector this often instead of its default (catalog every
     * 10 minutes, template runs and requests every 5, kept webhook events
     * every minute). For tests and demos.
     */
    collectorIntervalSeconds?: number;
    /**
     * Signed webhooks at /api/platform-kpis/webhooks/<source>. A source
     * without a secret refuses every delivery (503): unsigned deliveries are
     * never accepted. `secrets` lists several during a rotation.
     */
    webhooks?: {
      /**
       * Seconds a repository's or service's claiming components are
       * remembered (default 30; 0 asks the catalog for every delivery). A
       * claim nobody holds is never remembered.
       */
      claimCacheSeconds?: number;
      github?: {
        /** @visibility secret */
        secret?: string;
        /** @visibility secret */
        secrets?: string[];
      };
      gitlab?: {
        /** @visibility secret */
        secret?: string;
        /** @visibility secret */
        secrets?: string[];
      };
      pagerduty?: {
        /** @visibility secret */
        secret?: string;
        /** @visibility secret */
        secrets?: string[];
      };
    };
  };
}
