import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  lodestar?: {
    /**
     * Entity ref of the catalog Group whose members run the platform: they
     * triage requests and manage templates. Default group:default/platform-team.
     */
    platformTeam?: string;
    /** DEMO DATA only: the embedded default's demo seeder. */
    demo?: {
      /**
       * Lets a write say when it happened (`x-lodestar-demo-at` header), so
       * the demo seeder can post a year of history through the public APIs.
       * A production config refuses to start with it.
       */
      backdating?: boolean;
    };
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
  notifications?: {
    processors?: {
      email?: {
        retry?: {
          /**
           * Wait before the second attempt at a mail the SMTP server did not
           * take; it doubles for each attempt after (6 in all, at most 8
           * minutes apart). Default 30 seconds.
           */
          firstDelay?: HumanDuration | string;
        };
      };
    };
  };
}
