export interface Config {
  /** Platform KPIs. */
  platformKpis?: {
    /**
     * Deployment environments that count as production for DORA, compared
     * without regard to case. Default: production, prod.
     */
    productionEnvironments?: string[];
    /**
     * Run every collector this often instead of its default (catalog hourly,
     * template runs and requests every 5 minutes). For tests and demos.
     */
    collectorIntervalSeconds?: number;
  };
}
