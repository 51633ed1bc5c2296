/*
 * Start-up checks of the org sources (catalog.providers.*, see
 * catalogSources.ts): a source that is switched on but misses a secret or
 * value it cannot work without is one line naming the environment variable
 * to set, instead of a stack trace from the module or a sync that fails an
 * hour later. The variable is read from the `${VAR}` the config files
 * themselves hold at that key, so the message stays true when the file
 * changes. With no org source at all in a production config, one warning
 * says how to configure one.
 */
import { Config } from '@backstage/config';
import {
  CatalogSource,
  catalogSources,
  configuredEntries,
} from './catalogSources';

type JsonObject = Record<string, any>;

export type OrgSourceFindings = {
  /** Each one stops the start. */
  errors: string[];
  warnings: string[];
};

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SUBSTITUTION = /^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::-[^}]*)?\}$/;

type KeyPath = Array<string | number>;

/** catalog.providers.x or integrations.github[0].token */
const dotted = (path: KeyPath) =>
  path
    .map(k => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .slice(1);

function rawValueAt(doc: unknown, path: KeyPath): unknown {
  let node: unknown = doc;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[key];
    } else {
      if (!isObject(node)) return undefined;
      node = node[key];
    }
  }
  return node;
}

/**
 * The raw (unsubstituted) config documents, in load order, so a key can be
 * traced back to the `${VAR}` that should have filled it.
 */
export class RawConfigFiles {
  constructor(private readonly docs: unknown[]) {}

  /** Whether any file names the key (whatever its value). */
  declares(path: KeyPath): boolean {
    return this.docs.some(doc => rawValueAt(doc, path) !== undefined);
  }

  /** The variable the last file naming the key fills it from, if any. */
  variableAt(path: KeyPath): string | undefined {
    for (const doc of [...this.docs].reverse()) {
      const raw = rawValueAt(doc, path);
      if (raw === undefined) continue;
      return typeof raw === 'string' ? SUBSTITUTION.exec(raw)?.[1] : undefined;
    }
    return undefined;
  }

  /**
   * Where in the last file that has the list at `path` an element matching
   * `match` stands.
   */
  indexInList(
    path: KeyPath,
    match: (element: any) => boolean,
  ): number | undefined {
    for (const doc of [...this.docs].reverse()) {
      const list = rawValueAt(doc, path);
      if (!Array.isArray(list)) continue;
      const index = list.findIndex(match);
      if (index >= 0) return index;
    }
    return undefined;
  }

  /** `VAR is not set (path)`, or `path is not set` without a variable. */
  describeMissing(path: KeyPath, where: KeyPath = path): string {
    const variable = this.variableAt(where);
    return variable
      ? `${variable} is not set (${dotted(path)})`
      : `${dotted(path)} is not set`;
  }
}

const has = (value: unknown) => value !== undefined && value !== '';

/**
 * Microsoft Entra ID: the app registration's client id and secret go
 * together (the module refuses one without the other). Both are required
 * where the config declares them; a config that leaves both out on purpose
 * uses Azure's default credential (a managed identity).
 */
function checkMicrosoftGraph(
  source: CatalogSource,
  id: string,
  entry: JsonObject,
  raw: RawConfigFiles,
): string[] {
  const base = ['catalog', 'providers', source.key, id];
  const keys = ['clientId', 'clientSecret'];
  const anySet = keys.some(k => has(entry[k]));
  return keys
    .filter(k => !has(entry[k]))
    .filter(k => anySet || raw.declares([...base, k]))
    .map(k => `${source.title} org sync: ${raw.describeMissing([...base, k])}`);
}

/**
 * LDAP: the bind DN and its secret go together (both left out of the config
 * means an anonymous bind, which some directories allow), and the users and
 * groups need their base DNs, without which the module cannot search.
 */
function checkLdap(
  source: CatalogSource,
  id: string,
  entry: JsonObject,
  raw: RawConfigFiles,
): string[] {
  const base = ['catalog', 'providers', source.key, id];
  const bindKeys = ['dn', 'secret'];
  const bind = isObject(entry.bind) ? entry.bind : {};
  const anyBind = bindKeys.some(k => has(bind[k]));
  const missing: KeyPath[] = bindKeys
    .filter(k => !has(bind[k]))
    .filter(k => anyBind || raw.declares([...base, 'bind', k]))
    .map(k => [...base, 'bind', k]);
  for (const list of ['users', 'groups']) {
    const value = entry[list];
    let entries: unknown[] = [];
    if (Array.isArray(value)) entries = value;
    else if (isObject(value)) entries = [value];
    if (entries.length === 0) {
      missing.push([...base, list]);
      continue;
    }
    entries.forEach((e: unknown, index: number) => {
      if (!isObject(e) || !has(e.dn))
        missing.push([...base, list, index, 'dn']);
    });
  }
  return missing.map(
    path => `${source.title} org sync: ${raw.describeMissing(path)}`,
  );
}

/**
 * GitHub organisation: the integration for githubUrl's host needs a token
 * (or a GitHub App); without one every sync would fail.
 */
function checkGithubOrg(
  source: CatalogSource,
  entry: JsonObject,
  config: Config,
  raw: RawConfigFiles,
): string[] {
  const url = String(entry.githubUrl ?? 'https://github.com');
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return [
      `${
        source.title
      } org sync: githubUrl ${url} is not a URL (${raw.describeMissing([
        'catalog',
        'providers',
        source.key,
        'githubUrl',
      ])})`,
    ];
  }
  const integrations = (config.getOptional('integrations.github') ??
    []) as JsonObject[];
  const index = integrations.findIndex(i => i.host === host);
  if (index < 0) {
    return host === 'github.com'
      ? [
          `${source.title} org sync: integrations.github has no entry for github.com with a token`,
        ]
      : [
          `${source.title} org sync: integrations.github has no entry for ${host} (the host of githubUrl)`,
        ];
  }
  const integration = integrations[index];
  if (has(integration.token) || integration.apps?.length) return [];
  // The files may list the integrations in another order than the merged
  // config; find this host's entry in them.
  const rawIndex =
    raw.indexInList(['integrations', 'github'], e => e?.host === host) ?? index;
  return [
    `${source.title} org sync: ${raw.describeMissing(
      ['integrations', 'github', index, 'token'],
      ['integrations', 'github', rawIndex, 'token'],
    )}`,
  ];
}

/** Errors and warnings about the org sources of a loaded config. */
export function checkOrgSources(
  config: Config,
  raw: RawConfigFiles,
): OrgSourceFindings {
  const providers = config.getOptional('catalog.providers') as
    | JsonObject
    | undefined;
  const errors: string[] = [];
  let configured = 0;
  for (const source of catalogSources.filter(s => s.kind === 'org')) {
    for (const { id, entry } of configuredEntries(source, providers)) {
      configured += 1;
      if (source.key === 'ldapOrg') {
        errors.push(...checkLdap(source, id, entry, raw));
      } else if (source.key === 'microsoftGraphOrg') {
        errors.push(...checkMicrosoftGraph(source, id, entry, raw));
      } else if (source.key === 'githubOrg') {
        errors.push(...checkGithubOrg(source, entry, config, raw));
      }
    }
  }
  const warnings: string[] = [];
  const production =
    config.getOptionalString('auth.environment') === 'production';
  if (configured === 0 && production) {
    warnings.push(
      'no org source is configured, so the catalog has no people or teams and nobody can sign in until someone adds them by hand. Set the variables of one: LDAP (LDAP_URL, …), Microsoft Entra ID (AZURE_TENANT_ID, …) or a GitHub organisation (GITHUB_ORG_SYNC_ORG, …); see "People and teams" in docs/operations.md.',
    );
  }
  return { errors, warnings };
}
