/*
 * Which of the company's systems feed the catalog: the org entity providers
 * (people and teams) and the repository discovery providers, each switched
 * on by setting its variables.
 *
 * app-config.production.yaml carries a section for every source, filled from
 * the environment. Backstage's config loader drops a `${VAR}` that is unset
 * but keeps the section around it, so an unconfigured source would reach its
 * module as a half-empty section and stop the backend. The root config
 * service below loads config exactly as Backstage's does and then removes
 * each provider entry whose switch key (the one value without which the
 * source cannot mean anything) is missing. The upstream modules then see
 * only the sources a company turned on.
 */
import { Config } from '@backstage/config';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigSources, StaticConfigSource } from '@backstage/config-loader';
import { withoutUnconfiguredEmail } from '../modules/emailNotifications/config';

export type CatalogSourceKind = 'org' | 'repositories';

export type CatalogSource = {
  kind: CatalogSourceKind;
  /** How people call it. */
  title: string;
  /** Key under catalog.providers. */
  key: string;
  /**
   * `byId`: entries are keyed by provider id (catalog.providers.ldapOrg.<id>);
   * `list`: an array of entries, or one entry (catalog.providers.githubOrg).
   */
  shape: 'byId' | 'list';
  /** The value without which an entry is switched off. */
  switchKey: string;
};

export const catalogSources: CatalogSource[] = [
  {
    kind: 'org',
    title: 'LDAP',
    key: 'ldapOrg',
    shape: 'byId',
    switchKey: 'target',
  },
  {
    kind: 'org',
    title: 'Microsoft Entra ID',
    key: 'microsoftGraphOrg',
    shape: 'byId',
    switchKey: 'tenantId',
  },
  {
    kind: 'org',
    title: 'GitHub organisation',
    key: 'githubOrg',
    shape: 'list',
    switchKey: 'orgs',
  },
  {
    kind: 'repositories',
    title: 'GitHub discovery',
    key: 'github',
    shape: 'byId',
    switchKey: 'organization',
  },
  {
    kind: 'repositories',
    title: 'GitLab discovery',
    key: 'gitlab',
    shape: 'byId',
    switchKey: 'host',
  },
];

type JsonObject = Record<string, any>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasValue = (value: unknown) =>
  value !== undefined &&
  value !== null &&
  value !== '' &&
  !(Array.isArray(value) && value.length === 0);

/** The switched-on entries of one source, as `{ id, entry }`. */
export function configuredEntries(
  source: CatalogSource,
  providers: JsonObject | undefined,
): Array<{ id: string; entry: JsonObject }> {
  const value = providers?.[source.key];
  if (value === undefined) return [];
  if (source.shape === 'list') {
    const list = Array.isArray(value) ? value : [value];
    return list
      .filter(isObject)
      .filter(entry => hasValue(entry[source.switchKey]))
      .map((entry, index) => ({ id: String(entry.id ?? index), entry }));
  }
  if (!isObject(value)) return [];
  return Object.entries(value)
    .filter(([, entry]) => isObject(entry) && hasValue(entry[source.switchKey]))
    .map(([id, entry]) => ({ id, entry }));
}

/** How many entries a source's section holds, switched on or not. */
function entryCount(source: CatalogSource, value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (!isObject(value)) return 0;
  return source.shape === 'list' ? 1 : Object.keys(value).length;
}

/**
 * The config data with every switched-off source entry removed, or
 * undefined when nothing needed removing.
 */
export function withoutUnconfiguredSources(
  data: JsonObject,
): JsonObject | undefined {
  const providers = data.catalog?.providers;
  if (!isObject(providers)) return undefined;
  let changed = false;
  const kept: JsonObject = { ...providers };
  for (const source of catalogSources) {
    if (!(source.key in providers)) continue;
    const entries = configuredEntries(source, providers);
    const count = entryCount(source, providers[source.key]);
    if (entries.length === count) continue;
    changed = true;
    if (entries.length === 0) {
      delete kept[source.key];
    } else if (source.shape === 'list') {
      kept[source.key] = entries.map(e => e.entry);
    } else {
      kept[source.key] = Object.fromEntries(entries.map(e => [e.id, e.entry]));
    }
  }
  if (!changed) return undefined;
  return { ...data, catalog: { ...data.catalog, providers: kept } };
}

/**
 * Backstage's root config service, with unconfigured sources removed (and
 * the email channel's section when SMTP_HOST is unset, for the same reason).
 */
export const rootConfigServiceFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory(): Promise<Config> {
    const source = ConfigSources.default({});
    console.log(`Loading config from ${source}`);
    const config = await ConfigSources.toConfig(source);
    const data = config.get() as JsonObject;
    const withSources = withoutUnconfiguredSources(data);
    const withEmail = withoutUnconfiguredEmail(withSources ?? data);
    const pruned = withEmail ?? withSources;
    // Untouched, the loader's config keeps its live updates (yarn dev).
    // Pruned, it goes through the loader again: a plain ConfigReader throws
    // from getConfig() on a missing key where the loader's config does not,
    // and the guest module asks for auth.providers.guest unconditionally.
    return pruned
      ? ConfigSources.toConfig(
          StaticConfigSource.create({ data: pruned, context: `${source}` }),
        )
      : config;
  },
});
