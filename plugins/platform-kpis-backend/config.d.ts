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
