/**
 * The platform-kpis backend: event ingestion, collectors and the KPI read
 * endpoints under /api/platform-kpis; and the webhook sources, which read a
 * GitHub, GitLab or PagerDuty delivery into KPI events.
 *
 * @packageDocumentation
 */
export { platformKpisPlugin as default } from './plugin';
export { createWebhookSources } from './sources';
