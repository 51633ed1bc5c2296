/*
 * The plugin's settings from app-config (platformKpis.*), with defaults.
 */
import { Config } from '@backstage/config';
import { WEBHOOK_SOURCE_IDS, WebhookSourceId } from './sources/types';

export type KpiSettings = {
  productionEnvironments: string[];
  /** Overrides every collector's interval when set. */
  collectorIntervalSeconds?: number;
  /**
   * The secrets each webhook source's deliveries may be signed with (several
   * during a rotation); an empty list means the source is not configured.
   */
  webhookSecrets: Record<WebhookSourceId, string[]>;
  /** How long a repository's or service's claiming components are remembered. */
  claimCacheMs: number;
};

/** Default of platformKpis.webhooks.claimCacheSeconds. */
export const CLAIM_CACHE_SECONDS = 30;

export function readKpiSettings(config: Config): KpiSettings {
  const environments = config.getOptionalStringArray(
    'platformKpis.productionEnvironments',
  ) ?? ['production', 'prod'];
  return {
    productionEnvironments: environments.map(e => e.toLocaleLowerCase('en-US')),
    collectorIntervalSeconds: config.getOptionalNumber(
      'platformKpis.collectorIntervalSeconds',
    ),
    webhookSecrets: Object.fromEntries(
      WEBHOOK_SOURCE_IDS.map(id => [id, readSecrets(config, id)]),
    ) as Record<WebhookSourceId, string[]>,
    claimCacheMs: readClaimCacheSeconds(config) * 1000,
  };
}

function readClaimCacheSeconds(config: Config): number {
  const key = 'platformKpis.webhooks.claimCacheSeconds';
  const seconds = config.getOptionalNumber(key) ?? CLAIM_CACHE_SECONDS;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`${key} must be 0 or more seconds, not ${seconds}`);
  }
  return seconds;
}

/** `secret` and `secrets` together; blanks (an unset variable) drop out. */
function readSecrets(config: Config, id: WebhookSourceId): string[] {
  const at = `platformKpis.webhooks.${id}`;
  const all = [
    config.getOptionalString(`${at}.secret`),
    ...(config.getOptionalStringArray(`${at}.secrets`) ?? []),
  ];
  return [...new Set(all.filter((s): s is string => !!s && s.trim() !== ''))];
}
