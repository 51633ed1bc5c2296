/*
 * The webhook sources the routes serve, by id. Each verifies its
 * deliveries and maps them to KPI events; see types.ts for the contract.
 */
import { createGithubSource } from './github/githubSource';
import { createGitlabSource } from './gitlab/gitlabSource';
import { createPagerdutySource } from './pagerduty/pagerdutySource';
import type { WebhookSource, WebhookSourceId } from './types';

export * from './types';
export { createGithubSource } from './github/githubSource';
export { createGitlabSource } from './gitlab/gitlabSource';
export { createPagerdutySource } from './pagerduty/pagerdutySource';

export type WebhookSourcesOptions = {
  /** platformKpis.productionEnvironments, as readKpiSettings returns it. */
  productionEnvironments: readonly string[];
};

export function createWebhookSources(
  options: WebhookSourcesOptions,
): Record<WebhookSourceId, WebhookSource> {
  return {
    github: createGithubSource(options),
    gitlab: createGitlabSource(options),
    pagerduty: createPagerdutySource(),
  };
}
