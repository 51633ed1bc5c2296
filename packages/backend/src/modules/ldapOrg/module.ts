/*
 * People and teams from LDAP / Active Directory, with Backstage's LDAP
 * module doing the reading and mapping (`LdapOrgEntityProvider`, config under
 * catalog.providers.ldapOrg.<id>) and Lodestar doing the scheduling, so that
 * a failed sync is ONE clear log line naming the directory and the cause
 * (upstream logs a nested error with a stack trace, and calls a refused
 * connection a failed bind). A failed sync changes nothing in the catalog:
 * the provider only replaces its entities after a complete read, so the
 * people and teams of the last good sync stay, and the portal keeps serving.
 * A read with no people at all is refused the same way (NoPeopleGuard).
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
  EntityProviderMutation,
  EntityProviderRefreshOptions,
} from '@backstage/plugin-catalog-node';
import { describeLdapFailure, redactUrl } from './describeLdapFailure';

/**
 * The provider's connection, refusing a full replace without any User: a
 * sync that reads no one (a wrong filter or base DN that still exists)
 * would otherwise remove every person from the catalog and lock everyone
 * out. It fails like any other sync and the last good org stays.
 */
export class NoPeopleGuard implements EntityProviderConnection {
  constructor(
    private readonly inner: EntityProviderConnection,
    private readonly usersBaseDn: string | undefined,
  ) {}

  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    if (
      mutation.type === 'full' &&
      !mutation.entities.some(({ entity }) => entity.kind === 'User')
    ) {
      throw Object.assign(
        new Error(
          `the directory returned no people${
            this.usersBaseDn ? ` under ${this.usersBaseDn}` : ''
          }, so nothing was replaced (removing everyone would lock everyone out): check LDAP_USERS_BASE_DN and LDAP_USERS_FILTER`,
        ),
        { name: 'NoPeopleReadError' },
      );
    }
    await this.inner.applyMutation(mutation);
  }

  refresh(options: EntityProviderRefreshOptions): Promise<void> {
    return this.inner.refresh(options);
  }
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
};

/** One configured directory, synced on its schedule with one-line failures. */
export class ScheduledLdapOrgProvider implements EntityProvider {
  private failing = false;

  constructor(
    private readonly options: {
      inner: Pick<
        LdapOrgEntityProvider,
        'getProviderName' | 'connect' | 'read'
      >;
      id: string;
      target: string;
      bindDn?: string;
      usersBaseDn?: string;
      schedule: SchedulerServiceTaskScheduleDefinition;
      scheduler: SchedulerService;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return this.options.inner.getProviderName();
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    await this.options.inner.connect(
      new NoPeopleGuard(connection, this.options.usersBaseDn),
    );
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

/** The first users base DN of a provider section (for messages). */
function readUsersBaseDn(section: Config): string | undefined {
  const users = section.getOptional('users');
  const first = Array.isArray(users) ? users[0] : users;
  return typeof first === 'object' && first && 'dn' in first
    ? String((first as { dn: unknown }).dn)
    : undefined;
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
      usersBaseDn: readUsersBaseDn(section),
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
