/*
 * People and teams from LDAP / Active Directory, with Backstage's LDAP
 * module doing the reading and mapping (`LdapOrgEntityProvider`, config under
 * catalog.providers.ldapOrg.<id>) and Lodestar doing the scheduling, so that
 * a failed sync is ONE clear log line naming the directory and the cause
 * (upstream logs a nested error with a stack trace, and calls a refused
 * connection a failed bind). A failed sync changes nothing in the catalog:
 * the provider only replaces its entities after a complete read, so the
 * people and teams of the last good sync stay, and the portal keeps serving.
 *
 * This replaces `@backstage/plugin-catalog-backend-module-ldap`'s default
 * module in main.ts; the provider name (LdapOrgEntityProvider:<id>) and
 * task id are upstream's, so entities synced by either stay owned.
 */
import {
  coreServices,
  createBackendModule,
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { LdapOrgEntityProvider } from '@backstage/plugin-catalog-backend-module-ldap';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { describeLdapFailure, redactUrl } from './describeLdapFailure';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
};

/** One configured directory, synced on its schedule with one-line failures. */
export class ScheduledLdapOrgProvider implements EntityProvider {
  private failing = false;

  constructor(
    private readonly options: {
      inner: LdapOrgEntityProvider;
      id: string;
      target: string;
      bindDn?: string;
      schedule: SchedulerServiceTaskScheduleDefinition;
      scheduler: SchedulerService;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return this.options.inner.getProviderName();
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    await this.options.inner.connect(connection);
    await this.options.scheduler.scheduleTask({
      id: `${this.getProviderName()}:refresh`,
      ...this.options.schedule,
      fn: () => this.sync(),
    });
  }

  /** One complete read and replace; never throws. */
  async sync(): Promise<void> {
    const { inner, id, target, bindDn, logger } = this.options;
    try {
      await inner.read({ logger });
      if (this.failing) {
        this.failing = false;
        logger.info(
          `LDAP org sync "${id}" from ${redactUrl(target)} works again.`,
        );
      }
    } catch (error) {
      this.failing = true;
      logger.error(
        `LDAP org sync "${id}" from ${redactUrl(
          target,
        )} failed: ${describeLdapFailure(error, {
          bindDn,
        })}. The catalog keeps the people and teams of the last successful sync.`,
      );
    }
  }
}

/** The configured LDAP providers, wrapped; none when no section is set. */
export function createLdapOrgProviders(options: {
  config: Config;
  logger: LoggerService;
  scheduler: SchedulerService;
}): ScheduledLdapOrgProvider[] {
  const { config, logger, scheduler } = options;
  const sections = config.getOptionalConfig('catalog.providers.ldapOrg');
  if (!sections) return [];
  const providers = LdapOrgEntityProvider.fromConfig(config, {
    logger,
    schedule: 'manual',
  });
  return providers.map(inner => {
    const id = inner.getProviderName().replace(/^LdapOrgEntityProvider:/, '');
    const section = sections.getConfig(id);
    return new ScheduledLdapOrgProvider({
      inner,
      id,
      target: section.getString('target'),
      bindDn: section.getOptionalString('bind.dn'),
      schedule: section.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            section.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      scheduler,
      logger: logger.child({ provider: inner.getProviderName() }),
    });
  });
}

export const catalogModuleLodestarLdapOrg = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'lodestar-ldap-org',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        for (const provider of createLdapOrgProviders({
          config,
          logger,
          scheduler,
        })) {
          catalog.addEntityProvider(provider);
        }
      },
    });
  },
});

export default catalogModuleLodestarLdapOrg;
