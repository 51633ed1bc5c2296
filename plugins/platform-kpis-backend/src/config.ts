/*
 * The plugin's settings from app-config (platformKpis.*), with defaults.
 */
import { Config } from '@backstage/config';

export type KpiSettings = {
  productionEnvironments: string[];
  /** Overrides every collector's interval when set. */
  collectorIntervalSeconds?: number;
};

export function readKpiSettings(config: Config): KpiSettings {
  const environments = config.getOptionalStringArray(
    'platformKpis.productionEnvironments',
  ) ?? ['production', 'prod'];
  return {
    productionEnvironments: environments.map(e => e.toLocaleLowerCase('en-US')),
    collectorIntervalSeconds: config.getOptionalNumber(
      'platformKpis.collectorIntervalSeconds',
    ),
  };
}
