import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Platform requests: the intake of the platform team. */
  platformRequests?: {
    /**
     * The categories a requester picks from. Default: the common package's
     * DEFAULT_CATEGORIES (pain point, access, new capability, …).
     */
    categories?: Array<{
      /** Stable id stored on each request, e.g. `access`. */
      id: string;
      /** Shown in the UI. */
      title: string;
    }>;
    /**
     * Days after a request is done or declined during which its requester may
     * reopen it. The platform team can reopen at any time. Default 14.
     */
    reopenWindowDays?: number;
    /**
     * Weights of the priority score's factors. Any left out keep their
     * defaults (votes 20, teams 25, hoursLost 25, urgency 20, age 10).
     */
    priorityWeights?: {
      votes?: number;
      teams?: number;
      hoursLost?: number;
      urgency?: number;
      age?: number;
    };
    /**
     * SLA targets per urgency, in hours: until a new request is triaged and
     * until it is resolved. Any left out keep their defaults.
     */
    sla?: {
      low?: { triageHours?: number; resolveHours?: number };
      medium?: { triageHours?: number; resolveHours?: number };
      high?: { triageHours?: number; resolveHours?: number };
      critical?: { triageHours?: number; resolveHours?: number };
    };
    /**
     * The check that warns the platform team when a request reaches 80 % of
     * an SLA and when it breaches it (a notification, and an email where
     * email is configured). Default: every 5 minutes.
     */
    slaAlerts?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * The weekly intake digest to the platform team (filed, resolved, open,
     * past an SLA). Default: Mondays at 08:00 UTC.
     */
    weeklyDigest?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
  search?: {
    collators?: {
      /** The platform-request collator of the search plugin. */
      platformRequests?: {
        /** How often the index is rebuilt. Default every 10 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
