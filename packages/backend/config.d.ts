import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  lodestar?: {
    /**
     * Entity ref of the catalog Group whose members run the platform: they
     * triage requests and manage templates. Default group:default/platform-team.
     */
    platformTeam?: string;
  };
  catalog?: {
    providers?: {
      ldapOrg?: {
        [id: string]: {
          /**
           * How often the LDAP org sync runs. The LDAP module reads this key
           * but its own config schema leaves it out; declared here so that
           * `config:check --strict` accepts it.
           */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        };
      };
    };
  };
}
