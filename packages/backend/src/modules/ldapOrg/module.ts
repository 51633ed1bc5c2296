/*
 * People and teams from LDAP / Active Directory: Backstage's LDAP module
 * reads and maps (`LdapOrgEntityProvider`, config under
 * catalog.providers.ldapOrg.<id>); Lodestar schedules it with
 * ScheduledOrgSync (modules/orgSync), as it does Entra ID and GitHub, so
 * that a failed sync is ONE clear log line naming the directory and the
 * cause, told in LDAP's terms (describeLdapFailure.ts: upstream logs a
 * nested error with a stack trace and calls a refused connection a failed
 * bind). A failed sync changes nothing in the catalog: the provider only
 * replaces its entities after a complete read, and a read with no people at
 * all is refused, so the last good org stays and the portal keeps serving.
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
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  ScheduledOrgSync,
  ScheduledOrgSyncOptions,
} from '../orgSync/ScheduledOrgSync';
import { describeLdapFailure, redactUrl } from './describeLdapFailure';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
};

/** One configured directory, synced on its schedule with one-line failures. */
export function createLdapOrgSync(options: {
  inner: ScheduledOrgSyncOptions['inner'];
  id: string;
  target: string;
  bindDn?: string;
  usersBaseDn?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  scheduler: SchedulerService;
  logger: LoggerService;
}): ScheduledOrgSync {
  const { inner, id, target, bindDn, usersBaseDn } = options;
  return new ScheduledOrgSync({
    inner: {
      getProviderName: () => inner.getProviderName(),
      connect: connection => inner.connect(connection),
      // The cause in LDAP's terms; ScheduledOrgSync frames the line.
      async read(readOptions) {
        try {
          await inner.read(readOptions);
        } catch (error) {
          throw new Error(describeLdapFailure(error, { bindDn }));
        }
      },
    },
    title: `LDAP org sync "${id}" from ${redactUrl(target)}`,
    noPeopleHint: `check LDAP_USERS_BASE_DN${
      usersBaseDn ? ` (${usersBaseDn})` : ''
    } and LDAP_USERS_FILTER`,
    schedule: options.schedule,
    scheduler: options.scheduler,
    logger: options.logger,
  });
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
export function createLdapOrgSyncs(options: {
  config: Config;
  logger: LoggerService;
  scheduler: SchedulerService;
}): ScheduledOrgSync[] {
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
    return createLdapOrgSync({
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
        for (const provider of createLdapOrgSyncs({
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
