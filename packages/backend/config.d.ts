export interface Config {
  lodestar?: {
    /**
     * Entity ref of the catalog Group whose members run the platform: they
     * triage requests and manage templates. Default group:default/platform-team.
     */
    platformTeam?: string;
  };
}
