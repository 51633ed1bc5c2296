export interface Config {
  /** Platform KPIs. */
  platformKpis?: {
    /**
     * Deployment environments that count as production for DORA, compared
     * without regard to case. Default: production, prod.
     */
    productionEnvironments?: string[];
  };
}
